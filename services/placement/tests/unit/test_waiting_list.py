"""The central waiting list: configurable priority, the next suitable client, waiting time."""

import uuid
from datetime import UTC, date, datetime, timedelta

from placement.domain import waiting_list as wl
from placement.domain.waiting_list import Criterium

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def cand(decided: date, urgent: bool = False, youth: bool = False, joined_after: int = 0) -> wl.Candidate:
    return wl.Candidate(
        id=uuid.uuid4(),
        decided_on=decided,
        joined_at=T0 + timedelta(minutes=joined_after),
        urgent=urgent,
        youth_care_transition=youth,
    )


def test_default_order_urgency_then_youth_care_then_decision_date() -> None:
    old, new = cand(date(2025, 1, 1)), cand(date(2025, 6, 1))
    urgent, youth = cand(date(2025, 9, 1), urgent=True), cand(date(2025, 8, 1), youth=True)
    ranked = wl.ordered([old, new, urgent, youth], lambda c: c, wl.DEFAULT_ORDER)
    assert ranked == [urgent, youth, old, new]


def test_the_region_can_put_decision_date_first() -> None:
    old, urgent = cand(date(2025, 1, 1)), cand(date(2025, 9, 1), urgent=True)
    order = (Criterium.besluitdatum, Criterium.urgentie, Criterium.overgang_jeugdzorg)
    assert wl.ordered([urgent, old], lambda c: c, order) == [old, urgent]


def test_ties_go_to_who_joined_first() -> None:
    a, b = cand(date(2025, 1, 1), joined_after=5), cand(date(2025, 1, 1), joined_after=1)
    assert wl.ordered([a, b], lambda c: c, wl.DEFAULT_ORDER) == [b, a]


def test_priority_class_follows_the_configured_order() -> None:
    assert wl.priority_class(True, False, wl.DEFAULT_ORDER) == 1
    assert wl.priority_class(False, True, wl.DEFAULT_ORDER) == 2
    assert wl.priority_class(False, False, wl.DEFAULT_ORDER) == 3
    youth_first = (Criterium.overgang_jeugdzorg, Criterium.urgentie, Criterium.besluitdatum)
    assert wl.priority_class(False, True, youth_first) == 1


def test_next_suitable_skips_clients_the_place_does_not_suit() -> None:
    first, second = cand(date(2025, 1, 1)), cand(date(2025, 2, 1))
    assert wl.next_suitable([second, first], lambda c: c, lambda c: c is not first, wl.DEFAULT_ORDER) is second
    assert wl.next_suitable([first], lambda c: c, lambda c: False, wl.DEFAULT_ORDER) is None


def test_waiting_days() -> None:
    assert wl.waiting_days(date(2026, 1, 1), date(2026, 1, 31)) == 30
    assert wl.waiting_days(date(2026, 2, 1), date(2026, 1, 31)) == 0
