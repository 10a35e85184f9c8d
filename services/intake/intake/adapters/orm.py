"""Intake's tables. Personal data (BSN, name, date of birth) and free text only sealed with the person's data key;
free text never leaves intake."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid, true
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from intake.domain.states import MeldingStatus, PreventiezaakStatus, TrajectStatus, VerwijzingStatus
from journey_platform.db import UTCDateTime, new_metadata, one_of
from journey_platform.messaging.tables import MessagingTables
from journey_platform.privacy.tables import processing_log_table


def insert_after(target: str) -> Any:
    """A many-to-one that is never loaded (lazy="raise") and never set: it is there so that one flush inserts the
    row it names first (the unit of work orders INSERTs by relationships, not by foreign keys), which lets a report
    be written in one flush instead of one per table (issue 18)."""
    return relationship(target, lazy="raise")


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map = {datetime: UTCDateTime, dict: JSON}


messaging = MessagingTables(Base.metadata, late_registrations=True)
verwerkingen = processing_log_table(Base.metadata)


class Persoon(Base):
    __tablename__ = "personen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    bsn_versleuteld: Mapped[str | None] = mapped_column(Text)
    bsn_index: Mapped[str | None] = mapped_column(String(64), unique=True)
    gegevens_versleuteld: Mapped[str | None] = mapped_column(Text)  # name and date of birth, encrypted
    naam_index: Mapped[str | None] = mapped_column(String(64), index=True)
    aangemaakt_op: Mapped[datetime]
    # The person's data key, wrapped by the key ring; NULL once erased (crypto-shredding).
    sleutel_versleuteld: Mapped[str | None] = mapped_column(Text)
    gewist_op: Mapped[datetime | None]
    # Merged into another person (adapters/identity_orm.py, Samenvoeging): that person is who this record is now.
    samengevoegd_in: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)


class Traject(Base):
    __tablename__ = "trajecten"
    __table_args__ = (one_of("status", TrajectStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)
    persoon_rij: Mapped[Persoon] = insert_after("Persoon")
    status: Mapped[str] = mapped_column(String(20))  # open | gesloten
    gemeente_melding: Mapped[str] = mapped_column(String(6))
    verantwoordelijke_gemeente: Mapped[str] = mapped_column(String(6))
    regio: Mapped[str | None] = mapped_column(String(50))
    geopend_op: Mapped[datetime]
    gesloten_op: Mapped[datetime | None]
    # The episode's lifecycle (domain/episode.py): why and when it ended, whether it is a return, what keeps it alive.
    afsluitreden: Mapped[str | None] = mapped_column(String(40))
    vorig_traject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    dagen_sinds_vorig_traject: Mapped[int | None] = mapped_column(Integer)
    laatste_activiteit_op: Mapped[datetime | None]
    overdracht_bevestigd_op: Mapped[datetime | None]
    # Stays and waiting-list places still running, from placement's events ("verblijf:<id>", "wachtlijst:<id>").
    lopend: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    # False only for journeys closed before episodes were published: the episode job publishes their closing once.
    afsluiting_gepubliceerd: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    @property
    def terugval(self) -> bool:
        """A return: the episode opened after the person's previous one closed."""
        return self.vorig_traject_id is not None


Index("ix_trajecten_status_activiteit", Traject.status, Traject.laatste_activiteit_op)


class Melding(Base):
    __tablename__ = "meldingen"
    __table_args__ = (one_of("status", MeldingStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)
    traject_rij: Mapped[Traject] = insert_after("Traject")
    persoon_rij: Mapped[Persoon] = insert_after("Persoon")
    melder_type: Mapped[str] = mapped_column(String(40))
    melder_organisatie: Mapped[str] = mapped_column(String(60))
    situatie: Mapped[str] = mapped_column(String(30))
    route: Mapped[str] = mapped_column(String(40))
    gemeente_melding: Mapped[str] = mapped_column(String(6), index=True)
    gemeente_van_herkomst: Mapped[str | None] = mapped_column(String(6))
    verantwoordelijke_gemeente: Mapped[str] = mapped_column(String(6), index=True)
    regio: Mapped[str | None] = mapped_column(String(50), index=True)
    huishouden_grootte: Mapped[int] = mapped_column(Integer)
    aantal_kinderen: Mapped[int] = mapped_column(Integer)
    aandachtspunten: Mapped[list[str]] = mapped_column(JSON)
    toelichting: Mapped[str | None] = mapped_column(Text)
    meld_datum: Mapped[date] = mapped_column(Date)
    gemeld_op: Mapped[datetime]
    beslistermijn: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)  # open | in-onderzoek | besloten | afgesloten
    herhaalmelding: Mapped[bool] = mapped_column(Boolean)
    termijnsignaal: Mapped[str] = mapped_column(String(20), default="geen")
    kort_verblijf_tot: Mapped[datetime | None]
    regio_van_herkomst: Mapped[str | None] = mapped_column(String(50))
    afsluitreden: Mapped[str | None] = mapped_column(String(60))
    afgesloten_op: Mapped[datetime | None]
    # What the report became an application for after screening (mo | beschermd-wonen | beschut-wonen), if said.
    aangevraagde_voorziening: Mapped[str | None] = mapped_column(String(30))


class Onderzoek(Base):
    __tablename__ = "onderzoeken"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meldingen.id"), index=True)
    uitgevoerd_door: Mapped[str] = mapped_column(String(60))
    met_psychiater: Mapped[bool] = mapped_column(Boolean)
    notities: Mapped[str | None] = mapped_column(Text)
    gestart_op: Mapped[datetime]


class Beschikking(Base):
    __tablename__ = "beschikkingen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meldingen.id"), unique=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)
    besluit: Mapped[str] = mapped_column(String(40))
    voorziening: Mapped[str | None] = mapped_column(String(30))
    soort: Mapped[str | None] = mapped_column(String(20))
    geldig_van: Mapped[date | None] = mapped_column(Date)
    geldig_tot: Mapped[date | None] = mapped_column(Date)
    besluit_datum: Mapped[date] = mapped_column(Date)
    binnen_termijn: Mapped[bool] = mapped_column(Boolean)
    nieuwe_client: Mapped[bool | None] = mapped_column(Boolean)
    nieuwe_client_grond: Mapped[str | None] = mapped_column(String(40))
    nieuwe_client_feit_op: Mapped[date | None] = mapped_column(Date)
    reden_code: Mapped[str | None] = mapped_column(String(60))
    toelichting: Mapped[str | None] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    overgang_jeugdzorg: Mapped[bool] = mapped_column(Boolean, default=False)
    regio: Mapped[str | None] = mapped_column(String(50))
    afgegeven_door: Mapped[str] = mapped_column(String(60))
    afgegeven_op: Mapped[datetime]


class Verwijzing(Base):
    __tablename__ = "verwijzingen"
    __table_args__ = (one_of("status", VerwijzingStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meldingen.id"), index=True)
    van_organisatie: Mapped[str] = mapped_column(String(60))
    naar_organisatie: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(20))  # open | geaccepteerd | afgewezen
    toelichting: Mapped[str | None] = mapped_column(Text)
    aangemaakt_op: Mapped[datetime]
    beoordeeld_op: Mapped[datetime | None]


class GemeenteWijziging(Base):
    __tablename__ = "gemeentewijzigingen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    van_gemeente: Mapped[str] = mapped_column(String(6))
    naar_gemeente: Mapped[str] = mapped_column(String(6))
    reden: Mapped[str] = mapped_column(Text)
    gewijzigd_door: Mapped[str] = mapped_column(String(60))
    gewijzigd_op: Mapped[datetime]


class Preventiezaak(Base):
    __tablename__ = "preventiezaken"
    __table_args__ = (one_of("status", PreventiezaakStatus),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)
    gemeente: Mapped[str] = mapped_column(String(6), index=True)
    woningcorporatie: Mapped[str] = mapped_column(String(60), index=True)
    signaal_type: Mapped[str] = mapped_column(String(40))
    huishouden_grootte: Mapped[int] = mapped_column(Integer)
    woning_nodig: Mapped[bool] = mapped_column(Boolean)
    toelichting: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    geopend_op: Mapped[datetime]


class Wissing(Base):
    """That, when and why a person's data was erased, by whom: no personal data (the person id is a pseudonym)."""

    __tablename__ = "wissingen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    aanleiding: Mapped[str] = mapped_column(String(20))  # verzoek | bewaartermijn
    grondslag: Mapped[str] = mapped_column(String(60))
    verzocht_door: Mapped[str] = mapped_column(String(60))
    trajecten: Mapped[list[str]] = mapped_column(JSON)
    gewist_op: Mapped[datetime]


Index("ix_meldingen_open_termijn", Melding.status, Melding.beslistermijn)


class Toestemming(Base):
    """A client's consent to share data with another organisation (scope, period), until revoked."""

    __tablename__ = "toestemmingen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)
    ontvanger_type: Mapped[str] = mapped_column(String(30))
    ontvanger_id: Mapped[str | None] = mapped_column(String(60))  # None: every organisation of the type
    doelen: Mapped[list[str]] = mapped_column(JSON)
    geldig_van: Mapped[date] = mapped_column(Date)
    geldig_tot: Mapped[date] = mapped_column(Date)
    vastgelegd_door: Mapped[str] = mapped_column(String(60))
    vastgelegd_op: Mapped[datetime]
    ingetrokken_op: Mapped[datetime | None]
    ingetrokken_door: Mapped[str | None] = mapped_column(String(60))
    reden_intrekking: Mapped[str | None] = mapped_column(String(60))


class BwGebruik(Base):
    """An actual BW or beschut wonen stay, as placement's events tell it (BW new-client rule, part b)."""

    __tablename__ = "bw_gebruik"
    verblijf_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    # The journey the stay belongs to: a merge or split of persons moves the row with it (service_layer/merging.py).
    traject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    regio: Mapped[str | None] = mapped_column(String(50))
    van: Mapped[date] = mapped_column(Date)
    tot: Mapped[date | None] = mapped_column(Date)


from intake.adapters import identity_orm as _identity_tables  # noqa: E402,F401  (registers its tables on Base)


class ImportRegel(Base):
    """One row of an imported history (docs/import.md), keyed by its source and the source's own id: a row already
    imported is skipped, so re-running an import does not double it."""

    __tablename__ = "import_regels"

    bron: Mapped[str] = mapped_column(String(100), primary_key=True)
    regelsoort: Mapped[str] = mapped_column(String(20), primary_key=True)
    bron_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    doel_id: Mapped[uuid.UUID] = mapped_column(Uuid)  # the person, report or decision it became
    traject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    geimporteerd_op: Mapped[datetime] = mapped_column(UTCDateTime)
    geimporteerd_door: Mapped[str] = mapped_column(String(200))
