"""The pool the matcher works on: marking it changed, and reading it as the domain's values."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from housing.adapters.orm import Kandidaat, Pool, Woning
from housing.domain import rules
from housing.domain.model import Candidate, MatchingInput, Unit
from housing.service_layer.context import HousingContext
from housing.service_layer.unit_of_work import HousingUnitOfWork


async def pool_row(uow: HousingUnitOfWork, *, lock: bool = False) -> Pool:
    return await uow.matching.pool(lock=lock)


async def lock_pool(uow: HousingUnitOfWork) -> None:
    """Taken first by every change to proposals and offers, and by a matching round, so that they run one at a
    time and always lock rows in the same order (no deadlock between a round and an offer)."""
    await pool_row(uow, lock=True)


async def mark_changed(uow: HousingUnitOfWork, now: datetime) -> None:
    """Candidates or units changed: the matcher runs again at its next round."""
    row = await pool_row(uow)
    row.gewijzigd_op = now


def to_candidate(k: Kandidaat, now: datetime) -> Candidate:
    return Candidate(
        id=k.id,
        household_size=k.huishouden_grootte,
        max_rent=k.max_huur,
        young_adult=k.jongvolwassene,
        pets=k.huisdieren,
        wheelchair=k.rolstoeltoegankelijk,
        groups=frozenset(k.doelgroepen),
        housing_first=k.housing_first,
        origin=k.gemeente_van_herkomst,
        preferences=tuple(k.gemeente_voorkeuren),
        origin_by_plan=bool(k.herkomst_volgens_plan),
        waiting_days=rules.days_waiting(k.uitstroomgereed_op, now),
        urgent=k.urgent,
        support_intensity=k.begeleidingsintensiteit,
    )


def to_unit(w: Woning) -> Unit:
    return Unit(
        id=w.id,
        municipality=w.gemeente,
        neighbourhood=w.wijk,
        type=w.type,
        rent=w.huur,
        max_occupants=w.max_bewoners,
        pets_allowed=w.huisdieren_toegestaan,
        wheelchair_accessible=w.rolstoeltoegankelijk,
        suits_groups=frozenset(w.geschikt_voor),
        support_nearby=w.begeleiding_in_de_buurt,
    )


async def capacity_left(uow: HousingUnitOfWork, ctx: HousingContext, areas: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Per neighbourhood: the municipality's limit minus placements this period (moved in, or under an accepted
    or open offer)."""
    if not areas:
        return {}
    since = ctx.clock() - timedelta(days=ctx.settings.capacity_period_days)
    used = await uow.matching.placements({a[0] for a in areas}, since)
    return {area: max(ctx.settings.capacity_for(area[0]) - used.get(area, 0), 0) for area in areas}


async def open_pool(uow: HousingUnitOfWork, ctx: HousingContext) -> tuple[MatchingInput, dict[str, dict[Any, Any]]]:
    """Candidates waiting without an offer; units available (now or within the horizon) and not under offer."""
    now = ctx.clock()
    horizon = ctx.today() + timedelta(days=ctx.settings.proposal_horizon_days)
    kandidaten = await uow.matching.waiting_candidates()
    woningen = await uow.matching.available_units(horizon, ctx.today())
    units = tuple(to_unit(w) for w in woningen)
    candidates = tuple(to_candidate(k, now) for k in kandidaten)
    declined = await uow.matching.declined_pairs()
    capacity = await capacity_left(uow, ctx, {u.area for u in units})
    inp = MatchingInput(candidates, units, capacity=capacity, excluded=frozenset(declined))
    return inp, {"kandidaten": {k.id: k for k in kandidaten}, "woningen": {w.id: w for w in woningen}}
