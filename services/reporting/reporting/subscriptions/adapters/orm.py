"""Subscriptions' tables, in reporting's metadata (and so in reporting's migrations)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from journey_platform.db import JSONType
from reporting.adapters.orm import Base

# SQLite numbers rows only for a plain INTEGER primary key.
Sequence = BigInteger().with_variant(Integer(), "sqlite")


class Abonnement(Base):
    """A webhook subscription of one organisation."""

    __tablename__ = "abonnementen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    org_type: Mapped[str] = mapped_column(String(30))
    org_id: Mapped[str] = mapped_column(String(60), index=True)
    regio: Mapped[str | None] = mapped_column(String(50))
    callback_url: Mapped[str] = mapped_column(String(1000))
    # Sealed (adapters/sealing.py): the Authorization header value the subscriber asked us to send, and the
    # signing secret (shown once, at registration).
    auth_versleuteld: Mapped[str] = mapped_column(Text)
    geheim_versleuteld: Mapped[str] = mapped_column(Text)
    kanalen: Mapped[list[str]] = mapped_column(JSONType)
    gemeente: Mapped[str | None] = mapped_column(String(6))
    event_types: Mapped[list[str]] = mapped_column(JSONType)
    aangemaakt_op: Mapped[datetime]


class PubliekeGebeurtenis(Base):
    """Every minimised public event, numbered in the order it was made: the stream's log (Last-Event-ID)."""

    __tablename__ = "publieke_gebeurtenissen"
    volgnummer: Mapped[int] = mapped_column(Sequence, primary_key=True, autoincrement=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)  # the public CloudEvent's id
    bron_event_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)  # the journey event it was made from
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    event_naam: Mapped[str] = mapped_column(String(100))
    kanaal: Mapped[str] = mapped_column(String(30))
    sleutel: Mapped[str] = mapped_column(String(60))  # the client's pseudonymous id: deliveries keep its order
    gemeenten: Mapped[list[str]] = mapped_column(JSONType)
    tijdstip: Mapped[datetime]
    cloudevent: Mapped[dict[str, Any]] = mapped_column(JSONType)


class Aflevering(Base):
    """One public event to one subscription: waiting, delivered, or failed (parked, the dead-letter list)."""

    __tablename__ = "afleveringen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    abonnement_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("abonnementen.id", ondelete="CASCADE"))
    volgnummer: Mapped[int] = mapped_column(ForeignKey("publieke_gebeurtenissen.volgnummer"))
    sleutel: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20))
    pogingen: Mapped[int] = mapped_column(Integer, default=0)
    volgende_poging_op: Mapped[datetime | None]
    laatste_fout: Mapped[str | None] = mapped_column(String(500))
    aangemaakt_op: Mapped[datetime]
    bijgewerkt_op: Mapped[datetime]


Index("ix_afleveringen_wachtrij", Aflevering.abonnement_id, Aflevering.sleutel, Aflevering.status, Aflevering.volgnummer)
Index("ix_afleveringen_status_tijd", Aflevering.status, Aflevering.volgende_poging_op)
