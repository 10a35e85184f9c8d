"""The journey's phases: every catalogue event is mapped, phases follow the domain, late events fold in place."""

import uuid
from datetime import date, timedelta
from typing import Any

from journey_platform.contracts.base import JourneyEvent, registry
from reporting.domain.journey import KEEPS_PHASE, PHASE_BY_EVENT, ActorType, Fase, actor_of, event_name
from reporting.domain.journey_state import JourneyState, apply_event
from reporting.tests_support import Client, at


def fold(events: list[Any]) -> JourneyState:
    state = JourneyState()
    for e in sorted(events, key=lambda e: e.time):
        apply_event(state, e.time, e.type, e.data)
    return state


def test_every_journey_event_of_the_catalogue_is_mapped_to_a_phase_or_kept() -> None:
    journey_events = {event_name(t) for t, c in registry().items() if issubclass(c, JourneyEvent) and c.producer != "public"}
    assert journey_events == set(PHASE_BY_EVENT) | KEEPS_PHASE
    assert not set(PHASE_BY_EVENT) & KEEPS_PHASE


def test_a_journey_from_report_to_warm_handover_passes_every_phase_in_order() -> None:
    c, shelter, stay, d = Client(), uuid.uuid4(), uuid.uuid4(), date(2025, 1, 1)
    steps = [
        c.melding(d),
        c.onderzoek(d + timedelta(1)),
        c.besluit(d + timedelta(2)),
        c.opname(d + timedelta(3), shelter, opname_id=stay),
        c.uitstroomgereed(d + timedelta(60)),
        c.verhuisd(d + timedelta(90)),
        c.overdracht_bevestigd(d + timedelta(95)),
    ]
    state = JourneyState()
    phases = []
    for e in steps:
        apply_event(state, e.time, e.type, e.data)
        phases.append(state.fase)
    assert phases == [
        Fase.gemeld,
        Fase.onderzoek,
        Fase.besloten,
        Fase.in_opvang,
        Fase.uitstroomgereed,
        Fase.gehuisvest,
        Fase.overgedragen,
    ]
    assert state.fase_sinds == at(d + timedelta(95))
    assert state.zorgaanbieders == {"leger-des-heils"}


def test_a_repeat_report_does_not_send_an_open_journey_back_to_the_start() -> None:
    c, d = Client(), date(2025, 1, 1)
    state = fold([c.melding(d), c.onderzoek(d + timedelta(1)), c.melding(d + timedelta(5), herhaal=True)])
    assert state.fase is Fase.onderzoek


def test_no_support_closes_and_leaving_to_the_street_closes() -> None:
    c, d = Client(), date(2025, 1, 1)
    assert fold([c.melding(d), c.besluit(d, besluit="geen-ondersteuning")]).fase is Fase.afgesloten
    shelter, stay = uuid.uuid4(), uuid.uuid4()
    left = fold(
        [
            c.melding(d),
            c.opname(d, shelter, opname_id=stay),
            c.uitgestroomd(d + timedelta(9), shelter, stay, "onbekend-of-straat"),
        ]
    )
    assert left.fase is Fase.afgesloten


def test_the_responsible_municipality_follows_the_latest_change() -> None:
    c, d = Client(gemeente="GM0150"), date(2025, 1, 1)
    state = fold([c.gemeente_gewijzigd(d + timedelta(3), "GM0301"), c.melding(d)])
    assert state.verantwoordelijke_gemeente == "GM0301"
    assert state.gemeente_melding == "GM0150"


def test_actors_name_the_organisation_kind() -> None:
    c, d = Client(), date(2025, 1, 1)
    assert actor_of(c.onderzoek(d, door="GM0150").type, c.onderzoek(d, door="GM0150").data) == (
        ActorType.lokale_toegang,
        "GM0150",
    )
    opname = c.opname(d, uuid.uuid4(), provider="limor")
    assert actor_of(opname.type, opname.data) == (ActorType.zorgaanbieder, "limor")
    handover = c.overdracht_bevestigd(d)
    assert actor_of(handover.type, handover.data) == (ActorType.lokale_toegang, "GM0150")
    assert actor_of(c.melding(d).type, c.melding(d).data)[0] is ActorType.centrale_toegang


def test_an_event_that_breaks_its_contract_is_refused_not_kept() -> None:
    import pytest
    from pydantic import ValidationError

    from reporting.service_layer.projector import record

    event = Client().melding(date(2025, 1, 1))
    broken = event.model_copy(update={"data": {**event.data, "meldDatum": "gisteren"}})
    with pytest.raises(ValidationError):
        record(broken)
