from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from journey_platform.auth import PrincipalDep
from journey_platform.web.deps import GemeenteFilter, IsoDate, ReferenceDep, UowDep
from reporting.service_layer import indicators
from reporting.service_layer.indicator_views import IndicatorDetailView, IndicatorView
from reporting.service_layer.indicator_worker import Question
from reporting.service_layer.rows_first import RowsFirst
from reporting.service_layer.scope import Scope, resolve_scope, resolve_window

router = APIRouter(tags=["indicatoren"])
CSV = "text/csv"
_CSV_CONTENT: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV: {"schema": {"type": "string"}}}, "description": "The table as CSV (UTF-8, comma-separated)."}
}


async def get_answers(request: Request) -> RowsFirst:
    """SQL over the row read models where it can answer, else the kept answers (service_layer/rows_first.py)."""
    return request.app.state.container.extras["rows_first"]  # type: ignore[no-any-return]  # Starlette's app.state is untyped


AnswersDep = Annotated[RowsFirst, Depends(get_answers)]


class Tabel(StrEnum):
    gemeenten = "gemeenten"
    maanden = "maanden"


IndicatorCode = Annotated[str, Path(alias="indicatorCode", pattern=r"^[a-z0-9-]{2,60}$", description="e.g. bw-clienten")]
Regio = Annotated[str | None, Query(pattern=r"^[a-z0-9-]{2,60}$", description="Region code, e.g. midden-ijssel.")]
Peildatum = Annotated[
    IsoDate | None, Query(description="Reference date (default today): only what had happened by its end counts.")
]
Van = Annotated[IsoDate | None, Query(description="First day of the period (default 1 January of the reference date's year).")]
Tot = Annotated[IsoDate | None, Query(description="Last day of the period, included (default 31 December of van's year).")]


async def _detail(
    code: str,
    who: PrincipalDep,
    uow: UowDep,
    reference: ReferenceDep,
    answers: RowsFirst,
    regio: str | None,
    gemeente: str | None,
    peildatum: date | None,
    van: date | None,
    tot: date | None,
) -> IndicatorDetailView:
    indicators.indicator(code)
    scope: Scope = resolve_scope(who, reference, regio, gemeente)
    window = resolve_window(scope, indicators.today(), peildatum, van, tot)
    found = await answers.ask(uow.session, Question(scope, window, code))
    assert isinstance(found, IndicatorDetailView)
    return found


@router.get(
    "/indicatoren",
    response_model=list[IndicatorView],
    operation_id="zoekIndicatoren",
    summary="Every indicator's headline against its target, for a region or municipality, period and reference date",
)
async def zoek_indicatoren(
    who: PrincipalDep,
    uow: UowDep,
    reference: ReferenceDep,
    answers: AnswersDep,
    regio: Regio = None,
    gemeente: GemeenteFilter = None,
    peildatum: Peildatum = None,
    van: Van = None,
    tot: Tot = None,
) -> list[IndicatorView]:
    scope = resolve_scope(who, reference, regio, gemeente)
    window = resolve_window(scope, indicators.today(), peildatum, van, tot)
    found = await answers.ask(uow.session, Question(scope, window))
    assert isinstance(found, list)
    return found


@router.get(
    "/indicatoren/{indicatorCode}",
    response_model=IndicatorDetailView,
    operation_id="haalIndicatorOp",
    responses=_CSV_CONTENT,
    summary="One indicator with its comparison across municipalities and monthly trend; `Accept: text/csv` for its table",
)
async def haal_indicator_op(
    request: Request,
    code: IndicatorCode,
    who: PrincipalDep,
    uow: UowDep,
    reference: ReferenceDep,
    answers: AnswersDep,
    regio: Regio = None,
    gemeente: GemeenteFilter = None,
    peildatum: Peildatum = None,
    van: Van = None,
    tot: Tot = None,
) -> Any:
    view = await _detail(code, who, uow, reference, answers, regio, gemeente, peildatum, van, tot)
    if CSV in request.headers.get("accept", "") and "application/json" not in request.headers.get("accept", ""):
        return _csv_response(view, Tabel.gemeenten)
    return view


@router.get(
    "/indicatoren/{indicatorCode}/export",
    operation_id="exporteerIndicator",
    response_class=Response,
    responses=_CSV_CONTENT,
    summary="One indicator's table as CSV: per municipality (with the total), or per month",
)
async def exporteer_indicator(
    code: IndicatorCode,
    who: PrincipalDep,
    uow: UowDep,
    reference: ReferenceDep,
    answers: AnswersDep,
    regio: Regio = None,
    gemeente: GemeenteFilter = None,
    peildatum: Peildatum = None,
    van: Van = None,
    tot: Tot = None,
    tabel: Annotated[Tabel, Query(description="Which table.")] = Tabel.gemeenten,
) -> Response:
    view = await _detail(code, who, uow, reference, answers, regio, gemeente, peildatum, van, tot)
    return _csv_response(view, tabel)


def _csv_response(view: IndicatorDetailView, table: Tabel) -> Response:
    filename = f"{view.code}-{view.gemeente or view.regio}-{view.peildatum}.csv"
    return Response(
        indicators.as_csv(view, table.value),
        media_type=f"{CSV}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
