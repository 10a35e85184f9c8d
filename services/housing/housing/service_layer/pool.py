"""The pool the matcher works on: marking it changed, and reading it as the domain's values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from housing.adapters.orm import Aanbod, Kandidaat, Pool, Woning
from housing.domain import rules
from housing.domain.model import Candidate, MatchingInput, Unit
from housing.domain.states import AanbodStatus, KandidaatStatus, WoningStatus
from housing.service_layer.context import HousingContext
from journey_platform.messaging.uow import UnitOfWork

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
OPEN_OFFER = (AanbodStatus.gedaan, AanbodStatus.geaccepteerd)
DECLINED = (AanbodStatus.afgewezen, AanbodStatus.verlopen)


async def pool_row(uow: UnitOfWork, *, lock: bool = False) -> Pool:
    query = select(Pool).where(Pool.id == 1)
    if lock:
        query = query.with_for_update()
    row = await uow.session.scalar(query)
    if row is None:  # first use: services and requests may race to create it
        insert = postgresql.insert if uow.session.get_bind().dialect.name == "postgresql" else sqlite.insert
        await uow.session.execute(insert(Pool).values(id=1, gewijzigd_op=EPOCH, laatste_ronde_op=None).on_conflict_do_nothing())
        row = await uow.session.scalar(query)
        assert row is not None
    return row


async def lock_pool(uow: UnitOfWork) -> None:
    """Taken first by every change to proposals and offers, and by a matching round, so that they run one at a
    time and always lock rows in the same order (no deadlock between a round and an offer)."""
    await pool_row(uow, lock=True)


async def mark_changed(uow: UnitOfWork, now: datetime) -> None:
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


async def capacity_left(uow: UnitOfWork, ctx: HousingContext, areas: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """Per neighbourhood: the municipality's limit minus placements this period (moved in, or under an accepted
    or open offer)."""
    if not areas:
        return {}
    since = ctx.clock() - timedelta(days=ctx.settings.capacity_period_days)
    counted = or_(Aanbod.status.in_(OPEN_OFFER), (Aanbod.status == AanbodStatus.verhuisd) & (Aanbod.verhuisd_op >= since))
    rows = await uow.session.execute(
        select(Woning.gemeente, Woning.wijk, func.count(Aanbod.id))
        .join(Aanbod, Aanbod.woning_id == Woning.id)
        .where(counted, Woning.gemeente.in_({a[0] for a in areas}))
        .group_by(Woning.gemeente, Woning.wijk)
    )
    used = {(g, w): n for g, w, n in rows}
    return {area: max(ctx.settings.capacity_for(area[0]) - used.get(area, 0), 0) for area in areas}


async def open_pool(uow: UnitOfWork, ctx: HousingContext) -> tuple[MatchingInput, dict[str, dict[Any, Any]]]:
    """Candidates waiting without an offer; units available (now or within the horizon) and not under offer."""
    now = ctx.clock()
    horizon = ctx.today() + timedelta(days=ctx.settings.proposal_horizon_days)
    kandidaten = list(await uow.session.scalars(select(Kandidaat).where(Kandidaat.status == KandidaatStatus.wachtend)))
    woningen = list(
        await uow.session.scalars(
            select(Woning).where(
                Woning.status == WoningStatus.beschikbaar,
                Woning.beschikbaar_vanaf <= horizon,
                or_(Woning.beschikbaar_tot.is_(None), Woning.beschikbaar_tot >= ctx.today()),
            )
        )
    )
    units = tuple(to_unit(w) for w in woningen)
    candidates = tuple(to_candidate(k, now) for k in kandidaten)
    declined = await uow.session.execute(select(Aanbod.kandidaat_id, Aanbod.woning_id).where(Aanbod.status.in_(DECLINED)))
    capacity = await capacity_left(uow, ctx, {u.area for u in units})
    inp = MatchingInput(candidates, units, capacity=capacity, excluded=frozenset((k, w) for k, w in declined))
    return inp, {"kandidaten": {k.id: k for k in kandidaten}, "woningen": {w.id: w for w in woningen}}
