"""A history import over REST (docs/import.md): the operation and its answer, the same in every service that imports
its facts."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from journey_platform.auth import OrgType, PrincipalDep
from journey_platform.history_import import Report, RowImporter
from journey_platform.web.commands import Command


class _View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class GeweigerdeRegelView(_View):
    regel: int = Field(description="The row's position in `regels`, from 1.")
    regelsoort: str
    bron_id: str | None
    velden: list[str] = Field(description="The fields refused, where the refusal names them.")
    reden: str


class HistorieImportView(_View):
    droogloop: bool
    geimporteerd: dict[str, int] = Field(description="Rows imported (or, in a dry run, that would be) per regelsoort.")
    al_eerder_geimporteerd: int = Field(description="Rows skipped: imported before from the same source (idempotent).")
    geweigerd: list[GeweigerdeRegelView]

    @classmethod
    def of(cls, report: Report) -> HistorieImportView:
        return cls(
            droogloop=report.dry_run,
            geimporteerd=report.imported,
            al_eerder_geimporteerd=report.skipped,
            geweigerd=[
                GeweigerdeRegelView(regel=r.regel, regelsoort=r.regelsoort, bron_id=r.bron_id, velden=r.velden, reden=r.reden)
                for r in report.refused
            ],
        )


class ImporteerHistorie(Command):
    bron: str = Field(
        "historie",
        min_length=1,
        max_length=100,
        description="The source's name: rows are keyed by it and their bronId, the same in every service's import.",
    )
    regels: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=1000,
        description="The rows, in order (a person before its reports, a report before its decision, a stay before its "
        "outflow): the objects of the JSON Lines format of docs/import.md, each with regelsoort and bronId.",
    )


def history_router(importer: type[RowImporter], *, operation_id: str, what: str, command: str) -> APIRouter:
    """`POST /v1/historie-importen` of a service that imports its own facts (docs/import.md), central access only."""
    router = APIRouter(tags=["historie"])

    @router.post(
        "/historie-importen",
        response_model=HistorieImportView,
        operation_id=operation_id,
        summary=f"Import the region's history: {what} with their real moments (central access only)",
        description="Each row goes through the same handling as live registration, with its real moment, and publishes "
        "the same events marked with the CloudEvents extension `geimporteerd`; a row imported before (same bron and "
        "bronId) is skipped. `droogloop=true` changes nothing and lists every row it would refuse and why. 200 in both "
        f"cases; the refused rows are in `geweigerd`. Larger files: `{command}` (docs/import.md).",
    )
    async def importeer(
        body: ImporteerHistorie,
        request: Request,
        who: PrincipalDep,
        droogloop: Annotated[bool, Query(description="Check only: change nothing, list refused rows.")] = False,
    ) -> HistorieImportView:
        who.require(OrgType.centrale_toegang)
        run = importer(request.app.state.container, who=who, bron=body.bron, own_log=False)
        return HistorieImportView.of(await run.run([json.dumps(row) for row in body.regels], droogloop))

    return router
