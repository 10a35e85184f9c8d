"""The stay: admission or refusal, the acute stay's extension, the checklist, the maximum stay, the support plan."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from journey_platform.contracts.base import register
from journey_platform.contracts.placement.common import (
    ChecklistItem,
    VoorzieningType,
    _Placement,
)


@register
class OpnameGeregistreerd(_Placement):
    name: ClassVar[str] = "opname-geregistreerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "A client was admitted to a shelter or short-stay facility (acute shelter, crisis, Bed & Break, "
        "out-of-region short stay)."
    )

    opname_id: UUID
    voorziening_id: UUID
    voorziening_type: VoorzieningType
    zorgaanbieder: str
    gemeente: str
    regio: str | None
    opgenomen_op: datetime
    uiterlijk_tot: datetime | None
    kort_verblijf_buiten_regio: bool = False
    bed_en_break: bool = False


@register
class OpnameGeweigerd(_Placement):
    name: ClassVar[str] = "opname-geweigerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "An admission was refused (e.g. for lack of space), with the alternative offered and where the person went."
    )

    weigering_id: UUID
    voorziening_id: UUID | None
    gemeente: str
    regio: str | None
    reden_code: str
    alternatief_code: str | None
    bestemming_code: str | None
    geweigerd_op: datetime


@register
class KortVerblijfVerlengd(_Placement):
    name: ClassVar[str] = "kort-verblijf-verlengd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "An out-of-region short stay (2 nights / 3 days) was extended, with a reason code; without an extension "
        "it ends on its own."
    )

    opname_id: UUID
    verlengd_tot: datetime
    reden_code: str


@register
class ChecklistItemAfgerond(_Placement):
    name: ClassVar[str] = "checklist-item-afgerond"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "During the acute stay an item of the checklist (ID, income, health insurance) was arranged."

    opname_id: UUID
    item: ChecklistItem
    afgerond_op: datetime
    op_tijd: bool


@register
class VerblijfNadertMaximum(_Placement):
    name: ClassVar[str] = "verblijf-nadert-maximum"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "An acute stay nears its maximum (8 weeks unless configured otherwise)."

    opname_id: UUID
    maximum_op: date
    dagen_resterend: int


@register
class VerblijfMaximumOverschreden(_Placement):
    name: ClassVar[str] = "verblijf-maximum-overschreden"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "An acute stay passed its maximum."

    opname_id: UUID
    maximum_op: date


@register
class OndersteuningsplanVastgesteld(_Placement):
    name: ClassVar[str] = "ondersteuningsplan-vastgesteld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "A (new version of a) support plan was agreed with the client: life domains with goals, the guiding "
        "provider and the one coordinator (1 plan, 1 regisseur). Goals' text stays in placement."
    )

    plan_id: UUID
    versie: int
    zorgaanbieder: str
    regisseur_organisatie: str
    levensdomeinen: list[str]
    vastgesteld_op: datetime
    resultaten: list[str] = Field(default_factory=list)
    # Added in place (an old reader ignores them, a new one reads an old event as "none"): a peer expert in the guidance
    # and the organisation they work for (a code, no name). docs/experience.md, "Peer experts".
    ervaringsdeskundige_betrokken: bool = False
    ervaringsdeskundige_organisatie: str | None = None
