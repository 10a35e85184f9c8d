"""Who may see and do what in intake. Applied to single reads and to every list query."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, or_, true

from intake.adapters.orm import Melding, Preventiezaak, Verwijzing
from journey_platform.auth import OrgType, Principal
from journey_platform.reference import ReferenceData
from journey_platform.web.problems import Forbidden

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
        return or_(Melding.gemeente_melding == who.org_id, Melding.verantwoordelijke_gemeente == who.org_id)
    if who.is_central_access:
        codes = region_municipalities(reference, who.region)
        return or_(Melding.gemeente_melding.in_(codes), Melding.verantwoordelijke_gemeente.in_(codes))
    return false()


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
