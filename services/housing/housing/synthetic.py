"""Synthetic matching instances for tests and the benchmark: made-up candidates and units, seeded."""

from __future__ import annotations

import uuid

import numpy as np

from housing.domain.model import Candidate, MatchingInput, Unit

MUNICIPALITIES = (
    "GM0148",
    "GM0160",
    "GM0166",
    "GM0175",
    "GM0180",
    "GM1708",
    "GM1896",
    "GM0193",
    "GM0150",
    "GM0262",
    "GM1773",
    "GM0177",
    "GM0301",
)
UNIT_TYPES = ("sociale-huur", "housing-first", "gedeeld", "tiny-house", "skaeve-huse", "kamer-met-aandacht", "eengezinswoning")


def _id(rng: np.random.Generator) -> uuid.UUID:
    return uuid.UUID(int=int(rng.integers(0, 2**63)) << 64 | int(rng.integers(0, 2**63)), version=4)


def _unit(rng: np.random.Generator, neighbourhoods_per_municipality: int) -> Unit:
    kind = str(rng.choice(UNIT_TYPES, p=[0.55, 0.08, 0.08, 0.06, 0.03, 0.08, 0.12]))
    room = kind in ("kamer-met-aandacht", "gedeeld")
    family = kind == "eengezinswoning"
    return Unit(
        id=_id(rng),
        municipality=str(rng.choice(MUNICIPALITIES)),
        neighbourhood=f"wijk-{int(rng.integers(1, neighbourhoods_per_municipality + 1)):02d}",
        type=kind,
        rent=round(float(rng.uniform(330, 480) if room else rng.uniform(520, 980 if family else 900)), 2),
        max_occupants=1 if room else int(rng.integers(3, 7)) if family else int(rng.integers(1, 4)),
        pets_allowed=bool(rng.random() < 0.4),
        wheelchair_accessible=bool(rng.random() < 0.1),
        suits_groups=frozenset({"jongvolwassenen"})
        if kind == "kamer-met-aandacht"
        else frozenset({"vrouwen"})
        if rng.random() < 0.04
        else frozenset(),
        support_nearby=bool(rng.random() < 0.5),
    )


def _candidate(rng: np.random.Generator) -> Candidate:
    young = bool(rng.random() < 0.2)
    household = 1 if rng.random() < 0.7 else int(rng.integers(2, 6))
    origin = str(rng.choice(MUNICIPALITIES)) if rng.random() < 0.8 else None
    preferences = tuple(str(m) for m in rng.choice(MUNICIPALITIES, size=int(rng.integers(0, 3)), replace=False))
    groups = {"vrouwen"} if rng.random() < 0.3 else set()
    return Candidate(
        id=_id(rng),
        household_size=household,
        max_rent=round(float(rng.uniform(550, 950)), 2),
        young_adult=young,
        pets=bool(rng.random() < 0.2),
        wheelchair=bool(rng.random() < 0.05),
        groups=frozenset(groups),
        housing_first=bool(rng.random() < 0.15),
        origin=origin,
        preferences=preferences,
        waiting_days=int(rng.integers(0, 240)),
        urgent=bool(rng.random() < 0.1),
        support_intensity=str(rng.choice(["laag", "midden", "hoog"])),
    )


def instance(
    candidates: int,
    units: int,
    *,
    seed: int = 7,
    capacity_per_area: int | None = 3,
    neighbourhoods_per_municipality: int | None = None,
) -> MatchingInput:
    """`candidates` × `units`, with every neighbourhood limited to `capacity_per_area` new placements."""
    rng = np.random.default_rng(seed)
    per_municipality = neighbourhoods_per_municipality or max(4, units // (len(MUNICIPALITIES) * 12))
    unit_list = tuple(_unit(rng, per_municipality) for _ in range(units))
    candidate_list = tuple(_candidate(rng) for _ in range(candidates))
    capacity = {} if capacity_per_area is None else {u.area: capacity_per_area for u in unit_list}
    return MatchingInput(candidates=candidate_list, units=unit_list, capacity=capacity)
