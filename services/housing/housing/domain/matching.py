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

from dataclasses import replace
from uuid import UUID

import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from housing.domain.matching_encoding import BLOCK_CELLS, Encoded, blocks, eligible, encode, excluded_mask, rank_keys
from housing.domain.model import MatchingInput, MatchingPolicy, Proposal

# With pruning, each unit keeps its best (per_node / UNIT_SIDE_SHARE) candidates: enough to stay in the graph.
UNIT_SIDE_SHARE = 4


def edges(
    e: Encoded, excluded: frozenset[tuple[UUID, UUID]] = frozenset(), per_node: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(candidate index, unit index, score) of every eligible pair. With `per_node`, only the pairs that are
    among the candidate's best `per_node` units, and for a unit that few candidates keep, its best
    `per_node / UNIT_SIDE_SHARE` candidates."""
    found: list[np.ndarray] = []
    for rows in blocks(e):
        indices = np.arange(rows.start, rows.stop)
        ok = eligible(e, rows)
        mask = excluded_mask(e, indices, excluded)
        if mask is not None:
            ok &= ~mask
        if per_node is not None and per_node < e.m:
            ok = _keep_best(ok, rank_keys(e, rows), per_node)
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


def _best_candidates_per_unit(e: Encoded, excluded: frozenset[tuple[UUID, UUID]], k: int, units: np.ndarray) -> list[np.ndarray]:
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
        kept = _keep_best(ok, rank_keys(sub, everyone), k, axis=0)
        r, c = np.nonzero(kept)
        found.append(np.asarray(r, dtype=np.int64) * e.m + cols[c])
    return found


def _unit_slice(e: Encoded, cols: np.ndarray) -> Encoded:
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


def _pair_scores(e: Encoded, cand: np.ndarray, unit: np.ndarray) -> np.ndarray:
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
