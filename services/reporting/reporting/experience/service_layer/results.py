"""Aggregated experience results for a region or municipality and a period of months (GET /v1/ervaringen)."""

from __future__ import annotations

import re

from sqlalchemy import select

from journey_platform.db import utcnow
from journey_platform.dutch_calendar import dutch_date
from journey_platform.errors import InvalidInput
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal
from reporting.experience.adapters.orm import Ervaringsantwoord
from reporting.experience.domain.aggregate import MINIMUM, Antwoord, Cel, cellen, onderdruk_samen
from reporting.experience.domain.questionnaire import Moment, Vragenlijst
from reporting.experience.service_layer.invitations import ExperienceContext
from reporting.experience.service_layer.views import ErvaringenView, GroepView, ThemaResultaatView
from reporting.service_layer.scope import resolve_scope

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_MONTHS = 120


def months(van: str, tot: str) -> list[str]:
    (y, m), (y2, m2) = (int(van[:4]), int(van[5:])), (int(tot[:4]), int(tot[5:]))
    out = []
    while (y, m) <= (y2, m2):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def period(van: str | None, tot: str | None) -> tuple[str, str]:
    """Default: the twelve months up to and including this (Dutch) month."""
    for name, value in (("van", van), ("tot", tot)):
        if value is not None and not MONTH.fullmatch(value):
            raise InvalidInput.field(name, "a month as YYYY-MM", "format")
    today = dutch_date(utcnow())
    tot = tot or f"{today.year:04d}-{today.month:02d}"
    if van is None:
        first = int(tot[:4]) * 12 + int(tot[5:]) - 1 - 11
        van = f"{first // 12:04d}-{first % 12 + 1:02d}"
    if van > tot:
        raise InvalidInput.field("tot", "tot lies before van", "range")
    if len(months(van, tot)) > MAX_MONTHS:
        raise InvalidInput.field("tot", "a period spans at most ten years", "range")
    return van, tot


def _views(cells: list[Cel], vragenlijst: Vragenlijst) -> list[ThemaResultaatView]:
    names = {t.code: t.naam for t in vragenlijst.themas}
    return [
        ThemaResultaatView(
            thema=c.thema,
            naam=names[c.thema],
            aantal=c.getoond_aantal,
            gemiddelde=c.gemiddelde,
            aandeel_positief=c.aandeel_positief,
            onderdrukt=c.onderdrukt,
        )
        for c in cells
    ]


async def resultaten(
    who: Principal,
    uow: UnitOfWork,
    ctx: ExperienceContext,
    regio: str | None,
    gemeente: str | None,
    van: str | None,
    tot: str | None,
    moment: Moment | None,
) -> ErvaringenView:
    scope = resolve_scope(who, ctx.reference, regio, gemeente)
    van, tot = period(van, tot)
    query = select(Ervaringsantwoord).where(
        Ervaringsantwoord.gemeente.in_(scope.gemeenten), Ervaringsantwoord.periode >= van, Ervaringsantwoord.periode <= tot
    )
    if moment is not None:
        query = query.where(Ervaringsantwoord.moment == moment.value)
    rows = (await uow.session.scalars(query)).all()
    answers = [Antwoord(r.gemeente, r.periode, r.moment, dict(r.scores)) for r in rows]
    vl = ctx.vragenlijst
    themas, thema_van = [t.code for t in vl.themas], vl.thema_van()

    def cells_of(group: list[Antwoord]) -> list[Cel]:
        return cellen(group, themas, thema_van, vl.positief_vanaf)

    gemeenten = [g for g in scope.gemeenten if any(a.gemeente == g for a in answers)] if scope.gemeente is None else []
    per_gemeente = onderdruk_samen([cells_of([a for a in answers if a.gemeente == g]) for g in gemeenten])
    maanden = months(van, tot)
    trend = onderdruk_samen([cells_of([a for a in answers if a.periode == m]) for m in maanden])
    return ErvaringenView(
        regio=scope.regio,
        gemeente=scope.gemeente,
        van=van,
        tot=tot,
        moment=moment.value if moment else None,
        minimum_aantal=MINIMUM,
        themas=_views(cells_of(answers), vl),
        per_gemeente=[GroepView(gemeente=g, themas=_views(c, vl)) for g, c in zip(gemeenten, per_gemeente, strict=True)],
        trend=[GroepView(periode=m, themas=_views(c, vl)) for m, c in zip(maanden, trend, strict=True)],
    )
