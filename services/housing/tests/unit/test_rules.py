"""Scores, explanations, the three-month target and the warm handover list."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from housing.domain.explanation import explain
from housing.domain.model import Candidate, MatchingPolicy, Unit
from housing.domain.rules import days_waiting, score_parts, target_passed, to_arrange

HOME = Unit(
    id=uuid.uuid4(),
    municipality="GM0160",
    neighbourhood="centrum",
    type="sociale-huur",
    rent=620.0,
    max_occupants=2,
    pets_allowed=True,
    support_nearby=True,
)


def test_explanation_names_every_constraint_and_the_score_parts() -> None:
    client = Candidate(
        id=uuid.uuid4(),
        household_size=1,
        max_rent=700.0,
        pets=True,
        origin="GM0160",
        preferences=("GM0193", "GM0160"),
        waiting_days=61,
        support_intensity="hoog",
    )
    explanation = explain(client, HOME, MatchingPolicy(), capacity_left=2)
    body: dict[str, Any] = explanation.as_dict()
    assert [v["regel"] for v in body["voorwaarden"]] == [
        "huishouden",
        "huur",
        "huisdieren",
        "toegankelijkheid",
        "doelgroep",
        "wijkcapaciteit",
    ]
    assert all(v["voldaan"] for v in body["voorwaarden"])
    # the home is in the municipality of origin, which the client asked for as second wish: it counts as that wish
    assert body["scoreOpbouw"] == {"voorkeur": 30.0, "herkomst": 0.0, "wachttijd": 8.02, "urgentie": 0.0, "ondersteuning": 10.0}
    assert body["score"] == 48.02
    assert body["eersteOverweging"] == (
        "the client's own wish came first: preference 2 of 2 (the municipality of origin, asked for by the client)"
    )
    assert "municipality the client prefers +30" in body["samenvatting"]
    assert "client has pets; unit allows pets" in [v["toelichting"] for v in body["voorwaarden"]]


def test_explanation_says_which_constraint_failed() -> None:
    young = Candidate(id=uuid.uuid4(), household_size=1, max_rent=700.0, young_adult=True)
    explanation = explain(young, HOME, MatchingPolicy(), capacity_left=0)
    assert not explanation.eligible
    assert "huur (rent €620.00, limit for this 18–23-year-old €477.20)" in explanation.summary()
    assert "wijkcapaciteit" in explanation.summary()


def test_three_months_since_ready() -> None:
    ready = datetime(2026, 1, 31, 9, tzinfo=UTC)
    assert not target_passed(ready, datetime(2026, 4, 30, 9, tzinfo=UTC))
    assert target_passed(ready, datetime(2026, 5, 1, 9, tzinfo=UTC))
    assert days_waiting(ready, datetime(2026, 3, 2, 10, tzinfo=UTC)) == 30


def test_what_the_local_team_must_arrange_without_a_record_of_where_items_ran() -> None:
    assert to_arrange("GM0160", "GM0193", debt_counselling=True, furnished=False) == [
        "inschrijving",
        "inkomen",
        "schuldhulpverlening",
        "inrichtingskosten",
    ]
    assert to_arrange("GM0193", "GM0193", debt_counselling=True, furnished=True) == []


def test_handover_compares_the_home_with_where_each_item_actually_ran() -> None:
    """001 §5.2: a Kampen resident housed in Kampen from the Zwolle shelter, whose benefit and debt counselling ran in
    Zwolle, must have both re-arranged in Kampen, although Kampen is the responsible municipality."""
    ran = {"inkomen": "GM0193", "schuldhulpverlening": "GM0193", "inschrijving": "GM0193"}
    assert to_arrange("GM0166", "GM0166", debt_counselling=False, furnished=True, ran_in=ran) == [
        "inschrijving",
        "inkomen",
        "schuldhulpverlening",
    ]
    # everything already runs where the new home is: nothing to re-arrange, whatever the responsible municipality
    here = {"inkomen": "GM0193", "schuldhulpverlening": "GM0193", "inschrijving": "GM0193", "inrichtingskosten": "GM0193"}
    assert to_arrange("GM0193", "GM0166", debt_counselling=True, furnished=False, ran_in=here) == []
    # a furnishing grant from another municipality does not carry over; an unfurnished home needs one
    assert to_arrange("GM0193", "GM0193", debt_counselling=False, furnished=False, ran_in={"inrichtingskosten": "GM0166"}) == [
        "inrichtingskosten"
    ]


def client(**kw: object) -> Candidate:
    return Candidate(id=uuid.uuid4(), household_size=1, max_rent=700.0, **kw)  # type: ignore[arg-type]  # test builders pass typed fields by keyword


def zwolle_and_kampen() -> tuple[Unit, Unit]:
    return replace(HOME, municipality="GM0193"), replace(HOME, municipality="GM0166")


def test_the_clients_wish_comes_before_the_municipality_of_origin() -> None:
    zwolle, kampen = zwolle_and_kampen()
    resident = client(origin="GM0166", preferences=("GM0193",))  # a Kampen resident whose job is in Zwolle
    weights = MatchingPolicy().weights
    assert sum(score_parts(resident, zwolle, weights).values()) > sum(score_parts(resident, kampen, weights).values())
    assert score_parts(resident, kampen, weights)["herkomst"] == 0.0
    assert explain(resident, kampen, MatchingPolicy(), None).first == (
        "not one of the client's wishes: waiting time and support decided"
    )


def test_without_a_wish_the_municipality_of_origin_stands_in_for_it() -> None:
    zwolle, kampen = zwolle_and_kampen()
    resident = client(origin="GM0166")
    assert score_parts(resident, kampen, MatchingPolicy().weights)["herkomst"] == 50.0
    assert explain(resident, kampen, MatchingPolicy(), None).first == (
        "the municipality of origin came first: the client stated no preference"
    )
    assert explain(resident, zwolle, MatchingPolicy(), None).first == (
        "the client stated no preference: waiting time and support decided"
    )


def test_the_plan_may_weigh_the_municipality_of_origin_but_never_above_the_first_wish() -> None:
    zwolle, kampen = zwolle_and_kampen()
    resident = client(origin="GM0166", preferences=("GM0193",), origin_by_plan=True)
    weights = MatchingPolicy().weights
    assert score_parts(resident, kampen, weights)["herkomst"] == 30.0
    assert score_parts(resident, zwolle, weights)["voorkeur"] == 50.0
    assert explain(resident, kampen, MatchingPolicy(), None).first == (
        "the municipality of origin came first: the support plan says so"
    )
