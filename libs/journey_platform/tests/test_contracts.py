"""The event contracts and their envelope: NL GOV CloudEvents, no personal data, one catalogue."""

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import uuid4

import pytest

from journey_platform.catalogue import render
from journey_platform.contracts.base import JourneyEvent, registry
from journey_platform.contracts.intake import MeldingGeregistreerd, Route, Situatie
from journey_platform.messaging.envelope import MalformedEvent, new_event, parse_event

ROOT = Path(__file__).resolve().parents[3]
SOURCE = "urn:nld:oin:00000001003214345000:systeem:intake"
# Field names that would carry personal data or free text; no event may have one.
FORBIDDEN = re.compile(
    r"(bsn|naam|voornaam|achternaam|geboorte|adres|postcode|telefoon|email|toelichting|notitie|omschrijving|tekst)", re.I
)


def sample() -> MeldingGeregistreerd:
    return MeldingGeregistreerd(
        traject_id=uuid4(),
        client_id=uuid4(),
        melding_id=uuid4(),
        meld_datum=date(2026, 1, 5),
        gemeld_op=datetime(2026, 1, 5, 9, tzinfo=UTC),
        beslistermijn=date(2026, 3, 2),
        melder_type="politie",
        situatie=Situatie.dakloos,
        route=Route.huisuitzetting,
        gemeente_melding="GM0193",
        gemeente_van_herkomst=None,
        verantwoordelijke_gemeente="GM0193",
        regio="ijssel-vecht",
        huishouden_grootte=1,
        aantal_kinderen=0,
        aandachtspunten=[],
        herhaalmelding=False,
        nieuw_traject=True,
    )


def test_event_follows_the_nl_gov_cloudevents_profile() -> None:
    contract = sample()
    event = new_event(contract, SOURCE)
    raw = json.loads(event.to_bytes())
    assert raw["specversion"] == "1.0"
    assert re.fullmatch(r"[0-9a-f-]{36}", raw["id"])
    assert raw["source"] == SOURCE
    assert raw["type"] == "nl.opvangketen.intake.melding-geregistreerd.v1"
    assert raw["subject"] == str(contract.traject_id)
    assert raw["datacontenttype"] == "application/json"
    assert raw["data"]["meldingId"] == str(contract.melding_id)
    assert parse_event(event.to_bytes()) == event


@pytest.mark.parametrize(
    "raw",
    [b"not json", b"{}", b'{"specversion":"1.0","id":"x","source":"s","type":"t","time":"2026-01-01T00:00:00Z","data":{}}', None],
)
def test_unreadable_messages_are_malformed(raw: bytes | None) -> None:
    with pytest.raises(MalformedEvent):
        parse_event(raw)


def test_source_must_be_an_oin_urn() -> None:
    with pytest.raises(ValueError):
        new_event(sample(), "https://intake.example.nl")


@pytest.mark.parametrize("event_type", sorted(registry()))
def test_no_contract_carries_personal_data_or_free_text(event_type: str) -> None:
    contract = registry()[event_type]
    fields = contract.model_json_schema(by_alias=True).get("properties", {})
    assert not [f for f in fields if FORBIDDEN.search(f)], f"{event_type} has a field that may carry personal data"
    assert re.fullmatch(r"nl\.opvangketen\.[a-z]+\.[a-z0-9-]+\.v\d+", event_type)
    assert contract.description and contract.consumers


def test_journey_events_are_keyed_by_client_and_subject_is_journey() -> None:
    contract = sample()
    assert isinstance(contract, JourneyEvent)
    assert contract.partition_key() == str(contract.client_id)
    assert contract.subject() == str(contract.traject_id)


def test_catalogue_is_up_to_date() -> None:
    assert (ROOT / "docs" / "events.md").read_text() == render(), "run: python -m journey_platform.catalogue > docs/events.md"
