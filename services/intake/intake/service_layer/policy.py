"""Who may see and do what in intake. Applied to single reads and to every list query.

A report is seen by the local team of the municipality where it was made or that is responsible, by the
central access point of their region, and by whoever it was referred to (a local team, or a central access
point and so its region). `may_see_melding` (single reads, writes) and `melding_filter` (lists, worklist)
state the same rule; tests/privacy/test_matrix_intake.py holds them to it. A journey is seen by the case workers
of its municipalities; a person's details by those who see one of the person's journeys or reports."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, select, true

from intake.adapters.orm import Melding, Preventiezaak, Traject, Verwijzing
from journey_platform import journeys
from journey_platform.errors import Forbidden
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData

CASE_WORKERS = (OrgType.gemeente, OrgType.centrale_toegang)


def region_municipalities(reference: ReferenceData, region: str | None) -> list[str]:
    found = reference.region(region) if region else None
    return [m.code for m in found.municipalities] if found else []


def may_see_melding(who: Principal, melding: Melding, referrals: list[Verwijzing], reference: ReferenceData) -> bool:
    municipalities = {melding.gemeente_melding, melding.verantwoordelijke_gemeente}
    municipalities |= {v.naar_organisatie for v in referrals if v.naar_organisatie.startswith("GM")}
    if who.may_see_municipalities(municipalities, reference):
        return True
    return who.is_central_access and any(v.naar_organisatie == who.org_id for v in referrals)


def ensure_may_see_melding(who: Principal, melding: Melding, referrals: list[Verwijzing], reference: ReferenceData) -> None:
    if not may_see_melding(who, melding, referrals, reference):
        raise Forbidden("this report belongs to a municipality outside your organisation's reach")


def melding_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    """The list-query form of `may_see_melding`."""
    if who.is_local_team:
        referred = select(Verwijzing.melding_id).where(Verwijzing.naar_organisatie == who.org_id)
        return or_(
            Melding.gemeente_melding == who.org_id, Melding.verantwoordelijke_gemeente == who.org_id, Melding.id.in_(referred)
        )
    if who.is_central_access:
        codes = region_municipalities(reference, who.region)
        referred = select(Verwijzing.melding_id).where(
            or_(Verwijzing.naar_organisatie.in_(codes), Verwijzing.naar_organisatie == who.org_id)
        )
        return or_(Melding.gemeente_melding.in_(codes), Melding.verantwoordelijke_gemeente.in_(codes), Melding.id.in_(referred))
    return false()


def ensure_may_see_journey(who: Principal, traject: Traject, reference: ReferenceData) -> None:
    """The one journey rule every service applies (journey_platform.journeys)."""
    journeys.ensure_may_see_journey(who, traject.gemeente_melding, traject.verantwoordelijke_gemeente, reference)


def ensure_may_see_person(who: Principal, trajecten: list[Traject], sees_a_report: bool, reference: ReferenceData) -> None:
    """Personal data: only case workers who can see one of the person's journeys, or one of the person's reports
    (a team a report was referred to must know whom to help)."""
    ensure_case_worker(who)
    municipalities: set[str | None] = set()
    for t in trajecten:
        municipalities |= {t.gemeente_melding, t.verantwoordelijke_gemeente}
    if not sees_a_report and not who.may_see_municipalities(municipalities, reference):
        raise Forbidden("this person is not a client of your organisation")


def preventiezaak_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    if who.is_local_team:
        return Preventiezaak.gemeente == who.org_id
    if who.is_central_access:
        return Preventiezaak.gemeente.in_(region_municipalities(reference, who.region))
    if who.org_type is OrgType.woningcorporatie:
        return Preventiezaak.woningcorporatie == who.org_id
    return false()


def ensure_case_worker(who: Principal) -> None:
    who.require(*CASE_WORKERS)


def all_rows() -> ColumnElement[bool]:
    return true()
