"""Intake's identity tables: the blind lookup keys that find a person again, possible duplicates for central access
to judge, and merges (samenvoegingen) with their reversal by a split. No personal data in the clear: the keys are
HMACs, reasons are sealed with the person's data key."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from intake.adapters.orm import Base, Persoon, insert_after
from intake.domain.states import DubbeleStatus
from journey_platform.db import one_of


class Zoeksleutel(Base):
    """A blind index (HMAC) of two of a person's identifying fields, or of the alias: finds candidates, decides nothing."""

    __tablename__ = "persoon_zoeksleutels"
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), primary_key=True)
    persoon_rij: Mapped[Persoon] = insert_after("Persoon")
    sleutel: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    soort: Mapped[str] = mapped_column(String(30))  # achternaam-geboortedatum | voornaam-geboortedatum | ... | alias


class MogelijkeDubbele(Base):
    """Two persons that match on fewer fields than make one person: central access merges them or says they differ."""

    __tablename__ = "mogelijke_dubbelen"
    __table_args__ = (UniqueConstraint("persoon_id", "kandidaat_id"), one_of("status", DubbeleStatus))
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)  # the newer record
    kandidaat_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)  # the one it resembles
    velden: Mapped[list[str]] = mapped_column(JSON)  # the fields that match: achternaam, voornaam, geboortedatum, alias
    status: Mapped[str] = mapped_column(String(20), index=True)  # open | samengevoegd | afgewezen
    gevonden_op: Mapped[datetime]
    beoordeeld_door: Mapped[str | None] = mapped_column(String(60))
    beoordeeld_op: Mapped[datetime | None]
    reden: Mapped[str | None] = mapped_column(Text)  # sealed with persoon_id's data key


class Samenvoeging(Base):
    """One person recognised as another: the absorbed person's journeys moved to the surviving person. A split
    moves exactly these journeys back."""

    __tablename__ = "samenvoegingen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    overblijvend_persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)
    opgegaan_persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("personen.id"), index=True)
    traject_ids: Mapped[list[str]] = mapped_column(JSON)
    mogelijke_dubbele_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reden: Mapped[str] = mapped_column(Text)  # sealed with the surviving person's data key
    samengevoegd_door: Mapped[str] = mapped_column(String(60))
    samengevoegd_op: Mapped[datetime]
    splitsing_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, unique=True)
    splitsreden: Mapped[str | None] = mapped_column(Text)  # sealed with the restored person's data key
    gesplitst_door: Mapped[str | None] = mapped_column(String(60))
    gesplitst_op: Mapped[datetime | None]
