"""The matching round (service_layer/matching_round.py) against fake repositories: proposals from the open pool, a
proposal kept across rounds, stale ones lapsing, and the command for central access. No database: housing/fakes.py."""

from __future__ import annotations

import pytest

from housing.fakes import NOW, FakeUnitOfWork, candidate, context, unit
from housing.service_layer.matching_round import round_due, run_round, start_ronde
from journey_platform.contracts import housing as ev
from journey_platform.errors import Forbidden
from journey_platform.principal import OrgType, Principal

CENTRAL_ACCESS = Principal("ct-user", OrgType.centrale_toegang, "CT-IJSSEL-VECHT", region="ijssel-vecht")


async def test_each_candidate_gets_the_unit_in_the_municipality_he_or_she_wishes() -> None:
    uow = FakeUnitOfWork()
    in_kampen, in_zwolle = candidate(uow, wishes=["GM0166"]), candidate(uow, wishes=["GM0193"])
    zwolle, kampen = unit(uow, gemeente="GM0193"), unit(uow, gemeente="GM0166")

    ronde = await run_round(uow, context(), "handmatig")

    pairs = {(v.kandidaat_id, v.woning_id) for v in uow.matching.proposals}
    assert pairs == {(in_kampen.id, kampen.id), (in_zwolle.id, zwolle.id)}
    assert (ronde.kandidaten, ronde.woningen, ronde.voorstellen) == (2, 2, 2)
    assert uow.matching.pool_locked  # one round at a time
    assert {type(e) for e in uow.published} == {ev.MatchVoorgesteld}
    assert uow.matching.pool_row.laatste_ronde_op == NOW
    assert not uow.committed  # the caller commits


async def test_a_pair_proposed_again_keeps_its_proposal_and_a_stale_one_lapses() -> None:
    uow = FakeUnitOfWork()
    client = candidate(uow, wishes=["GM0166"])
    first_home = unit(uow, gemeente="GM0193")
    await run_round(uow, context(), "automatisch")
    (kept,) = uow.matching.proposals
    assert kept.woning_id == first_home.id
    wished = unit(uow, gemeente="GM0166")  # a unit where the client wants to live comes in
    uow.published.clear()

    await run_round(uow, context(), "automatisch")

    lapsed, new = uow.matching.proposals
    assert (lapsed.id, lapsed.status) == (kept.id, "vervallen")
    assert (new.kandidaat_id, new.woning_id, new.status) == (client.id, wished.id, "voorgesteld")
    assert [type(e) for e in uow.published] == [ev.MatchVoorgesteld]

    await run_round(uow, context(), "automatisch")

    assert len(uow.matching.proposals) == 2  # the same pair again: no new proposal, no new event
    assert [type(e) for e in uow.published] == [ev.MatchVoorgesteld]


async def test_a_round_is_due_only_when_the_pool_changed_since_the_last() -> None:
    uow = FakeUnitOfWork()
    assert not await round_due(uow)
    uow.matching.pool_row.gewijzigd_op = NOW
    assert await round_due(uow)
    await run_round(uow, context(), "automatisch")
    assert not await round_due(uow)


async def test_central_access_runs_a_round_now_and_it_is_committed() -> None:
    uow = FakeUnitOfWork()
    candidate(uow, wishes=["GM0193"])
    unit(uow, gemeente="GM0193")

    view = await start_ronde(uow, CENTRAL_ACCESS, context())

    assert (view.aanleiding, view.voorstellen) == ("handmatig", 1)
    assert uow.committed


async def test_only_central_access_starts_a_round() -> None:
    uow = FakeUnitOfWork()
    with pytest.raises(Forbidden):
        await start_ronde(uow, Principal("t", OrgType.gemeente, "GM0193"), context())
    assert uow.matching.rounds == []
