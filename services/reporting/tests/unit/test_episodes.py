"""Reporting follows intake's episodes: the responsible municipality has one owner (intake), a closing keeps an end
phase, a return is a new journey, and returns to homelessness count per episode."""

import uuid
from datetime import UTC, date, datetime, timedelta

from journey_platform.contracts import intake
from journey_platform.messaging.envelope import CloudEvent
from reporting.domain.indicators import hud
from reporting.domain.indicators.common import Window
from reporting.domain.journey import Fase
from reporting.domain.journey_state import JourneyState, apply_event
from reporting.tests_support import Client, at, emit, history


def fold(*events: CloudEvent) -> JourneyState:
    state = JourneyState()
    for e in sorted(events, key=lambda e: e.time):
        apply_event(state, e.time, e.type, e.data)
    return state


def closing(c: Client, on: date, reden: str) -> CloudEvent:
    return emit(
        intake.TrajectAfgesloten(
            traject_id=c.traject_id,
            client_id=c.client_id,
            reden_code=intake.Afsluitreden(reden),
            afgesloten_op=at(on),
            verantwoordelijke_gemeente=c.gemeente,
        ),
        at(on),
    )


def test_a_repeat_report_elsewhere_moves_neither_the_responsible_nor_the_reporting_municipality() -> None:
    zwolle = Client(gemeente="GM0193")
    kampen = Client(gemeente="GM0166", client_id=zwolle.client_id, traject_id=zwolle.traject_id)
    d = date(2026, 3, 2)
    # Before intake owned it, a repeat report carried its own responsible municipality: reporting must not follow it.
    state = fold(zwolle.melding(d), kampen.melding(d + timedelta(days=3), nieuw=False, herhaal=True))
    assert (state.gemeente_melding, state.verantwoordelijke_gemeente) == ("GM0193", "GM0193")
    # Only intake's explicit change moves it.
    state = fold(
        zwolle.melding(d),
        kampen.melding(d + timedelta(days=3), nieuw=False, herhaal=True),
        zwolle.gemeente_gewijzigd(d + timedelta(days=5), "GM0150"),
    )
    assert (state.gemeente_melding, state.verantwoordelijke_gemeente) == ("GM0193", "GM0150")


def test_a_closing_keeps_an_end_phase_and_ends_any_other_as_afgesloten() -> None:
    c, d = Client(), date(2026, 1, 5)
    handed_over = fold(c.melding(d), c.verhuisd(d + timedelta(days=30)), c.overdracht_bevestigd(d + timedelta(days=31)))
    assert handed_over.fase is Fase.overgedragen
    closed = fold(
        c.melding(d),
        c.verhuisd(d + timedelta(days=30)),
        c.overdracht_bevestigd(d + timedelta(days=31)),
        closing(c, d + timedelta(days=31), "gehuisvest-overgedragen"),
    )
    assert (closed.fase, closed.status, closed.afsluitreden) == (Fase.overgedragen, "gesloten", "gehuisvest-overgedragen")
    assert closed.gesloten_op == datetime(2026, 2, 5, 12, tzinfo=UTC)
    inactive = fold(c.melding(d), c.onderzoek(d + timedelta(days=1)), closing(c, d + timedelta(days=91), "inactief"))
    assert (inactive.fase, inactive.status, inactive.afsluitreden) == (Fase.afgesloten, "gesloten", "inactief")


def test_a_return_is_a_new_journey_in_phase_gemeld_naming_the_previous_one() -> None:
    first = Client()
    back = first.new_journey()
    report = intake.MeldingGeregistreerd.model_validate(
        {**first.melding(date(2026, 6, 1)).data, "trajectId": str(back.traject_id), "nieuwTraject": True}
    ).model_copy(update={"terugval": True, "vorig_traject_id": first.traject_id, "dagen_sinds_vorig_traject": 45})
    state = fold(emit(report, at(date(2026, 6, 1))))
    assert (state.fase, state.status) == (Fase.gemeld, "open")
    assert (state.vorig_traject_id, state.dagen_sinds_vorig_traject) == (first.traject_id, 45)


def test_returns_to_homelessness_count_per_episode() -> None:
    again_same, again_new = Client(), Client()
    h = history(
        again_same.melding(date(2022, 1, 3)),
        again_same.verhuisd(date(2022, 1, 10)),
        # Reported again on the same, still open, journey: no return.
        again_same.melding(date(2022, 3, 1), nieuw=False, herhaal=True),
        again_new.melding(date(2022, 1, 3)),
        again_new.verhuisd(date(2022, 1, 10)),
        # A new journey (episode) after the first closed: a return, 7 months and 22 days after the exit.
        again_new.new_journey().melding(date(2022, 9, 1)),
    )
    w = Window(date(2022, 1, 1), date(2022, 12, 31), date(2023, 7, 1))
    values = hud.terugkeer_dakloosheid(h.as_of(w.peildatum), w)
    assert values["uitgestroomdNaarWoning"] == 2
    # 6 months (until 10 July 2022): neither is back yet; 12 months (until 10 January 2023): one of two.
    assert (values["waarneembaar6Maanden"], values["teruggekeerd6Maanden"]) == (2, 0)
    assert (values["waarneembaar12Maanden"], values["teruggekeerd12Maanden"]) == (2, 1)
    assert values["aandeelTeruggekeerd12Maanden"] == 50.0


def test_the_closing_is_a_fact_on_its_own_moment() -> None:
    c = Client()
    h = history(c.melding(date(2026, 1, 5)), closing(c, date(2026, 4, 6), "inactief"))
    [fact] = h.as_of(date(2026, 12, 31)).named("traject-afgesloten")
    assert fact.moment == at(date(2026, 4, 6))
    assert fact.traject_id == c.traject_id and isinstance(fact.traject_id, uuid.UUID)
