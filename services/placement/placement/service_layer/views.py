"""What placement answers with (camelCase on the wire)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, computed_field
from pydantic.alias_generators import to_camel

from journey_platform.links import Link, link
from journey_platform.peer_experts import ErvaringsdeskundigeView
from placement.domain.monitoring import ControleStatus, RedenVervallen


class View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class VoorzieningView(View):
    id: UUID
    naam: str
    type: str
    zorgaanbieder: str
    gemeente: str
    regio: str | None
    capaciteit_plaatsen: int
    eenpersoonskamers: int
    veilig_voor: list[str]
    huisdieren_toegestaan: bool
    rolstoeltoegankelijk: bool
    status: str
    bezet: int = 0
    gereserveerd: int = 0
    vrij: int = 0


class ChecklistPuntView(View):
    item: str
    uiterlijk_datum: date
    afgerond_op: datetime | None
    op_tijd: bool | None


class VerblijfView(View):
    id: UUID
    traject_id: UUID
    client_id: UUID
    voorziening_id: UUID
    voorziening_type: str
    zorgaanbieder: str
    gemeente: str
    soort: str
    status: str
    opgenomen_op: datetime
    uiterlijk_tot: datetime | None
    maximum_datum: date | None
    kort_verblijf_buiten_regio: bool
    bed_en_break: bool
    lopend_verblijf_id: UUID | None
    verlenging_reden: str | None
    van_wachtlijst_id: UUID | None
    overplaatsing_van: UUID | None
    beeindigd_op: datetime | None
    bestemming: str | None
    naar_gemeente: str | None
    terug_naar_gemeente_van_herkomst: bool | None
    checklist: list[ChecklistPuntView] = []

    @computed_field(alias="_links")  # type: ignore[prop-decorator]  # pydantic's documented computed_field over a property
    @property
    def links(self) -> dict[str, Link]:
        """The stay, its facility, the journey's other stays here, and the journey itself (served by reporting)."""
        return {
            "self": Link(href=f"/v1/verblijven/{self.id}"),
            "voorziening": Link(href=f"/v1/voorzieningen/{self.voorziening_id}"),
            "verblijven": Link(href=f"/v1/verblijven?trajectId={self.traject_id}", title="every stay of this journey"),
            "traject": Link(href=f"/v1/trajecten/{self.traject_id}", title="the journey, on the reporting service"),
        }


class WeigeringView(View):
    id: UUID
    traject_id: UUID
    voorziening_id: UUID | None
    gemeente: str
    regio: str | None
    reden_code: str
    alternatief_code: str | None
    bestemming_code: str | None
    geweigerd_door: str
    geweigerd_op: datetime


class WachtredenView(View):
    """Why a client still waits: `code` (geen-voorziening, geen-vrije-plaats, geen-passende-vrije-plaats,
    anderen-gaan-voor, aanbod-volgt), what that means here, and the rule behind it."""

    code: str
    toelichting: str
    regel: str


class WachtlijstView(View):
    id: UUID
    traject_id: UUID
    client_id: UUID
    beschikking_id: UUID | None
    voorziening: str
    gemeente: str
    regio: str | None
    besluit_datum: date
    urgent: bool
    overgang_jeugdzorg: bool
    prioriteit: int
    positie: int | None
    status: str
    aangemeld_op: datetime
    wachttijd_dagen: int
    aanbod_voorziening_id: UUID | None
    aanbod_op: datetime | None
    verlaten_op: datetime | None
    reden_verlaten: str | None
    wachtreden: WachtredenView | None = None


class DoelView(View):
    levensdomein: str
    omschrijving: str


class ResultaatView(View):
    resultaat: str
    stand: str


class RegisseurView(View):
    organisatie: str
    naam: str


class PlanVersieView(View):
    plan_id: UUID
    traject_id: UUID
    versie: int
    zorgaanbieder: str
    regisseur: RegisseurView
    doelen: list[DoelView]
    resultaten: list[ResultaatView]
    eigen_visie: str
    vastgesteld_door: str
    vastgesteld_op: datetime
    versies: list[int] = []
    ervaringsdeskundige: ErvaringsdeskundigeView = Field(
        default_factory=lambda: ErvaringsdeskundigeView(betrokken=False),
        description="Whether a peer expert is part of the guidance, and for which organisation (no name).",
    )


class TrajectcontroleView(View):
    id: UUID
    traject_id: UUID
    gepland_datum: date
    uitgevoerd_op: datetime | None
    uitkomst: str | None
    notities: str | None
    dagen_achterstallig: int
    volgende_id: UUID | None = None
    status: ControleStatus = Field(description="gepland, uitgevoerd, or vervallen: closed when the client's care ended.")
    vervallen_op: datetime | None = Field(None, description="When it was closed without taking place.")
    reden_vervallen: RedenVervallen | None = Field(None, description="Why: uitgestroomd, traject-afgesloten, persoon-gewist.")


class UitstroomgereedView(View):
    id: UUID
    traject_id: UUID
    verblijf_id: UUID
    woonwensen: dict[str, Any]
    verklaard_op: datetime

    @computed_field(alias="_links")  # type: ignore[prop-decorator]  # pydantic's documented computed_field over a property
    @property
    def links(self) -> dict[str, Link]:
        """Itself (the stay's latest declaration) and the stay it declares."""
        stay = f"/v1/verblijven/{self.verblijf_id}"
        return {"self": link(f"{stay}/uitstroomgereed-verklaring"), "verblijf": link(stay)}


class VerhuizingView(View):
    verblijf_id: UUID
    traject_id: UUID
    van_voorziening_id: UUID
    naar_voorziening_id: UUID | None
    naar_verblijf_id: UUID | None
    naar_wachtlijst: bool
    wachtlijst_id: UUID | None


class UitvaloperatieView(View):
    id: UUID
    zorgaanbieder: str | None
    voorziening_id: UUID | None
    reden_code: str
    uitgevoerd_op: datetime
    verhuizingen: list[VerhuizingView]
