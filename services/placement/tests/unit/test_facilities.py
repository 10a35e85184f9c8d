"""Free places, safety and suitability, and the relocation plan after a provider failed."""

import uuid

from placement.domain import facilities as f
from placement.domain.monitoring import Uitkomst, days_overdue, is_overdue, next_check_in
from placement.domain.relocation import plan_moves

SHELTER = f.FacilityProfile(
    type="acute-opvang", region="ijssel-vecht", safe_for=frozenset(), pets_allowed=False, wheelchair_accessible=False
)
WOMEN = f.FacilityProfile(
    type="acute-opvang", region="ijssel-vecht", safe_for=frozenset({"vrouwen"}), pets_allowed=True, wheelchair_accessible=True
)


def test_free_places_count_stays_and_offers_and_never_go_negative() -> None:
    assert f.free_places(10, 7, 2) == 1
    assert f.free_places(3, 5) == 0
    assert not f.has_room(2, 1, 1)


def test_a_shelter_unsafe_for_women_does_not_suit_a_woman() -> None:
    woman = f.ClientNeeds(attention_points=frozenset({"vrouw"}))
    assert f.unsafe_groups(SHELTER, woman) == ["vrouwen"]
    assert not f.suits(SHELTER, woman)
    assert f.suits(WOMEN, woman)


def test_pets_and_wheelchair() -> None:
    assert not f.suits(SHELTER, f.ClientNeeds(attention_points=frozenset({"huisdieren"})))
    assert not f.suits(SHELTER, f.ClientNeeds(attention_points=frozenset(), wheelchair=True))
    assert f.suits(WOMEN, f.ClientNeeds(attention_points=frozenset({"huisdieren"}), wheelchair=True))


def test_which_list_fills_a_facility() -> None:
    assert f.waiting_list_kind("beschermd-wonen") == "beschermd-wonen"
    assert f.waiting_list_kind("beschut-wonen") == "beschut-wonen"
    assert f.waiting_list_kind("acute-opvang") == "mo"
    assert f.waiting_list_kind("bed-en-break") is None


def test_relocation_leaves_nobody_out() -> None:
    stays = [uuid.uuid4() for _ in range(4)]
    a, b = uuid.uuid4(), uuid.uuid4()
    moves = plan_moves(stays, [a, b], {a: 1, b: 1}, lambda s, p: not (s == stays[0] and p == a))
    assert [m.stay_id for m in moves] == stays
    assert moves[0].to_facility == b and moves[1].to_facility == a
    assert moves[2].to_waiting_list and moves[3].to_waiting_list


def test_relocation_uses_a_chosen_place_when_it_has_room() -> None:
    stay, a, b = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    assert plan_moves([stay], [a, b], {a: 1, b: 1}, lambda s, p: True, {stay: b})[0].to_facility == b
    assert plan_moves([stay], [a, b], {a: 1, b: 0}, lambda s, p: True, {stay: b})[0].to_facility == a


def test_check_ins_overdue_and_next() -> None:
    from datetime import date

    assert is_overdue(date(2026, 1, 1), done=False, today=date(2026, 1, 2))
    assert not is_overdue(date(2026, 1, 1), done=False, today=date(2026, 1, 1))
    assert not is_overdue(date(2026, 1, 1), done=True, today=date(2026, 3, 1))
    assert days_overdue(date(2026, 1, 1), date(2026, 1, 11)) == 10
    assert next_check_in(date(2026, 1, 1), 91, Uitkomst.volgens_plan) == date(2026, 4, 2)
    assert next_check_in(date(2026, 1, 1), 91, Uitkomst.uitstroomgereed) is None


def test_chosen_places_go_first() -> None:
    early, late, only = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    moves = plan_moves([early, late], [only], {only: 1}, lambda s, p: True, {late: only})
    assert [m.to_facility for m in moves] == [None, only]
