"""Generates the event catalogue (docs/events.md) from the contracts, so it cannot drift.

python -m journey_platform.catalogue > docs/events.md
"""

from __future__ import annotations

from typing import Any

from journey_platform.contracts.base import JourneyEvent, registry


def _type_of(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in schema:
        name: str = schema["$ref"].rsplit("/", 1)[1]
        target = defs.get(name, {})
        if "enum" in target:
            return "enum: " + " \\| ".join(f"`{v}`" for v in target["enum"])
        return name
    if "anyOf" in schema:
        parts = [_type_of(s, defs) for s in schema["anyOf"] if s.get("type") != "null"]
        return " \\| ".join(parts) + " or null"
    if schema.get("type") == "array":
        return f"list of {_type_of(schema.get('items', {}), defs)}"
    fmt = schema.get("format")
    return f"{schema.get('type', 'any')}" + (f" ({fmt})" if fmt else "")


def render() -> str:
    contracts = sorted(registry().items())
    lines = [
        "# Event catalogue",
        "",
        "Generated from `libs/journey_platform/journey_platform/contracts` by",
        "`python -m journey_platform.catalogue`; a test fails when this file and the contracts differ.",
        "",
        "Every event is a CloudEvents 1.0 message (NL GOV profile) in structured JSON mode on Kafka:",
        "`id` a UUID, `source` `urn:nld:oin:<OIN>:systeem:<service>`, `type` as below, `time` when it was",
        "recorded, `subject` the journey id (for journey events) or the resource id (facility, housing unit).",
        "One topic per producing service (`opvangketen.<service>`); the message key is the client's",
        "pseudonymous id for journey events, so one client's events stay in order. No BSN, name, date of",
        "birth, address or free text appears in any event.",
        "",
        "Each contract states its schema version, the `.v<N>` that ends its type. A change that a reader of the",
        "old version could not read is a new version: a contract class with the next `version`, plus an upcaster",
        "(`journey_platform.contracts.versions`) from the old version's `data` to the new. Readers keep what",
        "they received and read it as the newest version (`versions.read`/`upcast`), so reporting's replay",
        "reads a stored `.v1` history as `.v2`.",
        "",
        "A journey event also carries the CloudEvents extension attribute `trajectvolgnummer` (an integer): its",
        "producer's number of the event within the journey, 1, 2, 3, ... in the order the producer committed",
        "them, set in the transaction that writes the outbox row (a counter per journey, `journey_sequences`).",
        "Numbers are per producer: events of different producers compare by time. Reporting orders a journey's",
        "events by time and, among events of the same moment, by this number. Resource events, the public",
        "copies (which have reporting's `volgnummer`) and events sent before the attribute existed carry none.",
        "",
        "Two Boolean CloudEvents extension attributes, present only when true, say how a fact was registered:",
        "`laatgeregistreerd` (its moment lies more than the tolerance before the event's `time`: a late",
        "registration, docs/late-registration.md) and `geimporteerd` (loaded by the history import,",
        "docs/import.md). Consumers treat such events like live ones: the payload's moments say when it happened.",
        "An imported event also carries `importbron` (a string): the imported row's source key",
        "`<bron>/<regelsoort>/<bronId>`, so placement's import finds the journey of an imported report.",
        "",
        "| type | version | producer | topic | consumers | subject |",
        "|---|---|---|---|---|---|",
    ]
    for event_type, contract in contracts:
        subject = "journey" if issubclass(contract, JourneyEvent) else "resource"
        lines.append(
            f"| [`{event_type}`](#{contract.name}) | {contract.version} | {contract.producer} | `{contract.topic()}` | "
            f"{', '.join(contract.consumers) or '—'} | {subject} |"
        )
    for event_type, contract in contracts:
        schema = contract.model_json_schema(by_alias=True)
        defs = schema.get("$defs", {})
        required = set(schema.get("required", []))
        lines += [
            "",
            f"## {contract.name}",
            "",
            f"`{event_type}`: {contract.description}",
            "",
            "| field | type | required |",
            "|---|---|---|",
        ]
        for field, sub in schema.get("properties", {}).items():
            lines.append(f"| `{field}` | {_type_of(sub, defs)} | {'yes' if field in required else 'no'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
