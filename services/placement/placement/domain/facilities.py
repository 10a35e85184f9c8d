"""Facilities (voorzieningen): free places and whether a facility is safe and suitable for a client."""

from __future__ import annotations

from dataclasses import dataclass

# A client's attention point (from intake) → the group a facility must be safe for.
SAFE_GROUP_FOR_ATTENTION_POINT = {
    "vrouw": "vrouwen",
    "jongvolwassene": "jongvolwassenen",
    "lhbtiq": "lhbtiq",
    "gezin-met-kinderen": "gezinnen-met-kinderen",
}


def free_places(capacity: int, occupied: int, reserved: int = 0) -> int:
    """Places neither taken by a stay nor held for an open waiting-list offer."""
    return max(0, capacity - occupied - reserved)


def has_room(capacity: int, occupied: int, reserved: int = 0) -> bool:
    return free_places(capacity, occupied, reserved) > 0


@dataclass(frozen=True)
class FacilityProfile:
    type: str
    region: str | None
    safe_for: frozenset[str]
    pets_allowed: bool
    wheelchair_accessible: bool


@dataclass(frozen=True)
class ClientNeeds:
    attention_points: frozenset[str]
    wheelchair: bool = False


def unsafe_groups(facility: FacilityProfile, needs: ClientNeeds) -> list[str]:
    """The groups the client belongs to that the facility is not safe for (young people, women and
    LGBTIQ+ people avoid unsafe shelters)."""
    groups = {SAFE_GROUP_FOR_ATTENTION_POINT[p] for p in needs.attention_points if p in SAFE_GROUP_FOR_ATTENTION_POINT}
    return sorted(groups - facility.safe_for)


def suits(facility: FacilityProfile, needs: ClientNeeds) -> bool:
    if unsafe_groups(facility, needs):
        return False
    if "huisdieren" in needs.attention_points and not facility.pets_allowed:
        return False
    return not (needs.wheelchair and not facility.wheelchair_accessible)


SHELTER_TYPES = frozenset(
    {
        "nachtopvang",
        "acute-opvang",
        "24-uursopvang",
        "crisisopvang",
        "doorstroomvoorziening",
        "tijdelijke-opvang-met-begeleiding",
        "jongerenopvang",
    }
)


def waiting_list_kind(facility_type: str) -> str | None:
    """Which waiting list fills a facility: BW and beschut wonen each have theirs; shelter places go to clients
    put on the MO list by process control; Bed & Break and Housing First are not filled from a list."""
    if facility_type in ("beschermd-wonen", "beschut-wonen"):
        return facility_type
    return "mo" if facility_type in SHELTER_TYPES else None
