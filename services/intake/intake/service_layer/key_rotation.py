"""Re-wrapping every person's data key with the active key of the ring (the first of INTAKE_BSN_KEYS).

The ring encrypts only the per-person data keys; the personal data and free text are sealed with those
and need no re-encryption. Rotation: put the new key first in INTAKE_BSN_KEYS and keep the old one behind
it, roll out, run `opvangketen-ops rotate-bsn-key`, then drop the old key. Blind indexes use
INTAKE_BSN_INDEX_KEY and do not change, so people are still found during and after the rotation. Erased
persons have no data key left and are skipped.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.crypto import KeyRing
from intake.adapters.orm import Persoon


@dataclass
class RotationReport:
    active_key: str
    scanned: int = 0
    re_encrypted: int = 0


def _rewrap(persoon: Persoon, keyring: KeyRing) -> bool:
    wrapped = persoon.sleutel_versleuteld
    if wrapped is None or not keyring.needs_rotation(wrapped):
        return False
    persoon.sleutel_versleuteld = keyring.wrap(keyring.unwrap(wrapped, str(persoon.id)))
    return True


async def rotate_person_keys(
    sessionmaker: async_sessionmaker[AsyncSession], keyring: KeyRing, batch_size: int = 500
) -> RotationReport:
    """One transaction per batch, rows locked while re-encrypted so a concurrent change is not lost."""
    report = RotationReport(active_key=keyring.active_kid)
    after: uuid.UUID | None = None
    while True:
        async with sessionmaker() as session, session.begin():
            query = select(Persoon).order_by(Persoon.id).limit(batch_size).with_for_update()
            if after is not None:
                query = query.where(Persoon.id > after)
            batch = (await session.scalars(query)).all()
            if not batch:
                return report
            report.scanned += len(batch)
            report.re_encrypted += sum(_rewrap(p, keyring) for p in batch)
            after = batch[-1].id
