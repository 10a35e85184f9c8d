from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel


class View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class TijdlijnItemView(View):
    event_id: UUID
    moment: datetime = Field(
        description="When it happened, as the fact says (meldDatum, besluitDatum, opgenomenOp, ...; a date is 00:00 "
        "Dutch time that day), in UTC. The timeline is ordered by it. Equal to vastgelegdOp where the event names none."
    )
    vastgelegd_op: datetime = Field(description="When the service that owns the fact recorded it (the event's time), in UTC.")
    tijdstip: datetime = Field(description="Same as vastgelegdOp (kept for existing clients).")
    registratie: Literal["laat", "import"] | None = Field(
        None,
        description="How it was registered: `laat` a late registration (the moment lies before vastgelegdOp, "
        "docs/late-registration.md), `import` loaded from the region's history (docs/import.md); absent when live.",
    )
    gebeurtenis: str = Field(description="What happened (event name).")
    dienst: str = Field(description="The service that recorded it.")
    actor_type: str = Field(
        description="The kind of organisation that acted: lokale-toegang, centrale-toegang, zorgaanbieder, woningcorporatie."
    )
    actor: str | None = Field(description="The organisation that acted, where the event names one.")
    fase: str
    gegevens: dict[str, Any]


class TrajectView(View):
    id: UUID
    client_id: UUID
    fase: str
    fase_sinds: datetime
    gemeente_melding: str | None
    verantwoordelijke_gemeente: str | None
    gemeente_van_herkomst: str | None
    regio: str | None
    zorgaanbieder: str | None = Field(None, description="The provider guiding the client now, if any.")
    dagen_in_fase: int | None = Field(None, description="Whole days the journey has been in its current phase.")
    geopend_op: datetime
    bijgewerkt_op: datetime
    status: str = Field("open", description="open, or gesloten once intake closed the journey (episode).")
    afsluitreden: str | None = Field(None, description="Why intake closed the journey.")
    gesloten_op: datetime | None = None
    terugval: bool = Field(False, description="A return: opened after the client's previous journey closed.")
    vorig_traject_id: UUID | None = None
    dagen_sinds_vorig_traject: int | None = None
    zorgaanbieders: list[str] | None = Field(None, description="Every provider involved (single read only).")
    tijdlijn: list[TijdlijnItemView] | None = None
