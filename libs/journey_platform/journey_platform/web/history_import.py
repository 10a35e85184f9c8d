"""The answer of a history import over REST (docs/import.md), the same in every service that imports its facts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from journey_platform.history_import import Report


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
