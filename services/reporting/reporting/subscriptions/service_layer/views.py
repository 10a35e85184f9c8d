from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import Field

from reporting.service_layer.views import View


class AbonnementView(View):
    id: UUID
    callback_url: str
    kanalen: list[str]
    gemeente: str | None = Field(description="Filter: only events about this municipality's residents.")
    event_types: list[str] = Field(description="Filter: only these events (empty: all of the channels).")
    aangemaakt_op: datetime


class NieuwAbonnementView(AbonnementView):
    geheim: str = Field(description="The signing secret (Standard Webhooks, `whsec_…`). Shown only now: keep it.")


class AfleveringView(View):
    id: UUID
    status: str
    pogingen: int = Field(description="Failed attempts so far.")
    volgende_poging_op: datetime | None
    laatste_fout: str | None
    aangemaakt_op: datetime
    bijgewerkt_op: datetime
    gebeurtenis: dict[str, Any] = Field(description="The CloudEvent as delivered.")
