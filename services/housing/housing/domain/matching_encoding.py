"""The matching input as arrays (candidates × units): the hard constraints as an eligibility mask, the score of
every pair, and a fixed pair-specific order among equal scores. The assignment over them: matching.py; the baseline:
baseline.py."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

import numpy as np

from housing.domain import rules
from housing.domain.model import HOUSING_FIRST, Candidate, MatchingInput, MatchingPolicy, Unit

# Rows per block when the eligibility of candidates × units is evaluated (bounds memory).
BLOCK_CELLS = 250_000


@dataclass(frozen=True)
class Encoded:
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
    rank_keys: np.ndarray  # int32: the score in cents << 16, room for `spread` in the low bits
    occupants: np.ndarray
    rent: np.ndarray
    pets_allowed: np.ndarray
    accessible: np.ndarray
    unit_groups: np.ndarray
    housing_first_only: np.ndarray
    unit_class: np.ndarray  # 2 × municipality + support nearby
    area: np.ndarray
    area_capacity: np.ndarray  # remaining placements per area index; -1 = unlimited
    candidate_phase: np.ndarray  # uint16 values from the ids, for `spread`
    unit_phase: np.ndarray

    @property
    def n(self) -> int:
        return len(self.candidates)

    @property
    def m(self) -> int:
        return len(self.units)


def _bitmask(groups: frozenset[str], bits: dict[str, int]) -> int:
    return sum(1 << bits[g] for g in groups if g in bits)


def encode(inp: MatchingInput, policy: MatchingPolicy) -> Encoded:
    candidates = tuple(sorted(inp.candidates, key=lambda c: c.id))
    units = tuple(sorted((u for u in inp.units if inp.capacity.get(u.area, 1) > 0), key=lambda u: u.id))
    municipalities = sorted({u.municipality for u in units})
    muni_index = {code: i for i, code in enumerate(municipalities)}
    areas = sorted({u.area for u in units})
    bits = {g: i for i, g in enumerate(sorted({g for u in units for g in u.suits_groups}))}
    points = _class_points(candidates, municipalities, policy)
    return Encoded(
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


def eligible(e: Encoded, rows: Rows) -> np.ndarray:
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


def scores(e: Encoded, rows: Rows) -> np.ndarray:
    """Float block rows × units: the score of every pair (whether eligible or not)."""
    return np.asarray(np.take(e.class_points[rows], e.unit_class, axis=1))


def rank_keys(e: Encoded, rows: Rows) -> np.ndarray:
    """int32 block rows × units: orders pairs by score, and equal scores by `spread`."""
    return np.asarray(np.take(e.rank_keys[rows], e.unit_class, axis=1) + spread(e, rows))


def blocks(e: Encoded) -> Iterator[slice]:
    step = max(1, BLOCK_CELLS // max(e.m, 1))
    for start in range(0, e.n, step):
        yield slice(start, min(start + step, e.n))


def excluded_mask(e: Encoded, rows: np.ndarray, excluded: frozenset[tuple[UUID, UUID]]) -> np.ndarray | None:
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


def spread(e: Encoded, rows: Rows) -> np.ndarray:
    """A fixed, pair-specific number below 2**16 that only orders equal scores when edges are pruned, so that
    candidates with the same best units keep different ones among equals (deterministic: from the ids)."""
    return np.asarray(e.candidate_phase[rows, None] + e.unit_phase[None, :])  # uint16: wraps around on purpose
