"""Who may see which journey. Applied to single reads and to every list query.

A local team sees the journeys of its own municipality (where reported, or responsible); the central
access point those of its region; a provider the journeys of the clients it admitted, placed or guided
(derived from placement's events, which name the provider). Corporations see no journeys.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, false, or_, select

from journey_platform import journeys
from journey_platform.errors import Forbidden
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData
from reporting.adapters.orm import Traject, TrajectZorgaanbieder


def region_municipalities(reference: ReferenceData, region: str | None) -> list[str]:
    found = reference.region(region) if region else None
    return [m.code for m in found.municipalities] if found else []


def owner_facts_known() -> ColumnElement[bool]:
    """A journey is shown once intake's facts about it arrived: its responsible municipality (with the region that
    comes with it). Until then (a placement or housing event arrived before intake's report, e.g. after a broker
    lost data and the relay republished) it stays hidden: 404 to reads, left out of lists and indicators, rather
    than shown without the municipality that decides who may see it (docs/architecture.md, "Delivery")."""
    return Traject.verantwoordelijke_gemeente.is_not(None)


def traject_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    if who.is_local_team:
        return or_(Traject.gemeente_melding == who.org_id, Traject.verantwoordelijke_gemeente == who.org_id)
    if who.is_central_access:
        codes = region_municipalities(reference, who.region)
        return or_(Traject.gemeente_melding.in_(codes), Traject.verantwoordelijke_gemeente.in_(codes))
    if who.org_type is OrgType.zorgaanbieder:
        return exists(
            select(TrajectZorgaanbieder.traject_id).where(
                TrajectZorgaanbieder.traject_id == Traject.id, TrajectZorgaanbieder.zorgaanbieder == who.org_id
            )
        )
    return false()


def ensure_may_see_traject(who: Principal, traject: Traject, providers: set[str], reference: ReferenceData) -> None:
    if who.org_type is OrgType.zorgaanbieder and who.org_id in providers:
        return
    if not journeys.may_see_journey(who, traject.gemeente_melding, traject.verantwoordelijke_gemeente, reference):
        raise Forbidden("this journey belongs to a municipality or client outside your organisation's reach")
