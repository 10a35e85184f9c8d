"""One journey, one answer: who may read a journey (episode), and what every service answers about it.

Intake owns the journey: its responsible municipality (woonplaatsbeginsel) and its lifecycle. Placement, housing and
reporting keep a projection of it from intake's events only, and answer `GET /v1/trajecten/{trajectId}` with the same
rule, so the same journey gets the same 200 or 403 from every service for every case worker: the local team of the
municipality of the journey's first report or of its responsible municipality, and the central access point of
their region (`Principal.may_see_municipalities`, the foundation rule).
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from journey_platform.errors import Forbidden
from journey_platform.principal import Principal
from journey_platform.reference import ReferenceData


def may_see_journey(who: Principal, reported: str | None, responsible: str | None, reference: ReferenceData) -> bool:
    return who.may_see_municipalities({reported, responsible}, reference)


def ensure_may_see_journey(who: Principal, reported: str | None, responsible: str | None, reference: ReferenceData) -> None:
    if not may_see_journey(who, reported, responsible, reference):
        raise Forbidden("this journey belongs to a municipality outside your organisation's reach")


class JourneyProjectionView(BaseModel):
    """A journey as a service that follows intake knows it: ids and codes only."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)

    id: UUID
    gemeente_melding: str | None = Field(description="Municipality of the journey's first report.")
    verantwoordelijke_gemeente: str = Field(description="Responsible municipality (woonplaatsbeginsel), as intake decided.")
    regio: str | None
    status: str = Field(description="open, or gesloten once intake closed the journey.")
    afsluitreden: str | None
    gesloten_op: datetime | None
