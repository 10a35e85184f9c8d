"""Events produced by intake: reports, screening, decisions, referrals, access rules, prevention.

No BSN, name, date of birth, address or free text: ids, codes and the facts consumers need.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import JourneyEvent, register


class Situatie(StrEnum):
    dakloos = "dakloos"
    thuisloos = "thuisloos"
    dreigend_dakloos = "dreigend-dakloos"


class Route(StrEnum):
    """RVS routes into homelessness, plus the groups the regions follow separately."""

    verlies_woning_na_life_event = "verlies-woning-na-life-event"
    uitstroom_instelling = "uitstroom-instelling"
    huisuitzetting = "huisuitzetting"
    remigratie = "remigratie"
    arbeidsmigrant = "arbeidsmigrant"
    caribisch_nederland = "caribisch-nederland"
    onbekend = "onbekend"


class Aandachtspunt(StrEnum):
    jongvolwassene = "jongvolwassene"
    vrouw = "vrouw"
    lhbtiq = "lhbtiq"
    huisdieren = "huisdieren"
    gezin_met_kinderen = "gezin-met-kinderen"


class Voorziening(StrEnum):
    mo = "mo"
    beschermd_wonen = "beschermd-wonen"
    beschut_wonen = "beschut-wonen"


class Besluit(StrEnum):
    toekenning = "toekenning"
    verwijzing_lokale_ondersteuning = "verwijzing-lokale-ondersteuning"
    geen_ondersteuning = "geen-ondersteuning"


class _Intake(JourneyEvent):
    producer: ClassVar[str] = "intake"


@register
class MeldingGeregistreerd(_Intake):
    name: ClassVar[str] = "melding-geregistreerd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement", "housing")
    description: ClassVar[str] = (
        "A report (melding) about a person who is, or is threatened with being, roofless or houseless. "
        "Opens a journey (episode), or is linked to the person's open journey (herhaalmelding). The responsible "
        "municipality is the journey's, as intake decided it at the first report or changed it since: a repeat "
        "report never changes it. A journey opened after the person's previous one closed is a return (terugval): "
        "it names the previous journey and the Dutch calendar days since it closed."
    )

    melding_id: UUID
    meld_datum: date
    gemeld_op: datetime
    beslistermijn: date
    melder_type: str
    situatie: Situatie
    route: Route
    gemeente_melding: str
    gemeente_van_herkomst: str | None
    verantwoordelijke_gemeente: str
    regio: str | None
    huishouden_grootte: int
    aantal_kinderen: int
    aandachtspunten: list[Aandachtspunt]
    herhaalmelding: bool
    nieuw_traject: bool
    terugval: bool = False
    vorig_traject_id: UUID | None = None
    dagen_sinds_vorig_traject: int | None = None


@register
class KortVerblijfToegekend(_Intake):
    name: ClassVar[str] = "kort-verblijf-toegekend"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement")
    description: ClassVar[str] = (
        "A person from outside the region gets a short stay (the region's setting; IJssel-Vecht 2 nights / 3 days) "
        "in the acute shelter, with a warm transfer to the region of origin. eindigtOp is the end had the person "
        "been admitted at the report; placement counts the stay from the actual admission."
    )

    melding_id: UUID
    gemeente_melding: str
    regio_melding: str | None
    gemeente_van_herkomst: str | None
    regio_van_herkomst: str | None
    nachten: int
    dagen: int
    eindigt_op: datetime


@register
class OnderzoekGestart(_Intake):
    name: ClassVar[str] = "onderzoek-gestart"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "Screening (onderzoek) of a report has started, by central access or a local team."

    onderzoek_id: UUID
    melding_id: UUID
    uitgevoerd_door: str
    met_psychiater: bool


@register
class BeschikkingAfgegeven(_Intake):
    name: ClassVar[str] = "beschikking-afgegeven"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement")
    description: ClassVar[str] = (
        "The Wmo decision on a report: MO or BW (beschermd or beschut), new or extension, with its validity; "
        "or a referral to local support; or no support (with a reason code)."
    )

    beschikking_id: UUID
    melding_id: UUID
    besluit: Besluit
    voorziening: Voorziening | None
    soort: str | None
    geldig_van: date | None
    geldig_tot: date | None
    besluit_datum: date
    binnen_termijn: bool
    nieuwe_client: bool | None
    verantwoordelijke_gemeente: str
    regio: str | None
    reden_code: str | None
    urgent: bool = False
    overgang_jeugdzorg: bool = False
    # BW new client (seed 003 4.1 fn 5): the fact that decided it (geen-aanvraag-en-geen-bw-gebruik |
    # aanvraag-binnen-terugkijkperiode | bw-gebruik-in-regio) and its day; a new client is the municipality's own budget.
    nieuwe_client_grond: str | None = None
    nieuwe_client_feit_op: date | None = None


@register
class VerwijzingAangemaakt(_Intake):
    name: ClassVar[str] = "verwijzing-aangemaakt"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "A report is referred between a local team and the central access point."

    verwijzing_id: UUID
    melding_id: UUID
    van_organisatie: str
    naar_organisatie: str


@register
class VerwijzingBeoordeeld(_Intake):
    name: ClassVar[str] = "verwijzing-beoordeeld"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "The receiving organisation accepted or refused a referral."

    verwijzing_id: UUID
    melding_id: UUID
    naar_organisatie: str
    geaccepteerd: bool


@register
class MeldingAfgesloten(_Intake):
    name: ClassVar[str] = "melding-afgesloten"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement")
    description: ClassVar[str] = "A report closed without follow-up (e.g. the person left), with a reason code."

    melding_id: UUID
    reden_code: str
    zonder_vervolg: bool


@register
class VerantwoordelijkeGemeenteGewijzigd(_Intake):
    name: ClassVar[str] = "verantwoordelijke-gemeente-gewijzigd"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement", "housing")
    description: ClassVar[str] = (
        "The responsible municipality (woonplaatsbeginsel) of a journey changed; the reason stays in intake."
    )

    van_gemeente: str
    naar_gemeente: str
    regio: str | None


class Afsluitreden(StrEnum):
    """Why an episode (journey) ended; the rules are in services/intake/intake/domain/episode.py."""

    zonder_vervolg = "zonder-vervolg"
    geen_ondersteuning = "geen-ondersteuning"
    gehuisvest_overgedragen = "gehuisvest-overgedragen"
    vertrokken_uit_regio = "vertrokken-uit-regio"
    overleden = "overleden"
    inactief = "inactief"


@register
class TrajectAfgesloten(_Intake):
    name: ClassVar[str] = "traject-afgesloten"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "placement", "housing")
    description: ClassVar[str] = (
        "Intake closed a journey (episode), with its reason and the moment it ended: its reports closed without "
        "follow-up, a decision of no support, housed with the warm handover confirmed (after the aftercare period), "
        "left the region, died, or inactive (no stay, contact or decision for the inactivity period). A later report "
        "about the person opens a new journey. Retention periods start at this moment."
    )

    reden_code: Afsluitreden
    afgesloten_op: datetime
    verantwoordelijke_gemeente: str


@register
class BeslistermijnNadert(_Intake):
    name: ClassVar[str] = "beslistermijn-nadert"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "Seven days (or fewer) remain of the Wmo 8-week decision term of a report."

    melding_id: UUID
    beslistermijn: date
    dagen_resterend: int
    verantwoordelijke_gemeente: str


@register
class BeslistermijnVerstreken(_Intake):
    name: ClassVar[str] = "beslistermijn-verstreken"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting",)
    description: ClassVar[str] = "The Wmo 8-week decision term of a report passed without a decision."

    melding_id: UUID
    beslistermijn: date
    verantwoordelijke_gemeente: str


@register
class PreventiezaakGeopend(_Intake):
    name: ClassVar[str] = "preventiezaak-geopend"
    version: ClassVar[int] = 1
    consumers: ClassVar[tuple[str, ...]] = ("reporting", "housing")
    description: ClassVar[str] = (
        "An early signal from a housing corporation (payment arrears, threatened eviction) became a "
        "prevention case for the local team of the municipality."
    )

    preventiezaak_id: UUID
    signaal_type: str
    gemeente: str
    woningcorporatie: str
    huishouden_grootte: int
    woning_nodig: bool
