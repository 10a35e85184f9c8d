"""The hard constraints and the score of one candidate–unit pair, in words a coordinator can read.

The matcher (`matching.py`) evaluates the same rules on whole arrays; a unit test keeps both in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from housing.domain.model import HOUSING_FIRST, SUPPORT_NEED, Candidate, MatchingPolicy, ScoreWeights, Unit
from journey_platform.dutch_calendar import DAYS_PER_MONTH, longer_than_months

# The regions' target: housed within 3 months of being ready to leave.
TARGET_MONTHS = 3


@dataclass(frozen=True)
class Check:
    rule: str  # huishouden | huur | huisdieren | toegankelijkheid | doelgroep | wijkcapaciteit
    held: bool
    reason: str


def household_fits(c: Candidate, u: Unit) -> Check:
    held = c.household_size <= u.max_occupants
    return Check("huishouden", held, f"household of {c.household_size}, unit for at most {u.max_occupants}")


def rent_within_limit(c: Candidate, u: Unit, policy: MatchingPolicy) -> Check:
    limit = policy.ceilings.limit_for(c)
    who = "18–23-year-old" if c.young_adult else "client"
    return Check("huur", u.rent <= limit, f"rent €{u.rent:.2f}, limit for this {who} €{limit:.2f}")


def pets_allowed(c: Candidate, u: Unit) -> Check:
    if not c.pets:
        return Check("huisdieren", True, "no pets")
    return Check(
        "huisdieren", u.pets_allowed, "client has pets; unit " + ("allows" if u.pets_allowed else "does not allow") + " pets"
    )


def accessible(c: Candidate, u: Unit) -> Check:
    if not c.wheelchair:
        return Check("toegankelijkheid", True, "no wheelchair access needed")
    held = u.wheelchair_accessible
    return Check(
        "toegankelijkheid", held, "wheelchair access needed; unit is " + ("" if held else "not ") + "wheelchair accessible"
    )


def suits_group(c: Candidate, u: Unit) -> Check:
    if u.type == HOUSING_FIRST and not c.housing_first:
        return Check("doelgroep", False, "a Housing First unit, and the client has no Housing First indication")
    if not u.suits_groups:
        return Check("doelgroep", True, "unit suits every group")
    shared = sorted(c.all_groups & u.suits_groups)
    if shared:
        return Check("doelgroep", True, f"unit suits {', '.join(shared)}")
    return Check("doelgroep", False, f"unit only suits {', '.join(sorted(u.suits_groups))}")


def neighbourhood_has_room(u: Unit, capacity_left: int | None) -> Check:
    if capacity_left is None:
        return Check("wijkcapaciteit", True, f"no placement limit for {u.neighbourhood}")
    return Check("wijkcapaciteit", capacity_left > 0, f"{capacity_left} new placement(s) left in {u.neighbourhood} this period")


def checks(c: Candidate, u: Unit, policy: MatchingPolicy, capacity_left: int | None) -> list[Check]:
    return [
        household_fits(c, u),
        rent_within_limit(c, u, policy),
        pets_allowed(c, u),
        accessible(c, u),
        suits_group(c, u),
        neighbourhood_has_room(u, capacity_left),
    ]


def waiting_points(waiting_days: int, weights: ScoreWeights) -> float:
    months = min(waiting_days / DAYS_PER_MONTH, weights.waiting_cap_months)
    return round(weights.waiting_per_month * max(months, 0.0), 2)


def preference_points(c: Candidate, municipality: str, weights: ScoreWeights) -> float:
    if not c.preferences or municipality not in c.preferences:
        return 0.0
    return weights.first_preference if c.preferences[0] == municipality else weights.other_preference


def origin_counts(c: Candidate) -> bool:
    """The municipality of origin weighs only where the client states no wish or the plan says so; where the client
    asks for it, it is one of the client's wishes and counts as such (never above an earlier wish)."""
    return c.origin is not None and (c.origin_by_plan or not c.preferences)


def origin_points(c: Candidate, municipality: str, weights: ScoreWeights) -> float:
    """Without a stated wish the municipality of origin weighs as a first wish; by the plan's word as `origin`
    (never above the client's first wish); asked for by the client it counts as that wish (preference points)."""
    if not origin_counts(c) or municipality != c.origin or municipality in c.preferences:
        return 0.0
    return weights.first_preference if not c.preferences else weights.origin


def score_parts(c: Candidate, u: Unit, weights: ScoreWeights) -> dict[str, float]:
    """What a match's score is made of: the client's wish first."""
    return {
        "voorkeur": preference_points(c, u.municipality, weights),
        "herkomst": origin_points(c, u.municipality, weights),
        "wachttijd": waiting_points(c.waiting_days, weights),
        "urgentie": weights.urgent if c.urgent else 0.0,
        "ondersteuning": support_points(c, weights) if u.support_nearby else 0.0,
    }


def support_points(c: Candidate, weights: ScoreWeights) -> float:
    """Support nearby weighs more for a client with more intensive guidance."""
    return round(weights.support_nearby * SUPPORT_NEED.get(c.support_intensity, SUPPORT_NEED["midden"]), 2)


def target_passed(ready_since: datetime, now: datetime) -> bool:
    """More than 3 calendar months (Dutch dates) since the client was ready to leave: the one shared threshold."""
    return longer_than_months(ready_since, now, TARGET_MONTHS)


def days_waiting(ready_since: datetime, now: datetime) -> int:
    return max((now - ready_since) // timedelta(days=1), 0)


def to_arrange(
    home_municipality: str,
    previous_municipality: str,
    *,
    debt_counselling: bool,
    furnished: bool,
    ran_in: dict[str, str] | None = None,
) -> list[str]:
    """What the local team where the home is must arrange (warm handover, seed 001 §5.2).

    Each item is compared with the municipality where it actually ran, when recorded (`ran_in`: inkomen,
    schuldhulpverlening, inrichtingskosten, inschrijving → CBS code); otherwise with the previous (responsible)
    municipality. A benefit must be applied for again where the client now lives, which needs a registration
    there; running debt counselling is transferred; a furnishing grant (rules differ per municipality) is needed
    for an unfurnished home unless it was granted by the home's own municipality."""
    ran = ran_in or {}

    def elsewhere(item: str) -> bool:
        return ran.get(item, previous_municipality) != home_municipality

    needed = []
    if elsewhere("inschrijving"):
        needed.append("inschrijving")
    if elsewhere("inkomen"):
        needed.append("inkomen")
    if (debt_counselling or "schuldhulpverlening" in ran) and elsewhere("schuldhulpverlening"):
        needed.append("schuldhulpverlening")
    if not furnished and ran.get("inrichtingskosten") != home_municipality:
        needed.append("inrichtingskosten")
    return needed
