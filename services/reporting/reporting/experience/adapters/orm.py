"""Experience's tables, in reporting's metadata (and so in reporting's migrations).

Two tables that share no key: an invitation knows the journey until it is answered (then the link is erased); an
answer knows only region, municipality, moment, phase and month. Nothing joins them (docs/experience.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from journey_platform.db import JSONType, one_of
from reporting.adapters.orm import Base
from reporting.experience.domain.questionnaire import Moment


class Ervaringsuitnodiging(Base):
    """A one-time questionnaire link: only the SHA-256 of its token is kept."""

    __tablename__ = "ervaringsuitnodigingen"
    __table_args__ = (one_of("moment", Moment),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    traject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)  # erased when answered
    moment: Mapped[str] = mapped_column(String(30))
    regio: Mapped[str | None] = mapped_column(String(50))
    gemeente: Mapped[str] = mapped_column(String(6))  # the journey's responsible municipality when invited
    fase: Mapped[str] = mapped_column(String(30))  # the journey's phase when invited
    uitgenodigd_door: Mapped[str] = mapped_column(String(60))  # the inviting organisation
    aangemaakt_op: Mapped[datetime]
    verloopt_op: Mapped[datetime]
    gebruikt_op: Mapped[datetime | None]


class Ervaringsantwoord(Base):
    """One filled-in questionnaire, apart from identity: no journey, client, token or moment of answering."""

    __tablename__ = "ervaringsantwoorden"
    __table_args__ = (one_of("moment", Moment),)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)  # random: says nothing about order or time
    regio: Mapped[str | None] = mapped_column(String(50))
    gemeente: Mapped[str] = mapped_column(String(6))
    moment: Mapped[str] = mapped_column(String(30))
    fase: Mapped[str] = mapped_column(String(30))
    periode: Mapped[str] = mapped_column(String(7))  # YYYY-MM (Dutch calendar)
    vragenlijst_versie: Mapped[int] = mapped_column(Integer)
    scores: Mapped[dict[str, int]] = mapped_column(JSONType)
    verhaal: Mapped[str | None] = mapped_column(Text)  # only with the client's consent to its use


Index("ix_ervaringsantwoorden_groep", Ervaringsantwoord.regio, Ervaringsantwoord.gemeente, Ervaringsantwoord.periode)
