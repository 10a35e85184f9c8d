"""`GET /v1/verwerkingen?betrokkene=`: a data subject's processing log, for a subject access request.

Only a data protection officer (role `functionaris-gegevensbescherming`) may ask, and sees what
their own organisation did: each organisation is the controller that answers for its own processing.
Another organisation's officer gets an empty list, which does not tell whether the subject is known.
The question itself is logged (activity `inzageverzoek-afhandelen`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from sqlalchemy import select

from journey_platform.auth import PrincipalDep
from journey_platform.errors import Forbidden
from journey_platform.privacy.pseudonyms import pseudonym
from journey_platform.privacy.recorder import current_request_log
from journey_platform.web.deps import PageDep, SizeDep

PRIVACY_ROLE = "functionaris-gegevensbescherming"

router = APIRouter(tags=["verwerkingen"])


class VerwerkingView(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)

    id: uuid.UUID
    tijdstip: datetime
    dienst: str = Field(description="The service that processed the data.")
    verwerkingsactiviteit: str = Field(description="The processing activity (verwerkingsregister).")
    doel: str
    grondslag: str
    handeling: str = Field(description="lezen, aanmaken, wijzigen or verwijderen.")
    resultaat: str = Field(description="gelukt, geweigerd, niet-gevonden or fout.")
    actor: str = Field(description="The user (token subject) who made the request.")
    organisatie_type: str
    organisatie_id: str
    methode: str
    route: str = Field(description="The route template, never the concrete path.")
    trace_id: str | None = Field(None, description="W3C trace id of the request.")


@router.get(
    "/verwerkingen",
    response_model=list[VerwerkingView],
    operation_id="raadpleegVerwerkingen",
    summary="A data subject's processing log (subject access request; data protection officer only)",
)
async def raadpleeg_verwerkingen(
    request: Request,
    who: PrincipalDep,
    betrokkene: Annotated[uuid.UUID, Query(description="The client id (persoonId) of the data subject.")],
    pagina: PageDep = 1,
    pagina_grootte: SizeDep = 100,
) -> list[VerwerkingView]:
    if PRIVACY_ROLE not in who.roles:
        raise Forbidden(f"only a data protection officer (role {PRIVACY_ROLE}) may read the processing log")
    request_log = current_request_log()
    if request_log is not None:
        request_log.touch(betrokkene)
    processing_log = request.app.state.container.processing_log
    table = processing_log.table
    query = (
        select(table)
        .where(
            table.c.betrokkene == pseudonym(processing_log.key, betrokkene),
            table.c.organisatie_type == who.org_type.value,
            table.c.organisatie_id == who.org_id,
        )
        .order_by(table.c.tijdstip, table.c.id)
        .offset((pagina - 1) * pagina_grootte)
        .limit(pagina_grootte)
    )
    async with request.app.state.container.sessionmaker() as session:
        rows = (await session.execute(query)).mappings().all()
    return [VerwerkingView.model_validate(dict(row)) for row in rows]
