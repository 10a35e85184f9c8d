"""Matching candidates to housing units: one global assignment, not a greedy loop.

`optimal_assignment` maximises the total score over all open candidates and units at once with
SciPy's sparse Jonker–Volgenant solver (`min_weight_full_bipartite_matching`). The hard constraints
decide which edges exist; the score (see `rules.score_parts`) is the edge's value.

Three things turn "maximise the score, leave whoever cannot be housed unmatched, respect each
neighbourhood's capacity" into the full matching that solver asks for:

1. *Staying unhoused is allowed.* Every candidate gets a private dummy column. Real edges cost
   `offset - score`, the dummy costs `offset` (all weights positive, as the solver requires), so
   every candidate is matched exactly once and minimising the cost maximises the summed score.
2. *Neighbourhood capacity couples assignments*: at most `c` of the `k` units in an area may be
   taken. We add `k - c` blocker rows, each joined to every unit of that area. A full matching must
   match every blocker, so blockers occupy `k - c` of the area's units and candidates can use at
   most `c`; which units the blockers take is left to the solver, so the coupling is solved
   exactly in the same single run (no greedy repair, no iteration). Only units that some candidate
   may take count in `k`, which keeps the blocker rows few.
3. *Determinism*: candidates and units are ordered by id before the matrix is built, so the same
   input (in any order) gives the same matrix and the solver the same answer.

Pruning, for large pools only (above `MatchingPolicy.prune_above_pairs`, by default 1,000 × 1,000; a
region's real pool is smaller and gets the exact optimum): a candidate is eligible for a large share of
all units, and a dense graph of 5,000 × 5,000 takes the solver over 20 s. So only
edges that are among a candidate's best `edges_per_candidate` eligible units, or among a unit's best
`edges_per_candidate / UNIT_SIDE_SHARE` candidates, enter the graph (equal scores are ordered by a fixed
pair-specific number from the ids, so that candidates with the same best units keep different ones).
The assignment is then optimal on that graph, which is not always the optimum of the full graph: on
the benchmark's instances the pruned total equals the exact one at 1,000 and 400 with neighbourhood caps,
and is within 1% without caps (see `bench/housing_matching.py` and the unit tests).
Blocker rows come before candidate rows: the solver is many times faster that way.

The baseline to compare with is in `baseline.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from uuid import UUID

import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from housing.domain import rules
from housing.domain.model import HOUSING_FIRST, Candidate, MatchingInput, MatchingPolicy, Proposal, Unit

# Rows per block when the eligibility of candidates × units is evaluated (bounds memory).
BLOCK_CELLS = 250_000
# With pruning, each unit keeps its best (per_node / UNIT_SIDE_SHARE) candidates: enough to stay in the graph.
UNIT_SIDE_SHARE = 4


@dataclass(frozen=True)
class _Encoded:
    """Candidates and units as arrays, both ordered by id."""

    candidates: tuple[Candidate, ...]
    units: tuple[Unit, ...]
    household: np.ndarray
    rent_limit: np.ndarray
    pets: np.ndarray
    wheelchair: np.ndarray
    groups: np.ndarray
    housing_first: np.ndarray
    class_points: np.ndarray  # candidates × unit classes (municipality, support nearby): the score
    rank_keys: np.ndarray  # int32: the score in cents << 16, room for `_spread` in the low bits
    occupants: np.ndarray
    rent: np.ndarray
    pets_allowed: np.ndarray
    accessible: np.ndarray
    unit_groups: np.ndarray
    housing_first_only: np.ndarray
    unit_class: np.ndarray  # 2 × municipality + support nearby
    area: np.ndarray
    area_capacity: np.ndarray  # remaining placements per area index; -1 = unlimited
    candidate_phase: np.ndarray  # uint16 values from the ids, for `_spread`
    unit_phase: np.ndarray

    @property
    def n(self) -> int:
        return len(self.candidates)

    @property
    def m(self) -> int:
        return len(self.units)


def _bitmask(groups: frozenset[str], bits: dict[str, int]) -> int:
    return sum(1 << bits[g] for g in groups if g in bits)


def encode(inp: MatchingInput, policy: MatchingPolicy) -> _Encoded:
    candidates = tuple(sorted(inp.candidates, key=lambda c: c.id))
    units = tuple(sorted((u for u in inp.units if inp.capacity.get(u.area, 1) > 0), key=lambda u: u.id))
    municipalities = sorted({u.municipality for u in units})
    muni_index = {code: i for i, code in enumerate(municipalities)}
    areas = sorted({u.area for u in units})
    bits = {g: i for i, g in enumerate(sorted({g for u in units for g in u.suits_groups}))}
    points = _class_points(candidates, municipalities, policy)
    return _Encoded(
        candidates=candidates,
        units=units,
        household=np.array([c.household_size for c in candidates], dtype=np.int32),
        rent_limit=np.array([policy.ceilings.limit_for(c) for c in candidates], dtype=np.float64),
        pets=np.array([c.pets for c in candidates], dtype=bool),
        wheelchair=np.array([c.wheelchair for c in candidates], dtype=bool),
        groups=np.array([_bitmask(c.all_groups, bits) for c in candidates], dtype=np.int64),
        housing_first=np.array([c.housing_first for c in candidates], dtype=bool),
        class_points=points,
        rank_keys=np.round(points * 100).astype(np.int32) << 16,
        occupants=np.array([u.max_occupants for u in units], dtype=np.int32),
        rent=np.array([u.rent for u in units], dtype=np.float64),
        pets_allowed=np.array([u.pets_allowed for u in units], dtype=bool),
        accessible=np.array([u.wheelchair_accessible for u in units], dtype=bool),
        unit_groups=np.array([_bitmask(u.suits_groups, bits) for u in units], dtype=np.int64),
        housing_first_only=np.array([u.type == HOUSING_FIRST for u in units], dtype=bool),
        unit_class=np.array([2 * muni_index[u.municipality] + u.support_nearby for u in units], dtype=np.int32),
        area=np.array(_area_index(units, areas), dtype=np.int32),
        area_capacity=np.array([inp.capacity.get(a, -1) for a in areas], dtype=np.int64),
        candidate_phase=np.array([c.id.int % 65_521 for c in candidates], dtype=np.uint16),
        unit_phase=np.array([u.id.int % 65_519 for u in units], dtype=np.uint16),
    )


def _class_points(candidates: tuple[Candidate, ...], municipalities: list[str], policy: MatchingPolicy) -> np.ndarray:
    """Score of each candidate for a unit of each class: the same sums as `rules.score_parts`."""
    weights = policy.weights
    n, k = len(candidates), max(len(municipalities), 1)
    origin = np.array([[rules.origin_points(c, code, weights) for code in municipalities] or [0.0] for c in candidates]).reshape(
        n, k
    )
    preference = np.array(
        [[rules.preference_points(c, code, weights) for code in municipalities] or [0.0] for c in candidates]
    ).reshape(n, k)
    own = np.array([rules.waiting_points(c.waiting_days, weights) + (weights.urgent if c.urgent else 0.0) for c in candidates])
    support = np.array([rules.support_points(c, weights) for c in candidates])
    base = origin + preference + own.reshape(n, 1)
    return np.stack([base, base + support.reshape(n, 1)], axis=2).reshape(n, 2 * k)


def _area_index(units: tuple[Unit, ...], areas: list[tuple[str, str]]) -> list[int]:
    index = {a: i for i, a in enumerate(areas)}
    return [index[u.area] for u in units]


Rows = slice | np.ndarray  # a block of candidate indices


def eligible(e: _Encoded, rows: Rows) -> np.ndarray:
    """Boolean block rows × units: every hard constraint except neighbourhood capacity holds."""
    hh, limit = e.household[rows, None], e.rent_limit[rows, None]
    groups = e.groups[rows, None]
    return np.asarray(
        (hh <= e.occupants[None, :])
        & (e.rent[None, :] <= limit)
        & (~e.pets[rows, None] | e.pets_allowed[None, :])
        & (~e.wheelchair[rows, None] | e.accessible[None, :])
        & ((e.unit_groups[None, :] == 0) | ((groups & e.unit_groups[None, :]) != 0))
        & (~e.housing_first_only[None, :] | e.housing_first[rows, None])
    )


def scores(e: _Encoded, rows: Rows) -> np.ndarray:
    """Float block rows × units: the score of every pair (whether eligible or not)."""
    return np.asarray(np.take(e.class_points[rows], e.unit_class, axis=1))


def _rank_keys(e: _Encoded, rows: Rows) -> np.ndarray:
    """int32 block rows × units: orders pairs by score, and equal scores by `_spread`."""
    return np.asarray(np.take(e.rank_keys[rows], e.unit_class, axis=1) + _spread(e, rows))


def _blocks(e: _Encoded) -> Iterator[slice]:
    step = max(1, BLOCK_CELLS // max(e.m, 1))
    for start in range(0, e.n, step):
        yield slice(start, min(start + step, e.n))


def excluded_mask(e: _Encoded, rows: np.ndarray, excluded: frozenset[tuple[UUID, UUID]]) -> np.ndarray | None:
    """Block rows × units: True where the pair was declined before."""
    if not excluded:
        return None
    row_of = {e.candidates[int(r)].id: k for k, r in enumerate(rows)}
    col_of = {u.id: j for j, u in enumerate(e.units)}
    mask = np.zeros((len(rows), e.m), dtype=bool)
    for candidate_id, unit_id in excluded:
        if candidate_id in row_of and unit_id in col_of:
            mask[row_of[candidate_id], col_of[unit_id]] = True
    return mask


def _spread(e: _Encoded, rows: Rows) -> np.ndarray:
    """A fixed, pair-specific number below 2**16 that only orders equal scores when edges are pruned, so that
    candidates with the same best units keep different ones among equals (deterministic: from the ids)."""
    return np.asarray(e.candidate_phase[rows, None] + e.unit_phase[None, :])  # uint16: wraps around on purpose


def edges(
    e: _Encoded, excluded: frozenset[tuple[UUID, UUID]] = frozenset(), per_node: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(candidate index, unit index, score) of every eligible pair. With `per_node`, only the pairs that are
    among the candidate's best `per_node` units, and for a unit that few candidates keep, its best
    `per_node / UNIT_SIDE_SHARE` candidates."""
    found: list[np.ndarray] = []
    for rows in _blocks(e):
        indices = np.arange(rows.start, rows.stop)
        ok = eligible(e, rows)
        mask = excluded_mask(e, indices, excluded)
        if mask is not None:
            ok &= ~mask
        if per_node is not None and per_node < e.m:
            ok = _keep_best(ok, _rank_keys(e, rows), per_node)
        r, c = np.nonzero(ok)
        found.append(np.asarray(r + rows.start, dtype=np.int64) * e.m + c)
    if per_node is not None and per_node < e.n and found:
        k = max(1, per_node // UNIT_SIDE_SHARE)
        kept_per_unit = np.bincount(np.concatenate(found) % e.m, minlength=e.m)
        found.extend(_best_candidates_per_unit(e, excluded, k, np.flatnonzero(kept_per_unit < k)))
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    pairs = np.unique(np.concatenate(found))
    cand, unit = np.divmod(pairs, e.m)
    return cand, unit, _pair_scores(e, cand, unit)


def _best_candidates_per_unit(e: _Encoded, excluded: frozenset[tuple[UUID, UUID]], k: int, units: np.ndarray) -> list[np.ndarray]:
    """These units' best `k` eligible candidates, so that no unit drops out of the graph when pruned."""
    found = []
    everyone = np.arange(e.n)
    step = max(1, BLOCK_CELLS // max(e.n, 1))
    for start in range(0, len(units), step):
        cols = units[start : start + step]
        sub = _unit_slice(e, cols)
        ok = eligible(sub, everyone)
        mask = excluded_mask(sub, everyone, excluded)
        if mask is not None:
            ok &= ~mask
        kept = _keep_best(ok, _rank_keys(sub, everyone), k, axis=0)
        r, c = np.nonzero(kept)
        found.append(np.asarray(r, dtype=np.int64) * e.m + cols[c])
    return found


def _unit_slice(e: _Encoded, cols: np.ndarray) -> _Encoded:
    unit_fields = (
        "occupants",
        "rent",
        "pets_allowed",
        "accessible",
        "unit_groups",
        "housing_first_only",
        "unit_class",
        "area",
        "unit_phase",
    )
    return replace(e, units=tuple(e.units[j] for j in cols), **{name: getattr(e, name)[cols] for name in unit_fields})


def _pair_scores(e: _Encoded, cand: np.ndarray, unit: np.ndarray) -> np.ndarray:
    return np.asarray(e.class_points[cand, e.unit_class[unit]])


def _keep_best(ok: np.ndarray, ranked: np.ndarray, k: int, axis: int = 1) -> np.ndarray:
    """Along `axis`, only the `k` eligible pairs ranked highest."""
    if ok.shape[axis] <= k:
        return ok
    masked = np.where(ok, ranked, -1)
    best = np.take(np.argpartition(-masked, k - 1, axis=axis), np.arange(k), axis=axis)
    kept = np.zeros_like(ok)
    np.put_along_axis(kept, best, True, axis=axis)
    return np.asarray(kept & ok)


def optimal_assignment(inp: MatchingInput, policy: MatchingPolicy) -> list[Proposal]:
    """The assignment with the highest total score that respects every hard constraint."""
    e = encode(inp, policy)
    cand, unit, score = edges(e, inp.excluded, policy.edges_kept_per_candidate(e.n, e.m))
    if len(cand) == 0:
        return []
    used_cands, cand_idx = np.unique(cand, return_inverse=True)
    used_units, unit_idx = np.unique(unit, return_inverse=True)
    n, m = len(used_cands), len(used_units)
    # Blockers come first: the solver is much faster when it places them before the candidates.
    blocker_rows, blocker_cols = _blockers(e.area[used_units], e.area_capacity)
    b = int(blocker_rows.max()) + 1 if len(blocker_rows) else 0
    offset = max(policy.weights.maximum, float(score.max())) + 1.0
    rows = np.concatenate([blocker_rows, b + cand_idx, b + np.arange(n)])
    cols = np.concatenate([blocker_cols, unit_idx, m + np.arange(n)])
    costs = np.concatenate([np.ones(len(blocker_rows)), offset - score, np.full(n, offset)])
    graph = coo_array((costs, (rows, cols)), shape=(b + n, m + n)).tocsr()
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    housed = (matched_rows >= b) & (matched_cols < m)
    r, c = matched_rows[housed] - b, matched_cols[housed]
    points = e.class_points[used_cands[r], e.unit_class[used_units[c]]]
    return [
        Proposal(e.candidates[i].id, e.units[j].id, float(p))
        for i, j, p in zip(used_cands[r].tolist(), used_units[c].tolist(), points.tolist(), strict=True)
    ]


def _blockers(unit_area: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows that occupy (units in area − capacity) of each capacity-limited area's units."""
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    next_row = 0
    for area in np.unique(unit_area):
        limit = capacity[area]
        members = np.flatnonzero(unit_area == area)
        surplus = len(members) - limit if limit >= 0 else 0
        if surplus <= 0:
            continue
        rows.append(np.repeat(np.arange(next_row, next_row + surplus), len(members)))
        cols.append(np.tile(members, surplus))
        next_row += surplus
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(rows), np.concatenate(cols)
