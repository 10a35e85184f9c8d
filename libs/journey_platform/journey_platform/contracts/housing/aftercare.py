"""Aftercare after the move-in: the plan, the contacts, relapse signals."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from journey_platform.contracts.base import register
from journey_platform.contracts.housing.common import _Housing


class Aandachtspunt(StrEnum):
    """What the local team watches during aftercare (seed 003 appendix 2: most relapses are preventable)."""

    # Named after the package it is published from: intake has an `Aandachtspunt` too, so the AsyncAPI schema name
    # carries the module (journey_platform__contracts__housing__Aandachtspunt) and must not change with the file.
    __module__ = "journey_platform.contracts.housing"

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
