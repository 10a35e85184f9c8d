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
    adviesraad = "adviesraad"  # cliëntenraad, adviesraad sociaal domein, participatieraad: read-only, aggregated


# What an advisory council may call: aggregated indicators, experience results and reference data; every other
# operation answers 403 before it runs (journey_platform.auth), so it never sees a journey, person or timeline.
ADVISORY_COUNCIL_OPERATIONS = frozenset(
    {"zoekRegios", "zoekGemeenten", "zoekIndicatoren", "haalIndicatorOp", "exporteerIndicator", "zoekErvaringen"}
)


@dataclass(frozen=True)
class Principal:
    subject: str
    org_type: OrgType
    org_id: str
    region: str | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    # An advisory council's municipality (None: it advises its whole region, `region`); None for everyone else.
    municipality: str | None = None

    @property
    def is_local_team(self) -> bool:
        return self.org_type is OrgType.gemeente

    @property
    def is_central_access(self) -> bool:
        return self.org_type is OrgType.centrale_toegang

    @property
    def is_advisory_council(self) -> bool:
        return self.org_type is OrgType.adviesraad

    def ensure_council_may_call(self, operation_id: str | None) -> None:
        """An advisory council calls only ADVISORY_COUNCIL_OPERATIONS (deny by default: a new operation is closed to it
        until it is added there and to the authorisation matrix)."""
        if self.is_advisory_council and operation_id not in ADVISORY_COUNCIL_OPERATIONS:
            raise Forbidden("an advisory council sees aggregated indicators and experience results only")

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
