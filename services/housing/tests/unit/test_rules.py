"""Scores, explanations, the three-month target and the warm handover list."""

import uuid
from datetime import UTC, datetime
from typing import Any

from housing.domain.explanation import explain
from housing.domain.model import Candidate, MatchingPolicy, Unit
from housing.domain.rules import days_waiting, target_passed, to_arrange

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
    assert body["scoreOpbouw"] == {"herkomst": 50.0, "voorkeur": 15.0, "wachttijd": 8.02, "urgentie": 0.0, "ondersteuning": 10.0}
    assert body["score"] == 83.02
    assert "municipality of origin +50" in body["samenvatting"]
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


def test_what_the_local_team_must_arrange() -> None:
    assert to_arrange("GM0160", "GM0193", debt_counselling=True, furnished=False) == [
        "inkomen",
        "schuldhulpverlening",
        "inrichtingskosten",
    ]
    assert to_arrange("GM0193", "GM0193", debt_counselling=True, furnished=True) == []
