"""Events produced by placement: facilities, admissions and refusals, the acute stay, support plans,
the central waiting list, placements, trajectory monitoring, ready to leave, discharge, provider failure.

Ids and codes only: no names, no case notes. Attention groups travel only where a consumer must
act on them (a safe facility, a suitable home).
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from journey_platform.contracts.base import JourneyEvent, ResourceEvent, register


class VoorzieningType(StrEnum):
    nachtopvang = "nachtopvang"
    acute_opvang = "acute-opvang"
    vierentwintiguursopvang = "24-uursopvang"
    crisisopvang = "crisisopvang"
    doorstroomvoorziening = "doorstroomvoorziening"
    tijdelijke_opvang_met_begeleiding = "tijdelijke-opvang-met-begeleiding"
    jongerenopvang = "jongerenopvang"
    beschermd_wonen = "beschermd-wonen"
    beschut_wonen = "beschut-wonen"
    bed_en_break = "bed-en-break"
    housing_first = "housing-first"


class Doelgroep(StrEnum):
    vrouwen = "vrouwen"
    jongvolwassenen = "jongvolwassenen"
    lhbtiq = "lhbtiq"
    gezinnen_met_kinderen = "gezinnen-met-kinderen"


class ChecklistItem(StrEnum):
    identiteitsbewijs = "identiteitsbewijs"
    inkomen = "inkomen"
    zorgverzekering = "zorgverzekering"


class Bestemming(StrEnum):
    eigen_woning = "eigen-woning"
    housing_first = "housing-first"
    beschermd_wonen = "beschermd-wonen"
    andere_regio = "andere-regio"
    familie_of_vrienden = "familie-of-vrienden"
    onbekend_of_straat = "onbekend-of-straat"
    detentie = "detentie"
    ziekenhuis = "ziekenhuis"


class _Placement(JourneyEvent):
    producer: ClassVar[str] = "placement"


class _Facility(ResourceEvent):
    producer: ClassVar[str] = "placement"
    resource_id: ClassVar[str] = "voorziening_id"


@register
class VoorzieningGeregistreerd(_Facility):
    name: ClassVar[str] = "voorziening-geregistreerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A facility (shelter, BW location, Bed & Break, Housing First) was registered or changed."

    voorziening_id: UUID
    type: VoorzieningType
    zorgaanbieder: str
    gemeente: str
    regio: str | None
    capaciteit_plaatsen: int
    eenpersoonskamers: int
    veilig_voor: list[Doelgroep] = Field(default_factory=list)
    huisdieren_toegestaan: bool = False
    rolstoeltoegankelijk: bool = False


@register
class CapaciteitGewijzigd(_Facility):
    name: ClassVar[str] = "capaciteit-gewijzigd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A facility's capacity changed (places, single rooms), or it closed (capacity 0)."

    voorziening_id: UUID
    capaciteit_plaatsen: int
    eenpersoonskamers: int
    gewijzigd_op: datetime
    reden_code: str | None = None


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


@register
class AangemeldOpWachtlijst(_Placement):
    name: ClassVar[str] = "aangemeld-op-wachtlijst"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client with a BW or beschut wonen decision joined the central waiting list."

    wachtlijst_id: UUID
    beschikking_id: UUID | None
    voorziening: str
    gemeente: str
    regio: str | None
    aangemeld_op: datetime
    prioriteit: int
    urgent: bool = False
    overgang_jeugdzorg: bool = False


@register
class WachtlijstAanbodGedaan(_Placement):
    name: ClassVar[str] = "wachtlijst-aanbod-gedaan"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A place came free and the next suitable client on the waiting list got an offer."

    wachtlijst_id: UUID
    voorziening_id: UUID
    aangeboden_op: datetime


@register
class WachtlijstAanbodAfgewezen(_Placement):
    name: ClassVar[str] = "wachtlijst-aanbod-afgewezen"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "A waiting-list offer was declined; the client keeps his or her place and the next one is offered."
    )

    wachtlijst_id: UUID
    voorziening_id: UUID
    afgewezen_op: datetime


@register
class WachtlijstVerlaten(_Placement):
    name: ClassVar[str] = "wachtlijst-verlaten"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client left the waiting list (placed, withdrawn, moved away), with the time waited."

    wachtlijst_id: UUID
    reden_code: str
    verlaten_op: datetime
    wachttijd_dagen: int


@register
class PlaatsingGerealiseerd(_Placement):
    name: ClassVar[str] = "plaatsing-gerealiseerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client was placed in BW or another facility (from the waiting list, or as a transfer)."

    plaatsing_id: UUID
    voorziening_id: UUID
    voorziening_type: VoorzieningType
    zorgaanbieder: str
    gemeente: str
    regio: str | None
    geplaatst_op: datetime
    van_wachtlijst: bool
    overplaatsing_van: UUID | None = None


@register
class TrajectcontroleAchterstallig(_Placement):
    name: ClassVar[str] = "trajectcontrole-achterstallig"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A periodic trajectory check-in (trajectbewaking) is overdue."

    controle_id: UUID
    gepland_op: date


@register
class TrajectcontroleUitgevoerd(_Placement):
    name: ClassVar[str] = "trajectcontrole-uitgevoerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A periodic trajectory check-in took place, with its outcome code (the notes stay in placement)."

    controle_id: UUID
    gepland_op: date
    uitgevoerd_op: datetime
    uitkomst: str
    op_tijd: bool


@register
class UitstroomgereedVerklaard(_Placement):
    name: ClassVar[str] = "uitstroomgereed-verklaard"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "housing", "intake")
    description: ClassVar[str] = (
        "The client can live more independently (uitstroomgereed). Carries the housing needs housing matches on."
    )

    verklaard_op: datetime
    gemeente_van_herkomst: str | None
    verantwoordelijke_gemeente: str
    regio: str | None
    huishouden_grootte: int
    gemeente_voorkeuren: list[str]
    max_huur: float
    huisdieren: bool = False
    rolstoeltoegankelijk: bool = False
    begeleidingsintensiteit: str = "midden"
    jongvolwassene_18_23: bool = False
    doelgroepen: list[Doelgroep] = Field(default_factory=list)
    urgent: bool = False
    housing_first: bool = False
    # The support plan says: return to the municipality of origin (housing then weighs it next to the wishes).
    terugkeer_naar_herkomst: bool = False
    # Where each item of the warm handover actually ran (CBS codes), when recorded; housing compares the new home's
    # municipality with each.
    uitkering_gemeente: str | None = None
    schuldhulpverlening_gemeente: str | None = None
    inrichtingskosten_gemeente: str | None = None
    inschrijving_gemeente: str | None = None


@register
class Uitgestroomd(_Placement):
    name: ClassVar[str] = "uitgestroomd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake", "housing")
    description: ClassVar[str] = (
        "A client left a shelter or BW, with destination and whether he or she returned to the municipality of origin."
    )

    verblijf_id: UUID
    voorziening_id: UUID
    voorziening_type: VoorzieningType
    uitgestroomd_op: datetime
    bestemming: Bestemming
    terug_naar_gemeente_van_herkomst: bool | None
    verblijfsduur_dagen: int
    reden_code: str | None = None


@register
class ClientVerhuisdBijAanbiederuitval(_Placement):
    name: ClassVar[str] = "client-verhuisd-bij-aanbiederuitval"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "Process control after a provider failed (bankruptcy, forced closure): this client was moved to a new "
        "place or onto the waiting list."
    )

    operatie_id: UUID
    van_voorziening_id: UUID
    naar_voorziening_id: UUID | None
    naar_wachtlijst: bool
    verhuisd_op: datetime
