"""Who may see and do what in housing. Applied to single reads and to every list query.

A corporation (or provider) sees the units it registered and the offers on them, never a client's
needs or the explanation. The central access point sees its region's candidates, proposals and
offers; a local team those of the clients it is responsible for, and the handovers to it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, select

from housing.adapters.orm import Aanbod, Kandidaat, Overdracht, Woning
from journey_platform.contracts.housing import Aanbieder
from journey_platform.errors import Forbidden
from journey_platform.principal import OrgType, Principal
from journey_platform.reference import ReferenceData

SUPPLIERS = (OrgType.woningcorporatie, OrgType.zorgaanbieder)
# A supplier organisation registers units in its own name, as its own kind of supplier.
OWN_SUPPLIER_TYPE = {OrgType.woningcorporatie: Aanbieder.woningcorporatie, OrgType.zorgaanbieder: Aanbieder.zorgaanbieder}


def region_municipalities(reference: ReferenceData, region: str | None) -> list[str]:
    found = reference.region(region) if region else None
    return [m.code for m in found.municipalities] if found else []


def is_coordinator(who: Principal, kandidaat: Kandidaat, reference: ReferenceData) -> bool:
    """The client's coordinator: the responsible local team, or the central access point of its region."""
    return who.may_see_municipalities({kandidaat.verantwoordelijke_gemeente}, reference)


def ensure_coordinator(who: Principal, kandidaat: Kandidaat, reference: ReferenceData) -> None:
    if not is_coordinator(who, kandidaat, reference):
        raise Forbidden("this client is not one of your organisation's clients")


def kandidaat_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    if who.is_local_team:
        return Kandidaat.verantwoordelijke_gemeente == who.org_id
    if who.is_central_access:
        return Kandidaat.verantwoordelijke_gemeente.in_(region_municipalities(reference, who.region))
    return false()


def owns_unit(who: Principal, woning: Woning) -> bool:
    return who.org_type in SUPPLIERS and woning.geregistreerd_door == who.org_id


def may_manage_unit(who: Principal, woning: Woning, reference: ReferenceData) -> bool:
    """The organisation that registered it, or the local team / central access point where it is."""
    return owns_unit(who, woning) or who.may_see_municipalities({woning.gemeente}, reference)


def ensure_may_manage_unit(who: Principal, woning: Woning, reference: ReferenceData) -> None:
    if not may_manage_unit(who, woning, reference):
        raise Forbidden("this unit belongs to another organisation")


def woning_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    if who.org_type in SUPPLIERS:
        return Woning.geregistreerd_door == who.org_id
    if who.is_local_team:
        return Woning.gemeente == who.org_id
    if who.is_central_access:
        return Woning.gemeente.in_(region_municipalities(reference, who.region))
    return false()


def may_see_overdracht(who: Principal, overdracht: Overdracht, kandidaat: Kandidaat, reference: ReferenceData) -> bool:
    return who.may_see_municipalities({overdracht.gemeente}, reference) or is_coordinator(who, kandidaat, reference)


def overdracht_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    """The list-query form of `may_see_overdracht`: handovers into the caller's municipalities, and those of its clients
    (also a central access point's client who moved into another region)."""
    clients = select(Kandidaat.id).where(kandidaat_filter(who, reference))
    if who.is_local_team:
        return (Overdracht.gemeente == who.org_id) | Overdracht.kandidaat_id.in_(clients)
    if who.is_central_access:
        return Overdracht.gemeente.in_(region_municipalities(reference, who.region)) | Overdracht.kandidaat_id.in_(clients)
    return false()


def offer_role(who: Principal, kandidaat: Kandidaat, woning: Woning, reference: ReferenceData) -> str | None:
    """The single-read form of `aanbod_filter`: "coordinator" (sees the explanation), "supplier" (the organisation
    that registered the unit: without it), or None (may not see the offer)."""
    if is_coordinator(who, kandidaat, reference):
        return "coordinator"
    if woning.geregistreerd_door == who.org_id:
        return "supplier"
    return None


def aanbod_filter(who: Principal, reference: ReferenceData) -> ColumnElement[bool]:
    """Offers to the caller's clients (as coordinator), and offers on the units it registered (as supplier)."""
    clients = select(Kandidaat.id).where(kandidaat_filter(who, reference))
    own_units = select(Woning.id).where(Woning.geregistreerd_door == who.org_id)
    return Aanbod.kandidaat_id.in_(clients) | Aanbod.woning_id.in_(own_units)
