"""When the identity of a person known only by an alias becomes known (issue 13, item 1): the alias is linked
without losing its history. If the identity is that of a person intake already knows (BSN, or surname, first name
and date of birth), the alias is merged into that person (merging.py: recorded, published, reversible by a split);
otherwise the alias's own record gets the identity, and keeps the alias and description it had."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from intake.adapters.orm import Persoon
from intake.service_layer.context import IntakeContext
from intake.service_layer.identity import complete, find_person, remember
from intake.service_layer.identity_commands import IdentificeerPersoon
from intake.service_layer.identity_views import IdentificatieView
from intake.service_layer.merging import ensure_central_access_for, voeg_samen
from intake.service_layer.persons import data_key
from journey_platform.errors import Conflict, NotFound
from journey_platform.messaging.uow import UnitOfWork
from journey_platform.principal import Principal


async def identificeer(
    persoon_id: uuid.UUID, cmd: IdentificeerPersoon, uow: UnitOfWork, who: Principal, ctx: IntakeContext
) -> IdentificatieView:
    await ensure_central_access_for(uow, who, ctx, [persoon_id])
    persoon = await uow.session.scalar(select(Persoon).where(Persoon.id == persoon_id).with_for_update())
    if persoon is None:
        raise NotFound(f"no person {persoon_id}")
    if persoon.samengevoegd_in is not None:
        raise Conflict(f"this person was merged into {persoon.samengevoegd_in}; identify that person")
    key = data_key(persoon, ctx.keyring)
    if key is None:
        raise Conflict("this person was erased")
    found = await find_person(uow.session, cmd.persoon, ctx.keyring)
    if found.person is not None and found.person.id != persoon.id:
        merged = await voeg_samen(found.person.id, persoon.id, cmd.reden, None, uow, who, ctx)
        return IdentificatieView(persoon_id=found.person.id, samenvoeging_id=merged.id)
    if cmd.persoon.bsn and persoon.bsn_index is not None:
        raise Conflict("this person already has a BSN")
    complete(persoon, key, cmd.persoon, ctx.keyring)
    found.possible.pop(persoon.id, None)
    await remember(uow.session, persoon.id, cmd.persoon, found, ctx.keyring, ctx.clock())
    await uow.commit()
    return IdentificatieView(persoon_id=persoon.id, samenvoeging_id=None)
