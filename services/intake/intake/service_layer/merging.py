"""Merge (samenvoeging) and split (splitsing) of persons, by central access, each with a reason (issue 13, item 1).

A merge moves the absorbed person's journeys, with every record in them, to the surviving person; the free text in
them is re-sealed with the surviving person's data key, so that erasing that person erases it too. The absorbed
person's record stays (its details, its BSN, its lookup keys) and points at the surviving one, so a later report
about it finds the surviving person. A split moves exactly the merged journeys back, with whatever happened in them
since, and re-seals their text with the restored person's key. Both are published (contracts/identity.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from intake.adapters.crypto import DataKey, is_sealed
from intake.adapters.identity_orm import MogelijkeDubbele, Samenvoeging
from intake.adapters.orm import Base, Melding, Persoon, Traject
from intake.domain.states import DubbeleStatus
from intake.service_layer.context import IntakeContext
from intake.service_layer.identity_views import SamenvoegingView, samenvoeging_view
from intake.service_layer.persons import data_key
from journey_platform.contracts.identity import PersonenSamengevoegd, PersoonGesplitst
from journey_platform.errors import Conflict, Forbidden, InvalidInput, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import OrgType, Principal


def _journey_records() -> list[tuple[Any, str]]:
    """Every mapped class whose rows belong to a journey, and how: by `traject_id`, by `melding_id` (a report in
    the journey), or the journey itself. Found from the mapping, so a table added later follows without a change."""
    found: list[tuple[Any, str]] = []
    for mapper in Base.registry.mappers:
        columns = mapper.local_table.c
        if mapper.class_ is Traject:
            found.append((Traject, "id"))
        elif "traject_id" in columns:
            found.append((mapper.class_, "traject_id"))
        elif "melding_id" in columns:
            found.append((mapper.class_, "melding_id"))
    return found


async def _person(uow: UnitOfWork, persoon_id: uuid.UUID, field: str) -> Persoon:
    persoon = await uow.session.scalar(select(Persoon).where(Persoon.id == persoon_id).with_for_update())
    if persoon is None:
        raise InvalidInput.field(field, f"no person {persoon_id}", "unknown-person")
    return persoon


async def ensure_central_access_for(
    uow: UnitOfWork, who: Principal, ctx: IntakeContext, persoon_ids: Sequence[uuid.UUID]
) -> None:
    """Only central access, for persons with a journey in its region (or persons without any journey yet)."""
    who.require(OrgType.centrale_toegang)
    for persoon_id in persoon_ids:
        trajecten = list(await uow.session.scalars(select(Traject).where(Traject.persoon_id == persoon_id)))
        municipalities: set[str | None] = {m for t in trajecten for m in (t.gemeente_melding, t.verantwoordelijke_gemeente)}
        if trajecten and not who.may_see_municipalities(municipalities, ctx.reference):
            raise Forbidden("this person is not a client of your organisation's region")


async def _move_journeys(
    uow: UnitOfWork, traject_ids: list[uuid.UUID], to: uuid.UUID, old_key: DataKey, new_key: DataKey
) -> None:
    """The journeys and every record in them now name `to`, and every text in them sealed with the old person's
    data key is sealed with `to`'s instead (the ciphertext is bound to its person)."""
    if not traject_ids:
        return
    melding_ids = list(await uow.session.scalars(select(Melding.id).where(Melding.traject_id.in_(traject_ids))))
    for cls, link in _journey_records():
        keys = melding_ids if link == "melding_id" else traject_ids
        if not keys:
            continue
        columns = cls.__mapper__.columns
        for row in await uow.session.scalars(select(cls).where(getattr(cls, link).in_(keys))):
            if "persoon_id" in columns:
                row.persoon_id = to
            for column in columns:
                value = getattr(row, column.key)
                if isinstance(value, str) and is_sealed(value):
                    setattr(row, column.key, new_key.seal(old_key.open(value)))
    await uow.session.flush()


def _key(persoon: Persoon, ctx: IntakeContext) -> DataKey:
    key = data_key(persoon, ctx.keyring)
    if key is None:
        raise Conflict(f"person {persoon.id} was erased: it can no longer be merged or split")
    return key


async def voeg_samen(
    overblijvend_id: uuid.UUID,
    opgaand_id: uuid.UUID,
    reden: str,
    mogelijke_dubbele_id: uuid.UUID | None,
    uow: UnitOfWork,
    who: Principal,
    ctx: IntakeContext,
) -> SamenvoegingView:
    if overblijvend_id == opgaand_id:
        raise InvalidInput.field("opgaandPersoonId", "a person cannot be merged with itself", "same-person")
    await ensure_central_access_for(uow, who, ctx, [overblijvend_id, opgaand_id])
    survivor = await _person(uow, overblijvend_id, "overblijvendPersoonId")
    absorbed = await _person(uow, opgaand_id, "opgaandPersoonId")
    for persoon in (survivor, absorbed):
        if persoon.samengevoegd_in is not None:
            raise Conflict(f"person {persoon.id} was already merged into {persoon.samengevoegd_in}; merge with that person")
    if survivor.bsn_index is not None and absorbed.bsn_index is not None:
        raise Conflict("both persons have a BSN, and not the same one: they are two people")
    survivor_key, absorbed_key = _key(survivor, ctx), _key(absorbed, ctx)
    now = ctx.clock()
    traject_ids = list(
        await uow.session.scalars(select(Traject.id).where(Traject.persoon_id == absorbed.id).order_by(Traject.geopend_op))
    )
    await _settle_possible_duplicates(uow, survivor.id, absorbed.id, mogelijke_dubbele_id, who, now)
    await _move_journeys(uow, traject_ids, survivor.id, absorbed_key, survivor_key)
    absorbed.samengevoegd_in = survivor.id
    samenvoeging = Samenvoeging(
        id=uuid.uuid4(),
        overblijvend_persoon_id=survivor.id,
        opgegaan_persoon_id=absorbed.id,
        traject_ids=[str(t) for t in traject_ids],
        mogelijke_dubbele_id=mogelijke_dubbele_id,
        reden=survivor_key.seal(reden) or "",
        samengevoegd_door=who.org_id,
        samengevoegd_op=now,
    )
    uow.session.add(samenvoeging)
    uow.publish(
        PersonenSamengevoegd(
            samenvoeging_id=samenvoeging.id,
            client_id=survivor.id,
            opgegaan_client_id=absorbed.id,
            traject_ids=traject_ids,
            samengevoegd_op=now,
        )
    )
    await uow.commit()
    return samenvoeging_view(samenvoeging, reden)


async def _settle_possible_duplicates(
    uow: UnitOfWork, a: uuid.UUID, b: uuid.UUID, named: uuid.UUID | None, who: Principal, now: datetime
) -> None:
    """The pair's open possible duplicates are settled by the merge; a named one must be about these two persons."""
    if named is not None:
        dubbele = await uow.session.get(MogelijkeDubbele, named)
        if dubbele is None:
            raise InvalidInput.field("mogelijkeDubbeleId", f"no possible duplicate {named}", "unknown-duplicate")
        if {dubbele.persoon_id, dubbele.kandidaat_id} != {a, b}:
            raise InvalidInput.field("mogelijkeDubbeleId", "that possible duplicate is about other persons", "other-persons")
    pair = ((MogelijkeDubbele.persoon_id == a) & (MogelijkeDubbele.kandidaat_id == b)) | (
        (MogelijkeDubbele.persoon_id == b) & (MogelijkeDubbele.kandidaat_id == a)
    )
    for dubbele in await uow.session.scalars(select(MogelijkeDubbele).where(pair)):
        if dubbele.status == DubbeleStatus.open:
            dubbele.status, dubbele.beoordeeld_door, dubbele.beoordeeld_op = DubbeleStatus.samengevoegd, who.org_id, now


async def splits(samenvoeging_id: uuid.UUID, reden: str, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> SamenvoegingView:
    samenvoeging = await uow.session.scalar(select(Samenvoeging).where(Samenvoeging.id == samenvoeging_id).with_for_update())
    if samenvoeging is None:
        raise InvalidInput.field("samenvoegingId", f"no merge {samenvoeging_id}", "unknown-merge")
    await ensure_central_access_for(uow, who, ctx, [samenvoeging.overblijvend_persoon_id])
    if samenvoeging.splitsing_id is not None:
        raise Conflict("this merge was split already")
    restored = await _person(uow, samenvoeging.opgegaan_persoon_id, "samenvoegingId")
    survivor = await _person(uow, samenvoeging.overblijvend_persoon_id, "samenvoegingId")
    restored_key = _key(restored, ctx)
    traject_ids = [uuid.UUID(t) for t in samenvoeging.traject_ids]
    owners = set(await uow.session.scalars(select(Traject.persoon_id).where(Traject.id.in_(traject_ids))))
    for owner_id in owners:  # the survivor, or whoever it was merged into since
        owner = await uow.session.get(Persoon, owner_id)
        assert owner is not None
        owned = list(
            await uow.session.scalars(select(Traject.id).where(Traject.id.in_(traject_ids), Traject.persoon_id == owner_id))
        )
        await _move_journeys(uow, owned, restored.id, _key(owner, ctx), restored_key)
    restored.samengevoegd_in = None
    now = ctx.clock()
    samenvoeging.splitsing_id = uuid.uuid4()
    samenvoeging.splitsreden = restored_key.seal(reden)
    samenvoeging.gesplitst_door, samenvoeging.gesplitst_op = who.org_id, now
    uow.publish(
        PersoonGesplitst(
            samenvoeging_id=samenvoeging.id,
            splitsing_id=samenvoeging.splitsing_id,
            client_id=restored.id,
            van_client_id=survivor.id,
            traject_ids=traject_ids,
            gesplitst_op=now,
        )
    )
    await uow.commit()
    survivor_key = data_key(survivor, ctx.keyring)
    return samenvoeging_view(samenvoeging, survivor_key.open(samenvoeging.reden) if survivor_key else None, reden)


async def get_samenvoeging(samenvoeging_id: uuid.UUID, uow: UnitOfWork, who: Principal, ctx: IntakeContext) -> SamenvoegingView:
    samenvoeging = await uow.session.get(Samenvoeging, samenvoeging_id)
    if samenvoeging is None:
        raise NotFound(f"no merge {samenvoeging_id}")
    await ensure_central_access_for(uow, who, ctx, [samenvoeging.overblijvend_persoon_id, samenvoeging.opgegaan_persoon_id])
    survivor = await uow.session.get(Persoon, samenvoeging.overblijvend_persoon_id)
    restored = await uow.session.get(Persoon, samenvoeging.opgegaan_persoon_id)
    s_key = data_key(survivor, ctx.keyring) if survivor else None
    r_key = data_key(restored, ctx.keyring) if restored else None
    return samenvoeging_view(
        samenvoeging,
        s_key.open(samenvoeging.reden) if s_key else None,
        r_key.open(samenvoeging.splitsreden) if r_key and samenvoeging.splitsreden else None,
    )
