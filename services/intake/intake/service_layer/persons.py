"""Finding a person again (BSN, or surname with date of birth) without storing either in the clear."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.crypto import KeyRing
from intake.adapters.orm import Persoon
from intake.service_layer.commands import PersoonInvoer
from intake.service_layer.views import PersoonView


def _name_key(invoer: PersoonInvoer) -> str | None:
    if not (invoer.achternaam and invoer.geboortedatum):
        return None
    return f"{invoer.achternaam.strip().lower()}|{invoer.geboortedatum.isoformat()}"


async def find_or_create_person(session: AsyncSession, invoer: PersoonInvoer, keyring: KeyRing, now: datetime) -> Persoon:
    bsn_index = keyring.blind_index("bsn:" + invoer.bsn) if invoer.bsn else None
    name_key = _name_key(invoer)
    naam_index = keyring.blind_index("naam:" + name_key) if name_key else None
    persoon = None
    if bsn_index:
        persoon = await session.scalar(select(Persoon).where(Persoon.bsn_index == bsn_index))
    if persoon is None and naam_index:
        persoon = await session.scalar(
            select(Persoon).where(Persoon.naam_index == naam_index, Persoon.bsn_index.is_(None) if bsn_index else True).limit(1)
        )
    gegevens = {"voornaam": invoer.voornaam, "achternaam": invoer.achternaam,
                "geboortedatum": invoer.geboortedatum.isoformat() if invoer.geboortedatum else None}
    if persoon is None:
        persoon = Persoon(
            id=uuid.uuid4(), bsn_versleuteld=keyring.encrypt(invoer.bsn) if invoer.bsn else None, bsn_index=bsn_index,
            gegevens_versleuteld=keyring.encrypt(json.dumps(gegevens)) if name_key or invoer.voornaam else None,
            naam_index=naam_index, aangemaakt_op=now,
        )
        session.add(persoon)
        await session.flush()
        return persoon
    if bsn_index and persoon.bsn_index is None:
        persoon.bsn_versleuteld = keyring.encrypt(invoer.bsn or "")
        persoon.bsn_index = bsn_index
    if naam_index and persoon.naam_index is None:
        persoon.naam_index = naam_index
        persoon.gegevens_versleuteld = keyring.encrypt(json.dumps(gegevens))
    return persoon


def person_view(persoon: Persoon, keyring: KeyRing) -> PersoonView:
    gegevens = json.loads(keyring.decrypt(persoon.gegevens_versleuteld)) if persoon.gegevens_versleuteld else {}
    return PersoonView(
        id=persoon.id,
        bsn=keyring.decrypt(persoon.bsn_versleuteld) if persoon.bsn_versleuteld else None,
        voornaam=gegevens.get("voornaam"),
        achternaam=gegevens.get("achternaam"),
        geboortedatum=gegevens.get("geboortedatum"),
    )
