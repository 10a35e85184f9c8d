"""The AsyncAPI 3 document: generated from the contracts, structurally sound, and committed as docs/asyncapi.json."""

from pathlib import Path
from typing import Any

from journey_platform.asyncapi import render, render_json
from journey_platform.contracts.base import registry

ROOT = Path(__file__).resolve().parents[3]


def refs_in(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [r for v in node.values() for r in refs_in(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs_in(v)]
    return []


def resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_document_has_the_required_asyncapi_3_fields() -> None:
    document = render()
    assert document["asyncapi"] == "3.0.0"
    assert document["info"]["title"] and document["info"]["version"]
    for channel in document["channels"].values():
        assert channel["address"] and channel["messages"]
    for operation in document["operations"].values():
        assert operation["action"] in {"send", "receive"} and operation["channel"]["$ref"].startswith("#/channels/")


def test_every_reference_resolves() -> None:
    document = render()
    for ref in refs_in(document):
        assert ref.startswith("#/"), ref
        assert resolve(document, ref) is not None, ref


def test_every_event_is_a_message_on_its_topic() -> None:
    document = render()
    addresses = {c["address"]: c for c in document["channels"].values()}
    for event_type, contract in registry().items():
        message = document["components"]["messages"][event_type]
        assert message["payload"]["allOf"][1]["properties"]["type"]["const"] == event_type
        assert contract.name in addresses[contract.topic()]["messages"]
    assert {
        "opvangketen.intake",
        "opvangketen.placement",
        "opvangketen.housing",
        "opvangketen.public.intake",
        "opvangketen.public.placement",
        "opvangketen.public.housing",
    } <= set(addresses)


def test_committed_document_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "asyncapi.json").read_text()
    assert committed == render_json(), "run: python -m journey_platform.asyncapi > docs/asyncapi.json"
