"""A matching round: the optimal assignment over the open pool becomes proposals, each with its explanation."""

from __future__ import annotations

import asyncio
import time
import uuid

from housing.adapters.orm import Matchingronde, Voorstel
from housing.adapters.repositories import EPOCH
from housing.domain.baseline import baseline_assignment
from housing.domain.explanation import explain
from housing.domain.matching import optimal_assignment
from housing.domain.states import VoorstelStatus
from housing.service_layer.context import HousingContext
from housing.service_layer.pool import open_pool, pool_row, to_candidate, to_unit
from housing.service_layer.unit_of_work import HousingUnitOfWork
from housing.service_layer.views import MatchingrondeView
from journey_platform.contracts import housing as ev
from journey_platform.principal import OrgType, Principal


async def run_round(uow: HousingUnitOfWork, ctx: HousingContext, aanleiding: str) -> Matchingronde:
    """Replaces the open proposals by those of a new optimal assignment. A pair proposed again keeps its
    proposal (same id), so a coordinator's work in progress survives a new round. Does not commit."""
    pool = await pool_row(uow, lock=True)  # one round at a time
    now = ctx.clock()
    inp, rows = await open_pool(uow, ctx)
    started = time.perf_counter()
    proposals = await asyncio.to_thread(optimal_assignment, inp, ctx.policy)
    duration_ms = round((time.perf_counter() - started) * 1000)
    baseline = await asyncio.to_thread(baseline_assignment, inp, ctx.policy)
    ronde = Matchingronde(
        id=uuid.uuid4(),
        aanleiding=aanleiding,
        gestart_op=now,
        duur_ms=duration_ms,
        kandidaten=len(inp.candidates),
        woningen=len(inp.units),
        voorstellen=len(proposals),
        totale_score=round(sum(p.score for p in proposals), 2),
        baseline_voorstellen=len(baseline),
        baseline_score=round(sum(p.score for p in baseline), 2),
    )
    uow.matching.add(ronde)
    await uow.flush_changes()
    still_open = {(v.kandidaat_id, v.woning_id): v for v in await uow.matching.open_proposals()}
    for proposal in proposals:
        kandidaat, woning = rows["kandidaten"][proposal.candidate_id], rows["woningen"][proposal.unit_id]
        explanation = explain(
            to_candidate(kandidaat, now), to_unit(woning), ctx.policy, inp.capacity.get((woning.gemeente, woning.wijk))
        )
        voorstel = still_open.pop((kandidaat.id, woning.id), None)
        if voorstel is None:
            voorstel = Voorstel(
                id=uuid.uuid4(),
                kandidaat_id=kandidaat.id,
                woning_id=woning.id,
                status=VoorstelStatus.voorgesteld,
                voorgesteld_op=now,
            )
            uow.matching.add(voorstel)
            uow.publish(
                ev.MatchVoorgesteld(
                    traject_id=kandidaat.traject_id,
                    client_id=kandidaat.client_id,
                    voorstel_id=voorstel.id,
                    kandidaat_id=kandidaat.id,
                    woning_id=woning.id,
                    score=proposal.score,
                    voorgesteld_op=now,
                )
            )
        voorstel.ronde_id, voorstel.score, voorstel.uitleg = ronde.id, proposal.score, explanation.as_dict()
    for voorstel in still_open.values():
        voorstel.status = VoorstelStatus.vervallen
    pool.laatste_ronde_op = now
    return ronde


async def round_due(uow: HousingUnitOfWork) -> bool:
    pool = await pool_row(uow)
    return pool.gewijzigd_op > (pool.laatste_ronde_op or EPOCH)


async def start_ronde(uow: HousingUnitOfWork, who: Principal, ctx: HousingContext) -> MatchingrondeView:
    """The central access point runs matching now (it also runs by itself when the pool changed)."""
    who.require(OrgType.centrale_toegang)
    ronde = await run_round(uow, ctx, "handmatig")
    await uow.commit()
    return MatchingrondeView.model_validate(ronde)
