"""Reporting's read models and its own copy of the event history (for replay and as-of indicators)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, Uuid, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from journey_platform.db import JSONType, UTCDateTime, new_metadata
from journey_platform.messaging.tables import MessagingTables
from journey_platform.privacy.tables import processing_log_table


class Base(DeclarativeBase):
    metadata = new_metadata()
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSONType}


messaging = MessagingTables(Base.metadata)
verwerkingen = processing_log_table(Base.metadata)


class Gebeurtenis(Base):
    """Every event reporting consumed, as it arrived: the source for replay and reference-date queries."""

    __tablename__ = "gebeurtenissen"
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(200), index=True)
    bron: Mapped[str] = mapped_column(String(200))
    traject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    tijdstip: Mapped[datetime] = mapped_column(index=True)
    # The producer's number of the event within its journey (CloudEvents `trajectvolgnummer`); None before it had one.
    volgnummer: Mapped[int | None] = mapped_column(BigInteger)
    # How the fact was registered, from the CloudEvents extensions: "laat" (laatgeregistreerd), "import"
    # (geimporteerd), None when live (docs/late-registration.md, docs/import.md).
    registratie: Mapped[str | None] = mapped_column(String(20))
    ontvangen_op: Mapped[datetime]
    data: Mapped[dict[str, Any]] = mapped_column(JSONType)
    # When the fact happened as its payload says, as the indicators count it (domain/indicators/attribution.moment):
    # a reference date cuts the history in SQL. None only for rows stored before 0009 and not yet backfilled.
    moment: Mapped[datetime | None] = mapped_column(index=True)

    @classmethod
    def in_journey_order(cls) -> tuple[Any, ...]:
        """Time order; among events of the same moment, the producer's number (docs/architecture.md, Events)."""
        return cls.tijdstip, func.coalesce(cls.volgnummer, 0), cls.event_id


class Traject(Base):
    __tablename__ = "trajecten"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    fase: Mapped[str] = mapped_column(String(30), index=True)
    fase_sinds: Mapped[datetime]
    gemeente_melding: Mapped[str | None] = mapped_column(String(6), index=True)
    verantwoordelijke_gemeente: Mapped[str | None] = mapped_column(String(6), index=True)
    gemeente_van_herkomst: Mapped[str | None] = mapped_column(String(6))
    regio: Mapped[str | None] = mapped_column(String(50), index=True)
    zorgaanbieder: Mapped[str | None] = mapped_column(String(60))  # the provider guiding the client now
    geopend_op: Mapped[datetime]
    bijgewerkt_op: Mapped[datetime]
    # The episode's lifecycle as intake publishes it (traject-afgesloten; a return names the previous journey).
    status: Mapped[str] = mapped_column(String(20), default="open", server_default="open", index=True)
    afsluitreden: Mapped[str | None] = mapped_column(String(40))
    gesloten_op: Mapped[datetime | None]
    vorig_traject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    dagen_sinds_vorig_traject: Mapped[int | None] = mapped_column(Integer)

    @property
    def terugval(self) -> bool:
        return self.vorig_traject_id is not None


class TijdlijnItem(Base):
    __tablename__ = "tijdlijn"
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), index=True)
    tijdstip: Mapped[datetime]
    volgnummer: Mapped[int | None] = mapped_column(BigInteger)  # as in Gebeurtenis
    registratie: Mapped[str | None] = mapped_column(String(20))  # as in Gebeurtenis
    gebeurtenis: Mapped[str] = mapped_column(String(100))
    dienst: Mapped[str] = mapped_column(String(30))
    actor_type: Mapped[str] = mapped_column(String(30), server_default="centrale-toegang")
    actor: Mapped[str | None] = mapped_column(String(60))
    fase: Mapped[str] = mapped_column(String(30))
    gegevens: Mapped[dict[str, Any]] = mapped_column(JSONType)


class TrajectZorgaanbieder(Base):
    """Every provider that ever admitted, placed or guided the client on this journey: it may see the journey."""

    __tablename__ = "traject_zorgaanbieders"
    traject_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("trajecten.id"), primary_key=True)
    zorgaanbieder: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)


class TrajectAttributie(Base):
    """Every municipality a journey's events ever named, and every facility (domain/indicators/attribution.py):
    which journeys an indicator request for a municipality or region has to load."""

    __tablename__ = "traject_attributies"
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    soort: Mapped[str] = mapped_column(String(20), primary_key=True)  # gemeente | voorziening
    waarde: Mapped[str] = mapped_column(String(60), primary_key=True)


Index("ix_traject_attributies_waarde", TrajectAttributie.soort, TrajectAttributie.waarde)
Index("ix_gebeurtenissen_traject_moment", Gebeurtenis.traject_id, Gebeurtenis.moment)
Index("ix_tijdlijn_traject_tijd", TijdlijnItem.traject_id, TijdlijnItem.tijdstip)


class ReplayCheckpoint(Base):
    """How far the last replay got (reporting/replay.py): the last event done, in journey order. One row."""

    __tablename__ = "replay_checkpoint"
    naam: Mapped[str] = mapped_column(String(30), primary_key=True)
    tijdstip: Mapped[datetime]
    volgnummer: Mapped[int] = mapped_column(BigInteger)  # coalesced to 0, as in Gebeurtenis.in_journey_order
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    gebeurtenissen: Mapped[int] = mapped_column(BigInteger)  # events done since the replay started
    gestart_op: Mapped[datetime]
    bijgewerkt_op: Mapped[datetime]
    voltooid: Mapped[bool]


class IndicatorAntwoord(Base):
    """An indicator answer as computed for a question (service_layer/stored_answers.py): served again until an event
    it depends on is projected. `sleutel` is a hash of the question and of what the answer is computed with."""

    __tablename__ = "indicator_antwoorden"
    sleutel: Mapped[str] = mapped_column(String(64), primary_key=True)
    code: Mapped[str] = mapped_column(String(60))  # "" for every indicator's headline
    regio: Mapped[str | None] = mapped_column(String(60))
    gemeente: Mapped[str | None] = mapped_column(String(6))
    van: Mapped[date] = mapped_column(Date)
    tot: Mapped[date] = mapped_column(Date)
    peildatum: Mapped[date] = mapped_column(Date, index=True)
    antwoord: Mapped[str] = mapped_column(Text)  # the views as JSON
    berekend_op: Mapped[datetime]


class IndicatorAntwoordBron(Base):
    """What an answer depends on: the attribution values (traject_attributies) of the journeys it may count, and
    ("alles", "*") for what every answer depends on (facilities, merges). An event on a journey with one of them
    removes the answer (from the event's day on)."""

    __tablename__ = "indicator_antwoord_bronnen"
    sleutel: Mapped[str] = mapped_column(String(64), primary_key=True)
    soort: Mapped[str] = mapped_column(String(20), primary_key=True)
    waarde: Mapped[str] = mapped_column(String(60), primary_key=True)


class IndicatorGeneratie(Base):
    """Per attribution value, how often events about it were projected: an answer computed while one arrived is
    not kept (its facts may predate the event)."""

    __tablename__ = "indicator_generaties"
    soort: Mapped[str] = mapped_column(String(20), primary_key=True)
    waarde: Mapped[str] = mapped_column(String(60), primary_key=True)
    generatie: Mapped[int] = mapped_column(BigInteger)


Index("ix_indicator_antwoord_bronnen_waarde", IndicatorAntwoordBron.soort, IndicatorAntwoordBron.waarde)


class Verblijf(Base):
    """A stay as `derive_stays` derives it from all of its journey's facts (domain/indicators/rows.py): kept per
    journey by the projector (service_layer/stay_rows.py), cut at a reference date's end by the SQL indicators."""

    __tablename__ = "verblijven"
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    rij: Mapped[int] = mapped_column(Integer, primary_key=True)  # the row's number within its journey
    verblijf_id: Mapped[str] = mapped_column(String(120))
    versie: Mapped[int] = mapped_column(Integer)
    client_id: Mapped[str | None] = mapped_column(String(60))
    voorziening_id: Mapped[str | None] = mapped_column(String(60), index=True)
    type: Mapped[str] = mapped_column(String(60))
    gemeente: Mapped[str | None] = mapped_column(String(60))  # the facility's municipality, as the stay says it
    start: Mapped[datetime]
    eind: Mapped[datetime | None]
    kort_verblijf: Mapped[bool]
    time_out: Mapped[bool]
    verhuisd: Mapped[bool]  # begun by a move after a provider failure: a facility event re-derives it
    geldig_vanaf: Mapped[datetime | None]  # the version holds for reference cutoffs after this moment ...
    geldig_tot: Mapped[datetime | None]  # ... up to and including this one
    # A piece of the stay, (van, tot], in which its resident counts in `woonplaats` (rows.resident_segments)
    van: Mapped[datetime]
    tot: Mapped[datetime | None]
    woonplaats: Mapped[str | None] = mapped_column(String(60))


class TrajectGemeente(Base):
    """A journey's responsible municipality (`Snapshot.municipality_of`) from each moment it changes on."""

    __tablename__ = "traject_gemeenten"
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    vanaf: Mapped[datetime] = mapped_column(primary_key=True)
    gemeente: Mapped[str | None] = mapped_column(String(60))


class RijModellen(Base):
    """One row once `stay_rows.rebuild_all` built the stay and municipality rows from the whole history: from then on
    the projector keeps them, and the SQL indicators may answer (none: the history is folded as before)."""

    __tablename__ = "rij_modellen"
    naam: Mapped[str] = mapped_column(String(30), primary_key=True)
    opgebouwd_op: Mapped[datetime]


Index("ix_verblijven_type_van", Verblijf.type, Verblijf.van)


# Subscriptions and experience keep their tables in subpackages of their own; importing them puts them in this metadata.
from reporting.experience.adapters import orm as _experience  # noqa: E402,F401
from reporting.subscriptions.adapters import orm as _subscriptions  # noqa: E402,F401
