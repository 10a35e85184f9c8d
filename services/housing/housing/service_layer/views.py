"""What housing answers with (camelCase on the wire)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from journey_platform.peer_experts import ErvaringsdeskundigeView


class View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class WoningView(View):
    id: UUID
    aanbieder_type: str
    aanbieder: str
    type: str
    gemeente: str
    wijk: str
    huur: float
    kamers: int
    max_bewoners: int
    rolstoeltoegankelijk: bool
    huisdieren_toegestaan: bool
    geschikt_voor: list[str]
    begeleiding_in_de_buurt: bool
    gemeubileerd: bool
    beschikbaar_vanaf: date
    beschikbaar_tot: date | None
    status: str
    geregistreerd_op: datetime
    ingetrokken_op: datetime | None


class KandidaatView(View):
    id: UUID
    traject_id: UUID
    client_id: UUID
    bron: str
    uitstroomgereed_op: datetime
    gemeente_van_herkomst: str | None
    verantwoordelijke_gemeente: str
    regio: str | None
    huishouden_grootte: int
    max_huur: float
    huisdieren: bool
    rolstoeltoegankelijk: bool
    begeleidingsintensiteit: str
    jongvolwassene: bool
    doelgroepen: list[str]
    gemeente_voorkeuren: list[str]
    urgent: bool
    housing_first: bool
    status: str
    dagen_wachtend: int = Field(0, description="Days since ready to leave.")
    termijn_overschreden: bool = Field(False, description="Waiting more than 3 months since ready to leave.")
    termijn_overschreden_op: datetime | None


class VoorwaardeView(View):
    regel: str
    voldaan: bool
    toelichting: str


class UitlegView(View):
    """Why a unit was proposed: the constraints that held and what the score was made of."""

    samenvatting: str
    score: float
    score_opbouw: dict[str, float]
    eerste_overweging: str = Field(
        "", description="Which came first for this municipality: the client's wish, the municipality of origin, or neither."
    )
    voorwaarden: list[VoorwaardeView]


class VoorstelView(View):
    id: UUID
    ronde_id: UUID
    kandidaat_id: UUID
    woning_id: UUID
    score: float
    uitleg: UitlegView
    status: str
    voorgesteld_op: datetime


class MatchingrondeView(View):
    id: UUID
    aanleiding: str
    gestart_op: datetime
    duur_ms: int
    kandidaten: int
    woningen: int
    voorstellen: int
    totale_score: float
    baseline_voorstellen: int = Field(description="Placements the priority-order baseline would have made.")
    baseline_score: float


class AanbodView(View):
    """An offer. A supplier sees it without the client's needs (`uitleg` is then absent)."""

    id: UUID
    voorstel_id: UUID | None
    kandidaat_id: UUID
    woning_id: UUID
    status: str
    gedaan_op: datetime
    verloopt_op: datetime
    vastgelopen_op: datetime | None
    geaccepteerd_op: datetime | None
    afgewezen_door: str | None
    reden_code: str | None
    afgehandeld_op: datetime | None
    verhuisd_op: datetime | None
    uitleg: UitlegView | None = None


class OverdrachtView(View):
    id: UUID
    aanbod_id: UUID
    kandidaat_id: UUID
    traject_id: UUID
    gemeente: str = Field(description="Municipality where the home is: its local team takes over.")
    vorige_gemeente: str
    te_regelen: list[str]
    opvang_na_verhuizing: str = Field(
        "beeindigd",
        description="What the move-in does to the shelter stay: beeindigd (placement discharges it to eigen-woning on "
        "the move-in moment) or bw-loopt-door-als-ambulant (beschermd wonen continues as ambulant support).",
    )
    status: str
    gestart_op: datetime
    bevestigd_op: datetime | None


class ContactpersoonView(View):
    organisatie: str
    rol: str


class NazorgcontactView(View):
    id: UUID
    nazorgplan_id: UUID
    traject_id: UUID
    client_id: UUID
    gemeente: str = Field(description="The local team that follows up.")
    volgnummer: int
    maanden: int = Field(description="Calendar months after the move.")
    gepland_op: date = Field(description="Due on this Dutch date.")
    uiterlijk_op: date = Field(description="On time up to and including this Dutch date.")
    contact_op: datetime | None
    uitkomst: str | None = Field(description="stabiel | zorgen | terugvalrisico | contact-verloren")
    op_tijd: bool | None
    achterstallig: bool = Field(description="Not recorded and its last day has passed (plan active).")


class TerugvalsignaalView(View):
    id: UUID
    nazorgplan_id: UUID
    traject_id: UUID
    bron: str
    signaal: str
    gemeld_door: str
    gemeld_op: datetime


class NazorgplanView(View):
    id: UUID
    traject_id: UUID
    client_id: UUID
    bron: str = Field(description="verhuizing | uitstroom-bw")
    gemeente: str = Field(description="Municipality of the new home: its local team does the aftercare.")
    regio: str | None
    woning_id: UUID | None
    gestart_op: datetime
    termijn_dagen: int
    contactpersoon: ContactpersoonView
    aandachtspunten: list[str]
    status: str = Field(description="actief | afgerond (every follow-up recorded) | beeindigd (the person was erased)")
    ervaringsdeskundige: ErvaringsdeskundigeView = Field(
        description="Whether a peer expert is part of the aftercare, and for which organisation (no name)."
    )
    opgesteld_op: datetime
    contacten: list[NazorgcontactView]
    terugvalsignalen: list[TerugvalsignaalView]

    @classmethod
    def of(cls, plan: Any, contacten: list[NazorgcontactView], signalen: list[TerugvalsignaalView]) -> NazorgplanView:
        return cls(
            id=plan.id,
            traject_id=plan.traject_id,
            client_id=plan.client_id,
            bron=plan.bron,
            gemeente=plan.gemeente,
            regio=plan.regio,
            woning_id=plan.woning_id,
            gestart_op=plan.gestart_op,
            termijn_dagen=plan.termijn_dagen,
            contactpersoon=ContactpersoonView(organisatie=plan.contactpersoon_organisatie, rol=plan.contactpersoon_rol),
            aandachtspunten=list(plan.aandachtspunten),
            ervaringsdeskundige=ErvaringsdeskundigeView(
                betrokken=plan.ervaringsdeskundige_betrokken, organisatie=plan.ervaringsdeskundige_organisatie
            ),
            status=plan.status,
            opgesteld_op=plan.opgesteld_op,
            contacten=contacten,
            terugvalsignalen=signalen,
        )
