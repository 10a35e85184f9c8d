"""The region's history (docs/import.md): central access imports moves into a home with their real moments, the same
rows as `python -m housing.import_history`."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field

from housing.service_layer.history_import import OPERATION, Importer
from journey_platform.auth import OrgType, PrincipalDep
from journey_platform.web.commands import Command
from journey_platform.web.history_import import HistorieImportView

router = APIRouter(tags=["historie"])


class ImporteerVerhuishistorie(Command):
    bron: str = Field(
        "historie",
        min_length=1,
        max_length=100,
        description="The source's name, the same as placement's import of its ready-to-leave declarations.",
    )
    regels: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=1000,
        description="The rows, in order of their moments: the objects of the JSON Lines format of docs/import.md, each "
        "with regelsoort verhuizing and bronId.",
    )


@router.post(
    "/historie-importen",
    response_model=HistorieImportView,
    operation_id=OPERATION,
    summary="Import the region's moves into a home (central access only)",
    description="Each row goes through the same handling as live registration, with its real moment, and publishes the "
    "same events marked with the CloudEvents extension `geimporteerd`; a row imported before (same bron and bronId) "
    "is skipped. `droogloop=true` changes nothing and lists every row it would refuse and why. 200 in both cases; "
    "the refused rows are in `geweigerd`. Larger files: `python -m housing.import_history` (docs/import.md).",
)
async def importeer_verhuishistorie(
    body: ImporteerVerhuishistorie,
    request: Request,
    who: PrincipalDep,
    droogloop: Annotated[bool, Query(description="Check only: change nothing, list refused rows.")] = False,
) -> HistorieImportView:
    who.require(OrgType.centrale_toegang)
    importer = Importer(request.app.state.container, who=who, bron=body.bron, own_log=False)
    report = await importer.run([json.dumps(row) for row in body.regels], droogloop)
    return HistorieImportView.of(report)
