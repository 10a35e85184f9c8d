"""The sharing register (`delingen`) that housing and placement keep: which organisation received which client's
data, when, and on which basis (journey_platform.sharing.Grondslag). Each service maps it on its own Base:
`class Deling(SharingRegister, Base)`; its routes answer with `DelingView`."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from sqlalchemy import String, Uuid
from sqlalchemy.orm import Mapped, mapped_column


class SharingRegister:
    """Columns of the `delingen` table (a declarative mixin)."""

    __tablename__ = "delingen"
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    traject_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    ontvanger_type: Mapped[str] = mapped_column(String(30))
    ontvanger_id: Mapped[str] = mapped_column(String(60))
    gegevens: Mapped[str] = mapped_column(String(30))  # housing: aanbod | overdracht; placement: verblijf | ondersteuningsplan
    gegevens_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    grondslag: Mapped[str] = mapped_column(String(20))  # a journey_platform.sharing.Grondslag
    grondslag_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    gedeeld_op: Mapped[datetime]


class DelingView(BaseModel):
    """One sharing of a client's data with another organisation, and its basis."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)

    id: uuid.UUID
    client_id: uuid.UUID
    traject_id: uuid.UUID
    ontvanger_type: str
    ontvanger_id: str
    gegevens: str = Field(
        description="What was shared: aanbod or overdracht (housing), verblijf or ondersteuningsplan (placement)."
    )
    gegevens_id: uuid.UUID
    grondslag: str = Field(
        description="The basis: toestemming (the client's consent), or the Wmo task the provider "
        "carries out: beschikking, opname or ondersteuningsplan."
    )
    grondslag_id: uuid.UUID = Field(description="The id of the basis (the consent, decision, admission or plan).")
    gedeeld_op: datetime
