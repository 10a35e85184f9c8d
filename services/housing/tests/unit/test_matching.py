"""The matcher: hard constraints, neighbourhood capacity, optimality against the baseline, determinism."""

import random
import uuid
from dataclasses import replace
from typing import Any

import pytest

from housing.domain.baseline import baseline_assignment
from housing.domain.matching import optimal_assignment
from housing.domain.matching_encoding import encode, scores
from housing.domain.model import Candidate, MatchingInput, MatchingPolicy, Unit
from housing.domain.rules import score_parts
from housing.synthetic import instance

EXACT = MatchingPolicy(edges_per_candidate=None)
PRUNED = MatchingPolicy(prune_above_pairs=0)


def cid(n: int) -> uuid.UUID:
    return uuid.UUID(int=n)


def candidate(n: int, **kw: object) -> Candidate:
    return Candidate(id=cid(n), **{"household_size": 1, "max_rent": 800.0, **kw})  # type: ignore[arg-type]  # test builders pass typed fields by keyword


def unit(n: int, **kw: object) -> Unit:
    fields = {"municipality": "GM0193", "neighbourhood": "wijk-01", "type": "sociale-huur", "rent": 600.0, "max_occupants": 2}
    return Unit(id=uuid.UUID(int=1000 + n), **{**fields, **kw})  # type: ignore[arg-type]  # test builders pass typed fields by keyword


def match(candidates: list[Candidate], units: list[Unit], **kw: object) -> dict[uuid.UUID, uuid.UUID]:
    result = optimal_assignment(MatchingInput(tuple(candidates), tuple(units), **kw), EXACT)  # type: ignore[arg-type]  # test builders pass typed fields by keyword
    return {p.candidate_id: p.unit_id for p in result}


@pytest.mark.parametrize(
    ("client", "home"),
    [
        ({"household_size": 3}, {"max_occupants": 2}),
        ({"max_rent": 550.0}, {"rent": 600.0}),
        ({"young_adult": True}, {"rent": 600.0}),  # above the 18–23 rent-benefit ceiling
        ({"pets": True}, {"pets_allowed": False}),
        ({"wheelchair": True}, {"wheelchair_accessible": False}),
        ({}, {"suits_groups": frozenset({"jongvolwassenen"})}),
        ({}, {"type": "housing-first"}),
    ],
)
def test_a_hard_constraint_that_fails_leaves_the_candidate_unmatched(client: dict[str, Any], home: dict[str, Any]) -> None:
    assert match([candidate(1, **client)], [unit(1, **home)]) == {}


@pytest.mark.parametrize(
    ("client", "home"),
    [
        ({"household_size": 2}, {"max_occupants": 2}),
        ({"young_adult": True}, {"rent": 450.0, "suits_groups": frozenset({"jongvolwassenen"}), "type": "kamer-met-aandacht"}),
        ({"pets": True}, {"pets_allowed": True}),
        ({"wheelchair": True}, {"wheelchair_accessible": True}),
        ({"groups": frozenset({"vrouwen"})}, {"suits_groups": frozenset({"vrouwen"})}),
        ({"housing_first": True}, {"type": "housing-first"}),
    ],
)
def test_when_every_constraint_holds_the_candidate_is_matched(client: dict[str, Any], home: dict[str, Any]) -> None:
    assert match([candidate(1, **client)], [unit(1, **home)]) == {cid(1): unit(1).id}


def test_neighbourhood_capacity_limits_placements_and_the_optimum_picks_which() -> None:
    candidates = [candidate(1, origin="GM0160"), candidate(2, origin="GM0193"), candidate(3)]
    units = [
        unit(1, municipality="GM0193"),
        unit(2, municipality="GM0193"),
        unit(3, municipality="GM0160", neighbourhood="centrum"),
    ]
    capacity = {("GM0193", "wijk-01"): 1, ("GM0160", "centrum"): 0}
    result = match(candidates, units, capacity=capacity)
    assert result == {cid(2): unit(1).id} or result == {cid(2): unit(2).id}


def test_capacity_couples_choices_across_candidates() -> None:
    """Two areas, one slot each: a greedy pass would put both origin-matched clients in one area."""
    candidates = [candidate(1, origin="GM0193"), candidate(2, origin="GM0193", preferences=("GM0160",))]
    units = [unit(1, neighbourhood="a"), unit(2, neighbourhood="a"), unit(3, municipality="GM0160", neighbourhood="b")]
    capacity = {("GM0193", "a"): 1, ("GM0160", "b"): 1}
    result = match(candidates, units, capacity=capacity)
    assert result[cid(1)] in {unit(1).id, unit(2).id}
    assert result[cid(2)] == unit(3).id


def test_a_kampen_resident_who_asks_for_zwolle_is_proposed_zwolle() -> None:
    """Issue 14: origin 50 over first wish 25 sent him to Kampen; the wish comes first (seed 000 §5)."""
    resident = candidate(1, origin="GM0166", preferences=("GM0193",))
    assert match([resident], [unit(1, municipality="GM0166"), unit(2, municipality="GM0193")]) == {cid(1): unit(2).id}


def test_a_client_without_a_wish_is_not_put_behind_one_with_a_wish() -> None:
    silent, wishing = candidate(1, origin="GM0193", waiting_days=60), candidate(2, preferences=("GM0193",), waiting_days=30)
    assert match([silent, wishing], [unit(1, municipality="GM0193")]) == {cid(1): unit(1).id}


def test_a_declined_pair_is_not_proposed_again() -> None:
    result = match([candidate(1)], [unit(1), unit(2)], excluded=frozenset({(cid(1), unit(1).id)}))
    assert result == {cid(1): unit(2).id}


def test_optimal_beats_or_equals_the_baseline_and_never_breaks_a_constraint() -> None:
    inp = instance(300, 300, seed=3, capacity_per_area=2)
    optimal = optimal_assignment(inp, PRUNED)
    baseline = baseline_assignment(inp, PRUNED)
    assert sum(p.score for p in optimal) >= sum(p.score for p in baseline)
    by_id = {u.id: u for u in inp.units}
    used: dict[tuple[str, str], int] = {}
    for p in optimal:
        used[by_id[p.unit_id].area] = used.get(by_id[p.unit_id].area, 0) + 1
    assert all(count <= inp.capacity[area] for area, count in used.items())
    assert len({p.unit_id for p in optimal}) == len(optimal) == len({p.candidate_id for p in optimal})


def test_pruned_graph_finds_the_exact_optimum_on_a_small_instance() -> None:
    inp = instance(400, 400, seed=5, capacity_per_area=3)
    exact = sum(p.score for p in optimal_assignment(inp, EXACT))
    pruned = sum(p.score for p in optimal_assignment(inp, PRUNED))
    assert pruned == pytest.approx(exact, rel=1e-3)


def test_small_pools_are_not_pruned() -> None:
    assert MatchingPolicy().edges_kept_per_candidate(1000, 1000) is None
    assert MatchingPolicy().edges_kept_per_candidate(1001, 1000) == 48


def test_same_input_in_any_order_gives_the_same_proposals() -> None:
    inp = instance(200, 150, seed=11)
    shuffled = list(inp.candidates), list(inp.units)
    random.Random(1).shuffle(shuffled[0])
    random.Random(2).shuffle(shuffled[1])
    again = replace(inp, candidates=tuple(shuffled[0]), units=tuple(shuffled[1]))
    assert optimal_assignment(inp, PRUNED) == optimal_assignment(again, PRUNED)
    assert optimal_assignment(inp, EXACT) == optimal_assignment(again, EXACT)


def test_matrix_scores_equal_the_readable_score_parts() -> None:
    inp = instance(60, 40, seed=13)
    e = encode(inp, MatchingPolicy())
    matrix = scores(e, slice(0, e.n))
    for i, c in enumerate(e.candidates):
        for j, u in enumerate(e.units):
            assert matrix[i, j] == pytest.approx(sum(score_parts(c, u, MatchingPolicy().weights).values()))
