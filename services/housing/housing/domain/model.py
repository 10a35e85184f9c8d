"""Candidates, housing units and the matching policy, as the matcher sees them: plain values, no framework."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

# Groups a unit may suit (placement's Doelgroep values) and the unit types with their own rule.
YOUNG_ADULTS = "jongvolwassenen"
HOUSING_FIRST = "housing-first"
ROOM_WITH_HOST = "kamer-met-aandacht"
# How much nearby support weighs for a client, by the intensity of guidance in the plan.
SUPPORT_NEED = {"laag": 0.3, "midden": 0.6, "hoog": 1.0}


@dataclass(frozen=True)
class Candidate:
    """A client ready to leave shelter or sheltered housing, or a prevention case that needs a home."""

    id: UUID
    household_size: int
    max_rent: float
    young_adult: bool = False  # 18–23: the lower rent-benefit ceiling applies
    pets: bool = False
    wheelchair: bool = False
    groups: frozenset[str] = frozenset()
    housing_first: bool = False
    origin: str | None = None  # municipality of origin (CBS code)
    preferences: tuple[str, ...] = ()  # municipalities the client prefers, first is most preferred
    origin_by_plan: bool = False  # the support plan says: return to the municipality of origin
    waiting_days: int = 0
    urgent: bool = False
    support_intensity: str = "midden"

    @property
    def all_groups(self) -> frozenset[str]:
        return self.groups | {YOUNG_ADULTS} if self.young_adult else self.groups


@dataclass(frozen=True)
class Unit:
    """A housing unit in the pool: available, not under offer."""

    id: UUID
    municipality: str
    neighbourhood: str
    type: str
    rent: float
    max_occupants: int
    pets_allowed: bool = False
    wheelchair_accessible: bool = False
    suits_groups: frozenset[str] = frozenset()  # empty: suits everyone
    support_nearby: bool = False

    @property
    def area(self) -> tuple[str, str]:
        return (self.municipality, self.neighbourhood)


@dataclass(frozen=True)
class RentCeilings:
    """Rent-benefit (huurtoeslag) ceilings: the client's rent limit never exceeds these.

    Defaults are the 2025 figures: the quality-discount limit (kwaliteitskortingsgrens) for 18–22-year-olds
    and the maximum rent limit for everyone else."""

    young_adult: float = 477.20
    adult: float = 900.07

    def limit_for(self, candidate: Candidate) -> float:
        ceiling = self.young_adult if candidate.young_adult else self.adult
        return min(candidate.max_rent, ceiling)


@dataclass(frozen=True)
class ScoreWeights:
    """The parts of a match's score. What the resident needs is the starting point (seed 000 §5): the client's
    own first wish weighs most, any other stated wish next. The municipality of origin counts only where the client
    states no wish (it then stands in for the wish and weighs as a first wish, so that a client without a stated
    wish is not put behind those with one) or where the plan says so (003 §4.2, "als het bijdraagt aan het
    herstel"; 001 §5.2: `origin`, below the first wish). Where the client asks for the municipality of origin, it
    counts as that wish. Then waiting time and support nearby."""

    origin: float = 30.0  # the plan says: return to the municipality of origin (the client also states wishes)
    first_preference: float = 50.0
    other_preference: float = 30.0
    waiting_per_month: float = 4.0
    waiting_cap_months: float = 4.0  # waiting time counts up to this many months (max 16)
    urgent: float = 4.0
    support_nearby: float = 10.0

    @property
    def maximum(self) -> float:
        waiting = self.waiting_per_month * self.waiting_cap_months
        return self.origin + max(self.first_preference, self.other_preference) + waiting + self.urgent + self.support_nearby


@dataclass(frozen=True)
class MatchingPolicy:
    ceilings: RentCeilings = field(default_factory=RentCeilings)
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    # Above this many candidate × unit pairs, each candidate's best `edges_per_candidate` eligible units enter
    # the assignment (see matching.py); at or below it every eligible pair does and the optimum is exact.
    prune_above_pairs: int = 1_000_000
    edges_per_candidate: int | None = 48

    def edges_kept_per_candidate(self, candidates: int, units: int) -> int | None:
        return self.edges_per_candidate if candidates * units > self.prune_above_pairs else None


@dataclass(frozen=True)
class Proposal:
    candidate_id: UUID
    unit_id: UUID
    score: float


@dataclass(frozen=True)
class MatchingInput:
    candidates: tuple[Candidate, ...]
    units: tuple[Unit, ...]
    # Remaining new placements per (municipality, neighbourhood) this period; an area not listed is unlimited.
    capacity: dict[tuple[str, str], int] = field(default_factory=dict)
    # Pairs that must not be proposed again (a declined offer).
    excluded: frozenset[tuple[UUID, UUID]] = frozenset()
