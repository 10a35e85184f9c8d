"""The caller: an organisation (local team, central access point, provider or corporation) and its roles,
as the verified token names it (journey_platform.auth), and the foundation rule of who sees which journeys."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum

from journey_platform.errors import Forbidden
from journey_platform.reference import ReferenceData


class OrgType(StrEnum):
    gemeente = "gemeente"
    centrale_toegang = "centrale-toegang"
    zorgaanbieder = "zorgaanbieder"
    woningcorporatie = "woningcorporatie"


@dataclass(frozen=True)
class Principal:
    subject: str
    org_type: OrgType
    org_id: str
    region: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_local_team(self) -> bool:
        return self.org_type is OrgType.gemeente

    @property
    def is_central_access(self) -> bool:
        return self.org_type is OrgType.centrale_toegang

    def may_see_municipalities(self, municipalities: AbstractSet[str | None], reference: ReferenceData) -> bool:
        """The foundation rule: a local team sees its own municipality's journeys (responsible,
        or where reported); a central access point those of its region."""
        known = {m for m in municipalities if m}
        if self.is_local_team:
            return self.org_id in known
        if self.is_central_access:
            return any(reference.region_of(m) == self.region for m in known)
        return False

    def require(self, *org_types: OrgType) -> None:
        if self.org_type not in org_types:
            allowed = ", ".join(t.value for t in org_types)
            raise Forbidden(f"only {allowed} may do this")
