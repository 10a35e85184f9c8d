"""Events produced by housing: units, matching proposals, offers, move-in, warm handover, the 3-month target.

A corporation's unit carries no client data; client events carry ids and codes only.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from pydantic import Field

from journey_platform.contracts.base import JourneyEvent, ResourceEvent, register


class WoningType(StrEnum):
    sociale_huur = "sociale-huur"
    housing_first = "housing-first"
    gedeeld = "gedeeld"
    tiny_house = "tiny-house"
    skaeve_huse = "skaeve-huse"
    kamer_met_aandacht = "kamer-met-aandacht"
    eengezinswoning = "eengezinswoning"


class Aanbieder(StrEnum):
    woningcorporatie = "woningcorporatie"
    zorgaanbieder = "zorgaanbieder"
    particuliere_host = "particuliere-host"
    gemeente = "gemeente"


class OpvangNaVerhuizing(StrEnum):
    """What moving into a home does to the shelter stay."""

    beeindigd = "beeindigd"  # the stay ends (discharge to eigen-woning on the move-in moment)
    bw_loopt_door_als_ambulant = "bw-loopt-door-als-ambulant"  # BW continues as ambulant support at home


class TeRegelen(StrEnum):
    inkomen = "inkomen"
    schuldhulpverlening = "schuldhulpverlening"
    inrichtingskosten = "inrichtingskosten"
    inschrijving = "inschrijving"  # registration (BRP) in the new municipality; the benefit can only follow it


class _Housing(JourneyEvent):
    producer: ClassVar[str] = "housing"


class _Unit(ResourceEvent):
    producer: ClassVar[str] = "housing"
    resource_id: ClassVar[str] = "woning_id"


@register
class WoningBeschikbaar(_Unit):
    name: ClassVar[str] = "woning-beschikbaar"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A housing unit was registered as available for outflow."

    woning_id: UUID
    aanbieder_type: Aanbieder
    aanbieder: str
    type: WoningType
    gemeente: str
    wijk: str
    huur: float
    kamers: int
    beschikbaar_vanaf: date


@register
class WoningIngetrokken(_Unit):
    name: ClassVar[str] = "woning-ingetrokken"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A housing unit was withdrawn by its supplier."

    woning_id: UUID
    ingetrokken_op: datetime


@register
class KandidaatAangemeld(_Housing):
    name: ClassVar[str] = "kandidaat-aangemeld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "A client ready to leave (or a prevention case needing a home) became a housing candidate."

    kandidaat_id: UUID
    uitstroomgereed_op: datetime
    gemeente: str
    regio: str | None
    bron: str  # uitstroomgereed | preventie


@register
class MatchVoorgesteld(_Housing):
    name: ClassVar[str] = "match-voorgesteld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "Matching proposed a unit for a candidate, with its score."

    voorstel_id: UUID
    kandidaat_id: UUID
    woning_id: UUID
    score: float
    voorgesteld_op: datetime


@register
class AanbodGedaan(_Housing):
    name: ClassVar[str] = "aanbod-gedaan"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "Through the client's coordinator a proposal became an offer, with an expiry."

    aanbod_id: UUID
    woning_id: UUID
    gemeente: str
    gedaan_op: datetime
    verloopt_op: datetime


@register
class AanbodGeaccepteerd(_Housing):
    name: ClassVar[str] = "aanbod-geaccepteerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "The client accepted an offer; competing offers are cancelled."

    aanbod_id: UUID
    woning_id: UUID
    geaccepteerd_op: datetime


@register
class AanbodAfgewezen(_Housing):
    name: ClassVar[str] = "aanbod-afgewezen"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = (
        "An offer was declined (by the client or the supplier), or expired; the unit returns to the pool. Also sent "
        "with afgewezenDoor `vervallen` when an offer lapses because a competing one was accepted."
    )

    aanbod_id: UUID
    woning_id: UUID
    afgewezen_door: str  # client | aanbieder | verlopen | vervallen
    reden_code: str | None
    afgewezen_op: datetime


@register
class Verhuisd(_Housing):
    name: ClassVar[str] = "verhuisd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement", "intake")
    description: ClassVar[str] = (
        "The client moved into a home. Placement ends the shelter stay on verhuisdOp (destination eigen-woning) "
        "unless opvangNaVerhuizing says beschermd wonen continues as ambulant support."
    )

    woning_id: UUID
    woning_type: WoningType
    housing_first: bool
    gemeente: str
    wijk: str
    regio: str | None
    verhuisd_op: datetime
    dagen_sinds_uitstroomgereed: int
    gemeente_van_herkomst: str | None
    terug_naar_gemeente_van_herkomst: bool | None
    opvang_na_verhuizing: OpvangNaVerhuizing = OpvangNaVerhuizing.beeindigd


@register
class WarmeOverdrachtGestart(_Housing):
    name: ClassVar[str] = "warme-overdracht-gestart"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "After move-in, a warm handover to the local team of the municipality where the home is, listing what must "
        "be arranged there."
    )

    overdracht_id: UUID
    gemeente: str
    te_regelen: list[TeRegelen] = Field(default_factory=list)
    gestart_op: datetime


@register
class WarmeOverdrachtBevestigd(_Housing):
    name: ClassVar[str] = "warme-overdracht-bevestigd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = "The local team acknowledged the warm handover."

    overdracht_id: UUID
    gemeente: str
    bevestigd_op: datetime


@register
class DrieMaandenTermijnOverschreden(_Housing):
    name: ClassVar[str] = "drie-maanden-termijn-overschreden"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A candidate has waited more than 3 months since being ready to leave."

    kandidaat_id: UUID
    uitstroomgereed_op: datetime
    gemeente: str


@register
class AanbodVastgelopen(_Housing):
    name: ClassVar[str] = "aanbod-vastgelopen"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = (
        "An offer stalled: no reaction within the stall term (fase gedaan), or accepted without a move-in "
        "(fase geaccepteerd). The coordinator should act."
    )

    aanbod_id: UUID
    woning_id: UUID
    fase: str  # gedaan | geaccepteerd
    sinds: datetime


class Aandachtspunt(StrEnum):
    """What the local team watches during aftercare (seed 003 appendix 2: most relapses are preventable)."""

    huurachterstand = "huurachterstand"
    gemiste_contacten = "gemiste-contacten"
    politie = "politie"
    opname = "opname"


class NazorgUitkomst(StrEnum):
    stabiel = "stabiel"
    zorgen = "zorgen"
    terugvalrisico = "terugvalrisico"
    contact_verloren = "contact-verloren"


class NazorgBron(StrEnum):
    verhuizing = "verhuizing"  # housing's move-in
    uitstroom_bw = "uitstroom-bw"  # placement's discharge from beschermd wonen to an own home


class TerugvalBron(StrEnum):
    nazorgcontact = "nazorgcontact"  # a follow-up with outcome terugvalrisico or contact-verloren
    woningcorporatie = "woningcorporatie"  # an early signal by the landlord
    lokaal_team = "lokaal-team"  # the local team or central access itself (police, admission)
    nieuwe_melding = "nieuwe-melding"  # intake's melding-geregistreerd for the client


class TerugvalSignaal(StrEnum):
    huurachterstand = "huurachterstand"
    dreigende_ontruiming = "dreigende-ontruiming"
    overlast = "overlast"
    politie = "politie"
    opname = "opname"
    gemiste_contacten = "gemiste-contacten"
    terugvalrisico = "terugvalrisico"
    contact_verloren = "contact-verloren"
    nieuwe_melding = "nieuwe-melding"


@register
class NazorgplanOpgesteld(_Housing):
    name: ClassVar[str] = "nazorgplan-opgesteld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = (
        "After a move into an own home, an aftercare plan for the local team of the home's municipality: follow-up "
        "contacts due on the given Dutch dates (on time up to termijnDagen after each), the agreed contact person "
        "(organisation and role, no name) and what to watch."
    )

    nazorgplan_id: UUID
    gemeente: str
    regio: str | None
    bron: NazorgBron
    gestart_op: datetime
    contactmomenten: list[date]
    termijn_dagen: int
    contactpersoon_organisatie: str
    contactpersoon_rol: str
    aandachtspunten: list[Aandachtspunt]
    # Added in place (an old reader ignores them, a new one reads an old event as "none"): a peer expert in the guidance
    # and the organisation they work for (a code, no name). docs/experience.md, "Peer experts".
    ervaringsdeskundige_betrokken: bool = False
    ervaringsdeskundige_organisatie: str | None = None


@register
class NazorgcontactVastgelegd(_Housing):
    name: ClassVar[str] = "nazorgcontact-vastgelegd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "The local team recorded a follow-up contact of an aftercare plan, with its outcome."

    nazorgplan_id: UUID
    nazorgcontact_id: UUID
    volgnummer: int
    gepland_op: date
    contact_op: datetime
    op_tijd: bool
    uitkomst: NazorgUitkomst
    gemeente: str


@register
class TerugvalsignaalGemeld(_Housing):
    name: ClassVar[str] = "terugvalsignaal-gemeld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "intake")
    description: ClassVar[str] = (
        "A relapse signal during aftercare (a follow-up's outcome, a landlord's early signal, the local team, or a new "
        "report): intake opens a prevention case for the local team of the plan's municipality at once."
    )

    nazorgplan_id: UUID
    terugvalsignaal_id: UUID
    gemeente: str
    bron: TerugvalBron
    signaal: TerugvalSignaal
    gemeld_door: str  # organisation id (a municipality code, a corporation id, or intake for a new report)
    gemeld_op: datetime
