"""Generates the AsyncAPI 3.0 document of every topic and event from the contract registry, so it cannot drift.

    python -m journey_platform.asyncapi > docs/asyncapi.json

Channels are the topics (one per producer, and the public topics); messages are the contracts, each a
CloudEvents envelope (NL GOV profile) whose `data` is the contract's JSON schema; operations say who
sends to and who receives from each topic.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from typing import Any

from pydantic.json_schema import models_json_schema

from journey_platform.contracts.base import EventContract, JourneyEvent, registry
from journey_platform.messaging.envelope import _REVERSE_DNS_TYPE, _URN_SOURCE, CONTENT_TYPE, JOURNEY_SEQUENCE

ASYNCAPI_VERSION = "3.0.0"
DOCUMENT_VERSION = "1.0.0"
ENVELOPE = "CloudEvent"


def _envelope_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "CloudEvents 1.0, NL GOV profile, structured JSON mode.",
        "required": ["specversion", "id", "source", "type", "time", "datacontenttype", "data"],
        "properties": {
            "specversion": {"type": "string", "const": "1.0"},
            "id": {"type": "string", "format": "uuid"},
            "source": {"type": "string", "pattern": _URN_SOURCE.pattern, "description": "urn:nld:oin:<OIN>:systeem:<service>"},
            "type": {"type": "string", "pattern": _REVERSE_DNS_TYPE.pattern},
            "time": {"type": "string", "format": "date-time"},
            "subject": {"type": "string", "description": "The journey id, or the resource id."},
            "datacontenttype": {"type": "string", "const": "application/json"},
            JOURNEY_SEQUENCE: {
                "type": "integer",
                "minimum": 1,
                "description": "Extension: the producer's number of this journey event within its journey (1, 2, 3, ...);"
                " absent on resource events, public copies and events sent before it existed.",
            },
            "data": {"type": "object"},
        },
    }


def _channel_id(topic: str) -> str:
    return topic.replace(".", "-")


def _message(contract: type[EventContract], schema_ref: dict[str, Any]) -> dict[str, Any]:
    key = "the client's pseudonymous id" if issubclass(contract, JourneyEvent) else "the resource id"
    return {
        "name": contract.name,
        "title": contract.event_type(),
        "summary": contract.description.split(". ")[0].rstrip("."),
        "description": contract.description,
        "contentType": CONTENT_TYPE,
        "payload": {
            "allOf": [
                {"$ref": f"#/components/schemas/{ENVELOPE}"},
                {
                    "type": "object",
                    "required": ["data"],
                    "properties": {"type": {"const": contract.event_type()}, "data": schema_ref},
                },
            ]
        },
        "bindings": {
            "kafka": {"key": {"type": "string", "description": f"Kafka message key: {key}."}, "bindingVersion": "0.5.0"}
        },
    }


def render() -> dict[str, Any]:
    contracts = sorted(registry().items())
    refs, top = models_json_schema(
        [(c, "serialization") for _, c in contracts], by_alias=True, ref_template="#/components/schemas/{model}"
    )
    schemas: dict[str, Any] = {ENVELOPE: _envelope_schema(), **top.get("$defs", {})}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    receivers: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event_type, contract in contracts:
        topic, message_id = contract.topic(), contract.name
        channel = channels.setdefault(
            _channel_id(topic),
            {
                "address": topic,
                "title": topic,
                "messages": {},
                "description": f"Events produced by {contract.producer}"
                + (
                    f" (minimised copies of {contract.source_producer}'s journey events)"
                    if hasattr(contract, "source_producer")
                    else ""
                )
                + ".",
            },
        )
        messages[event_type] = _message(contract, refs[(contract, "serialization")])
        channel["messages"][message_id] = {"$ref": f"#/components/messages/{event_type}"}
        for consumer in contract.consumers:
            receivers[(consumer, _channel_id(topic))].append(message_id)
    for channel_id, channel in channels.items():
        operations[f"send-{channel_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{m}"} for m in channel["messages"]],
        }
    for (consumer, channel_id), ids in sorted(receivers.items()):
        operations[f"{consumer}-receives-{channel_id}"] = {
            "action": "receive",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "summary": f"{consumer} follows these events.",
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{m}"} for m in ids],
        }
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "Opvangketen events",
            "version": DOCUMENT_VERSION,
            "description": "Every topic and event of the Opvangketen services, generated from the event contracts "
            "(see docs/events.md). One topic per producing service; the message key keeps one "
            "client's events in order. No BSN, name, date of birth, address or free text.",
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": {
            "kafka": {"host": "kafka:9092", "protocol": "kafka", "description": "The deployment's KAFKA_BOOTSTRAP_SERVERS."}
        },
        "channels": dict(sorted(channels.items())),
        "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }


@cache
def asyncapi_document() -> dict[str, Any]:
    """Rendered once, on first request (not at import time)."""
    return render()


def render_json() -> str:
    return json.dumps(render(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render_json(), end="")
