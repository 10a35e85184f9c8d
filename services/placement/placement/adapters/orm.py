"""Placement's tables. Free text (goals, the client's own view, check-in notes) stays here; events carry codes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from journey_platform.db import UTCDateTime, new_metadata, one_of
from journey_platform.import_keys import ImportKeys
from journey_platform.messaging.tables import MessagingTables
from journey_platform.privacy.sharing_register import SharingRegister
from journey_platform.privacy.tables import processing_log_table
from placement.domain.states import TrajectStatus, VerblijfStatus, VoorzieningStatus, WachtlijstStatus


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


messaging = MessagingTables(Base.metadata, late_registrations=True)
verwerkingen = processing_log_table(Base.metadata)


class Traject(Base):
    """Placement's own projection of intake's events: who is responsible for a journey, never intake's tables."""

    __tablename__ = "trajecten"
    __table_args__ = (one_of("status", TrajectStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    gemeente_melding: Mapped[str | None] = mapped_column(String(6))
    gemeente_van_herkomst: Mapped[str | None] = mapped_column(String(6))
    verantwoordelijke_gemeente: Mapped[str] = mapped_column(String(6), index=True)
    regio: Mapped[str | None] = mapped_column(String(50), index=True)
    huishouden_grootte: Mapped[int] = mapped_column(Integer, default=1)
    aandachtspunten: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The out-of-region short stay: applies (intake granted it), ends (set at the first admission, counted from it),
    # and why it stopped applying (a grant, or a responsible municipality inside the region).
    kort_verblijf: Mapped[bool] = mapped_column(Boolean, default=False)
    kort_verblijf_tot: Mapped[datetime | None]
    kort_verblijf_opgeheven: Mapped[str | None] = mapped_column(String(60))
    bijgewerkt_op: Mapped[datetime]
    # The episode's lifecycle as intake publishes it (traject-afgesloten).
    status: Mapped[str] = mapped_column(String(20), default="open", server_default="open")
    afsluitreden: Mapped[str | None] = mapped_column(String(40))
    gesloten_op: Mapped[datetime | None]


class Voorziening(Base):
    __tablename__ = "voorzieningen"
    __table_args__ = (one_of("status", VoorzieningStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    naam: Mapped[str] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(40), index=True)
    zorgaanbieder: Mapped[str] = mapped_column(String(60), index=True)
    gemeente: Mapped[str] = mapped_column(String(6), index=True)
    regio: Mapped[str | None] = mapped_column(String(50), index=True)
    capaciteit_plaatsen: Mapped[int] = mapped_column(Integer)
    eenpersoonskamers: Mapped[int] = mapped_column(Integer)
    veilig_voor: Mapped[list[str]] = mapped_column(JSON, default=list)
    huisdieren_toegestaan: Mapped[bool] = mapped_column(Boolean, default=False)
    rolstoeltoegankelijk: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="open")  # open | gesloten
    geregistreerd_op: Mapped[datetime]
    gewijzigd_op: Mapped[datetime]


class Verblijf(Base):
    """A stay: an admission to a shelter (opname) or a placement in BW or another facility (plaatsing)."""

    __tablename__ = "verblijven"
    __table_args__ = (one_of("status", VerblijfStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    voorziening_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("voorzieningen.id"), index=True)
    voorziening_type: Mapped[str] = mapped_column(String(40))
    zorgaanbieder: Mapped[str] = mapped_column(String(60), index=True)
    gemeente: Mapped[str] = mapped_column(String(6), index=True)  # where the facility is
    soort: Mapped[str] = mapped_column(String(20))  # opname | plaatsing
    status: Mapped[str] = mapped_column(String(20), index=True)  # actief | uitgestroomd | overgeplaatst
    opgenomen_op: Mapped[datetime]
    uiterlijk_tot: Mapped[datetime | None]
    maximum_datum: Mapped[date | None] = mapped_column(Date)
    maximum_signaal: Mapped[str] = mapped_column(String(20), default="geen")
    kort_verblijf_buiten_regio: Mapped[bool] = mapped_column(Boolean, default=False)
    bed_en_break: Mapped[bool] = mapped_column(Boolean, default=False)
    lopend_verblijf_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the stay a time-out keeps running
    verlenging_reden: Mapped[str | None] = mapped_column(String(60))
    van_wachtlijst_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    overplaatsing_van: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    beeindigd_op: Mapped[datetime | None]
    bestemming: Mapped[str | None] = mapped_column(String(40))
    naar_gemeente: Mapped[str | None] = mapped_column(String(6))
    terug_naar_gemeente_van_herkomst: Mapped[bool | None] = mapped_column(Boolean)
    reden_einde: Mapped[str | None] = mapped_column(String(60))


Index("ix_verblijven_bezetting", Verblijf.voorziening_id, Verblijf.status)


class Deling(SharingRegister, Base):
    """The sharing register (journey_platform.privacy.sharing_register)."""


class ChecklistPunt(Base):
    __tablename__ = "checklistpunten"
    __table_args__ = (UniqueConstraint("verblijf_id", "item"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    verblijf_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("verblijven.id"), index=True)
    item: Mapped[str] = mapped_column(String(30))
    uiterlijk_op: Mapped[date] = mapped_column(Date)
    afgerond_op: Mapped[datetime | None]
    op_tijd: Mapped[bool | None] = mapped_column(Boolean)


class Weigering(Base):
    __tablename__ = "weigeringen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    voorziening_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("voorzieningen.id"), index=True)
    gemeente: Mapped[str] = mapped_column(String(6), index=True)
    regio: Mapped[str | None] = mapped_column(String(50), index=True)
    reden_code: Mapped[str] = mapped_column(String(60))
    alternatief_code: Mapped[str | None] = mapped_column(String(60))
    bestemming_code: Mapped[str | None] = mapped_column(String(60))
    geweigerd_door: Mapped[str] = mapped_column(String(60))
    geweigerd_op: Mapped[datetime]


class WachtlijstAanmelding(Base):
    __tablename__ = "wachtlijst"
    __table_args__ = (one_of("status", WachtlijstStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    beschikking_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, unique=True)
    melding_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    voorziening: Mapped[str] = mapped_column(String(30))  # beschermd-wonen | beschut-wonen | mo
    gemeente: Mapped[str] = mapped_column(String(6), index=True)
    regio: Mapped[str | None] = mapped_column(String(50), index=True)
    besluit_datum: Mapped[date] = mapped_column(Date)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    overgang_jeugdzorg: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), index=True)  # wachtend | aanbod | geplaatst | verlaten
    aangemeld_op: Mapped[datetime]
    aanbod_voorziening_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("voorzieningen.id"))
    aanbod_op: Mapped[datetime | None]
    verlaten_op: Mapped[datetime | None]
    reden_verlaten: Mapped[str | None] = mapped_column(String(60))


class Ondersteuningsplan(Base):
    """One plan per journey (1 plan, 1 regisseur); its content lives in versions."""

    __tablename__ = "ondersteuningsplannen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), unique=True)
    huidige_versie: Mapped[int] = mapped_column(Integer)
    zorgaanbieder: Mapped[str] = mapped_column(String(60), index=True)
    aangemaakt_op: Mapped[datetime]


class PlanVersie(Base):
    __tablename__ = "planversies"
    __table_args__ = (UniqueConstraint("plan_id", "versie"),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("ondersteuningsplannen.id"), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    zorgaanbieder: Mapped[str] = mapped_column(String(60))
    regisseur_organisatie: Mapped[str] = mapped_column(String(60))
    regisseur_naam: Mapped[str] = mapped_column(String(120))
    doelen: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    resultaten: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    eigen_visie: Mapped[str] = mapped_column(Text)
    vastgesteld_door: Mapped[str] = mapped_column(String(60))
    vastgesteld_op: Mapped[datetime]
    # A peer expert in the guidance, and the organisation they work for (no name): docs/experience.md.
    ervaringsdeskundige_betrokken: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ervaringsdeskundige_organisatie: Mapped[str | None] = mapped_column(String(60))


class Trajectcontrole(Base):
    __tablename__ = "trajectcontroles"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    gepland_op: Mapped[date] = mapped_column(Date, index=True)
    uitgevoerd_op: Mapped[datetime | None]
    uitkomst: Mapped[str | None] = mapped_column(String(40))
    notities: Mapped[str | None] = mapped_column(Text)
    achterstallig_gemeld: Mapped[bool] = mapped_column(Boolean, default=False)
    aangemaakt_door: Mapped[str] = mapped_column(String(60))
    # Closed without taking place, and why (domain/monitoring.py RedenVervallen): the client left care or the
    # episode ended. Kept, not deleted: the journey's check-ins show it.
    vervallen_op: Mapped[datetime | None]
    reden_vervallen: Mapped[str | None] = mapped_column(String(40))


class Uitstroomverklaring(Base):
    __tablename__ = "uitstroomverklaringen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    verblijf_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("verblijven.id"), index=True)
    woonwensen: Mapped[dict[str, Any]] = mapped_column(JSON)
    verklaard_door: Mapped[str] = mapped_column(String(60))
    verklaard_op: Mapped[datetime]


class Uitvaloperatie(Base):
    """Process control after a provider failed: one operation, one recorded move per client."""

    __tablename__ = "uitvaloperaties"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    zorgaanbieder: Mapped[str | None] = mapped_column(String(60))
    voorziening_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reden_code: Mapped[str] = mapped_column(String(60))
    uitgevoerd_door: Mapped[str] = mapped_column(String(60))
    uitgevoerd_op: Mapped[datetime]


class UitvalVerhuizing(Base):
    __tablename__ = "uitvalverhuizingen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    operatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("uitvaloperaties.id"), index=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    van_verblijf_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("verblijven.id"))
    van_voorziening_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    naar_verblijf_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    naar_voorziening_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    wachtlijst_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


class ImportRegel(ImportKeys, Base):
    """One imported row of the region's history (docs/import.md): placement's own rows, and intake's imported reports
    and decisions (`regelsoort` melding / beschikking), recorded by the consumer from their `importbron` extension."""
