"""Housing's tables. Candidates carry ids and recorded needs only; no names, no case notes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, String, Uuid, false
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from housing.domain.states import (
    AanbodStatus,
    KandidaatStatus,
    NazorgplanStatus,
    OverdrachtStatus,
    TrajectStatus,
    VoorstelStatus,
    WoningStatus,
)
from journey_platform.db import UTCDateTime, new_metadata, one_of
from journey_platform.import_keys import ImportKeys
from journey_platform.messaging.tables import MessagingTables
from journey_platform.privacy.sharing_register import SharingRegister
from journey_platform.privacy.tables import processing_log_table


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map = {datetime: UTCDateTime, dict: JSON}


messaging = MessagingTables(Base.metadata, late_registrations=True)
verwerkingen = processing_log_table(Base.metadata)


class Woning(Base):
    __tablename__ = "woningen"
    __table_args__ = (one_of("status", WoningStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    aanbieder_type: Mapped[str] = mapped_column(String(30))
    aanbieder: Mapped[str] = mapped_column(String(60))
    geregistreerd_door: Mapped[str] = mapped_column(String(60), index=True)  # organisation that owns the record
    type: Mapped[str] = mapped_column(String(30))
    gemeente: Mapped[str] = mapped_column(String(6), index=True)
    wijk: Mapped[str] = mapped_column(String(60))
    huur: Mapped[float] = mapped_column(Float)
    kamers: Mapped[int] = mapped_column(Integer)
    max_bewoners: Mapped[int] = mapped_column(Integer)
    rolstoeltoegankelijk: Mapped[bool] = mapped_column(Boolean)
    huisdieren_toegestaan: Mapped[bool] = mapped_column(Boolean)
    geschikt_voor: Mapped[list[str]] = mapped_column(JSON)
    begeleiding_in_de_buurt: Mapped[bool] = mapped_column(Boolean)
    gemeubileerd: Mapped[bool] = mapped_column(Boolean)
    beschikbaar_vanaf: Mapped[date] = mapped_column(Date)
    beschikbaar_tot: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)  # beschikbaar | aangeboden | toegewezen | verhuurd | ingetrokken
    geregistreerd_op: Mapped[datetime]
    ingetrokken_op: Mapped[datetime | None]


class Traject(Base):
    """Housing's projection of intake's journey: who is responsible (woonplaatsbeginsel) and whether the episode is
    open. Only intake's events write it (the first report or early signal, the explicit change, the closing)."""

    __tablename__ = "trajecten"
    __table_args__ = (one_of("status", TrajectStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    gemeente_melding: Mapped[str | None] = mapped_column(String(6))
    verantwoordelijke_gemeente: Mapped[str] = mapped_column(String(6), index=True)
    regio: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), default="open", server_default="open")
    afsluitreden: Mapped[str | None] = mapped_column(String(40))
    gesloten_op: Mapped[datetime | None]


class Kandidaat(Base):
    __tablename__ = "kandidaten"
    __table_args__ = (one_of("status", KandidaatStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    bron: Mapped[str] = mapped_column(String(20))  # uitstroomgereed | preventie
    bron_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the prevention case, if any
    uitstroomgereed_op: Mapped[datetime]
    gemeente_van_herkomst: Mapped[str | None] = mapped_column(String(6))
    verantwoordelijke_gemeente: Mapped[str] = mapped_column(String(6), index=True)
    regio: Mapped[str | None] = mapped_column(String(50))
    huishouden_grootte: Mapped[int] = mapped_column(Integer)
    max_huur: Mapped[float] = mapped_column(Float)
    huisdieren: Mapped[bool] = mapped_column(Boolean)
    rolstoeltoegankelijk: Mapped[bool] = mapped_column(Boolean)
    begeleidingsintensiteit: Mapped[str] = mapped_column(String(20))
    jongvolwassene: Mapped[bool] = mapped_column(Boolean)
    doelgroepen: Mapped[list[str]] = mapped_column(JSON)
    gemeente_voorkeuren: Mapped[list[str]] = mapped_column(JSON)
    herkomst_volgens_plan: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where each handover item ran (inkomen, schuldhulpverlening, inrichtingskosten, inschrijving → CBS code).
    lopend_in: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    urgent: Mapped[bool] = mapped_column(Boolean)
    housing_first: Mapped[bool] = mapped_column(Boolean)
    status: Mapped[str] = mapped_column(String(20), index=True)  # wachtend | aanbod | toegewezen | gehuisvest
    termijn_overschreden_op: Mapped[datetime | None]
    aangemeld_op: Mapped[datetime]
    gehuisvest_op: Mapped[datetime | None]


class Matchingronde(Base):
    __tablename__ = "matchingrondes"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    aanleiding: Mapped[str] = mapped_column(String(30))  # handmatig | automatisch | afwijzing
    gestart_op: Mapped[datetime] = mapped_column(index=True)
    duur_ms: Mapped[int] = mapped_column(Integer)
    kandidaten: Mapped[int] = mapped_column(Integer)
    woningen: Mapped[int] = mapped_column(Integer)
    voorstellen: Mapped[int] = mapped_column(Integer)
    totale_score: Mapped[float] = mapped_column(Float)
    baseline_voorstellen: Mapped[int] = mapped_column(Integer)
    baseline_score: Mapped[float] = mapped_column(Float)


class Voorstel(Base):
    __tablename__ = "voorstellen"
    __table_args__ = (one_of("status", VoorstelStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    ronde_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matchingrondes.id"), index=True)
    kandidaat_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kandidaten.id"), index=True)
    woning_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("woningen.id"), index=True)
    score: Mapped[float] = mapped_column(Float)
    uitleg: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), index=True)  # voorgesteld | aanbod | vervallen
    voorgesteld_op: Mapped[datetime]


class Aanbod(Base):
    __tablename__ = "aanbiedingen"
    __table_args__ = (one_of("status", AanbodStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    voorstel_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("voorstellen.id"))
    kandidaat_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kandidaten.id"), index=True)
    woning_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("woningen.id"), index=True)
    gedaan_door: Mapped[str] = mapped_column(String(60))
    uitleg: Mapped[dict[str, Any]] = mapped_column(JSON)
    # gedaan | geaccepteerd | afgewezen | verlopen | vervallen | verhuisd
    status: Mapped[str] = mapped_column(String(20), index=True)
    gedaan_op: Mapped[datetime]
    verloopt_op: Mapped[datetime]
    vastgelopen_op: Mapped[datetime | None]
    geaccepteerd_op: Mapped[datetime | None]
    afgewezen_door: Mapped[str | None] = mapped_column(String(20))  # client | aanbieder | verlopen | vervallen
    reden_code: Mapped[str | None] = mapped_column(String(60))
    afgehandeld_op: Mapped[datetime | None]
    verhuisd_op: Mapped[datetime | None]


class Overdracht(Base):
    __tablename__ = "overdrachten"
    __table_args__ = (one_of("status", OverdrachtStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    aanbod_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("aanbiedingen.id"), unique=True)
    kandidaat_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("kandidaten.id"), index=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    gemeente: Mapped[str] = mapped_column(String(6), index=True)  # where the home is: the receiving local team
    vorige_gemeente: Mapped[str] = mapped_column(String(6))
    te_regelen: Mapped[list[str]] = mapped_column(JSON)
    # What the move-in does to the shelter stay: beeindigd | bw-loopt-door-als-ambulant (placement follows the event)
    opvang_na_verhuizing: Mapped[str] = mapped_column(String(40), default="beeindigd")
    status: Mapped[str] = mapped_column(String(20))  # gestart | bevestigd
    gestart_op: Mapped[datetime]
    bevestigd_op: Mapped[datetime | None]
    bevestigd_door: Mapped[str | None] = mapped_column(String(60))


class Nazorgplan(Base):
    """An aftercare plan for the local team of the municipality of the new home (docs/aftercare.md). Ids and codes
    only: the contact person is an organisation and a role, never a name."""

    __tablename__ = "nazorgplannen"
    __table_args__ = (one_of("status", NazorgplanStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    bron: Mapped[str] = mapped_column(String(20))  # verhuizing | uitstroom-bw
    bron_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)  # the handover, or the ended stay
    gemeente: Mapped[str] = mapped_column(String(6), index=True)  # the receiving local team
    regio: Mapped[str | None] = mapped_column(String(50))
    woning_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)  # None after a BW discharge
    verhuurder: Mapped[str | None] = mapped_column(String(60))  # the organisation that let the home: it may signal
    gestart_op: Mapped[datetime]  # the move (or discharge) moment the schedule counts from
    termijn_dagen: Mapped[int] = mapped_column(Integer)
    contactpersoon_organisatie: Mapped[str] = mapped_column(String(60))
    contactpersoon_rol: Mapped[str] = mapped_column(String(40))
    aandachtspunten: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))  # actief | afgerond | beeindigd (the person was erased)
    # A peer expert in the guidance, and the organisation they work for (no name): docs/experience.md.
    ervaringsdeskundige_betrokken: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ervaringsdeskundige_organisatie: Mapped[str | None] = mapped_column(String(60))
    opgesteld_op: Mapped[datetime]


class Nazorgcontact(Base):
    """One follow-up contact of a plan: due on a Dutch date, recorded with an outcome."""

    __tablename__ = "nazorgcontacten"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    nazorgplan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("nazorgplannen.id"), index=True)
    volgnummer: Mapped[int] = mapped_column(Integer)
    maanden: Mapped[int] = mapped_column(Integer)
    gepland_op: Mapped[date] = mapped_column(Date, index=True)
    uiterlijk_op: Mapped[date] = mapped_column(Date, index=True)
    contact_op: Mapped[datetime | None]
    uitkomst: Mapped[str | None] = mapped_column(String(30))
    vastgelegd_door: Mapped[str | None] = mapped_column(String(60))


class Terugvalsignaal(Base):
    __tablename__ = "terugvalsignalen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    nazorgplan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("nazorgplannen.id"), index=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    bron: Mapped[str] = mapped_column(String(30))
    signaal: Mapped[str] = mapped_column(String(30))
    bron_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, unique=True)  # the follow-up or the report it came from
    gemeld_door: Mapped[str] = mapped_column(String(60))
    gemeld_op: Mapped[datetime]


class Pool(Base):
    """One row: when candidates or units last changed, so the matcher knows when to run again."""

    __tablename__ = "pool"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gewijzigd_op: Mapped[datetime]
    laatste_ronde_op: Mapped[datetime | None]


class ToestemmingDoel(Base):
    """Projection of intake's consents: one row per consent and purpose, so a list query can filter on it."""

    __tablename__ = "toestemmingen"
    toestemming_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    doel: Mapped[str] = mapped_column(String(30), primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    ontvanger_type: Mapped[str] = mapped_column(String(30))
    ontvanger_id: Mapped[str | None] = mapped_column(String(60))  # None: every organisation of the type
    geldig_van: Mapped[date] = mapped_column(Date)
    geldig_tot: Mapped[date] = mapped_column(Date)
    ingetrokken_op: Mapped[datetime | None]


class Deling(SharingRegister, Base):
    """The sharing register (journey_platform.privacy.sharing_register)."""


Index("ix_woningen_gebied", Woning.gemeente, Woning.wijk)


class ImportRegel(ImportKeys, Base):
    """One imported row of the region's history (docs/import.md): housing's own rows (moves), and placement's imported
    ready-to-leave declarations (`regelsoort` uitstroomgereed: the candidate), recorded by the consumer."""
