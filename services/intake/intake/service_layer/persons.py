"""Finding a person again (BSN, or surname with date of birth) without storing either in the clear, and the
person's data key that seals their personal data and the free text of their records."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.crypto import DataKey, KeyRing
from intake.adapters.orm import Persoon
from intake.service_layer.commands import PersoonInvoer
from intake.service_layer.views import PersoonView
from journey_platform.web.problems import Conflict


def _name_key(invoer: PersoonInvoer) -> str | None:
    if not (invoer.achternaam and invoer.geboortedatum):
        return None
    return f"{invoer.achternaam.strip().lower()}|{invoer.geboortedatum.isoformat()}"


def data_key(persoon: Persoon, keyring: KeyRing) -> DataKey | None:
    """None once the person was erased: the key is gone and with it every ciphertext it sealed."""
    if persoon.sleutel_versleuteld is None:
        return None
    return keyring.unwrap(persoon.sleutel_versleuteld, str(persoon.id))


def new_person(persoon_id: uuid.UUID, keyring: KeyRing, now: datetime) -> tuple[Persoon, DataKey]:
    key = DataKey.generate(str(persoon_id))
    return Persoon(id=persoon_id, sleutel_versleuteld=keyring.wrap(key), aangemaakt_op=now), key


async def find_or_create_person(session: AsyncSession, invoer: PersoonInvoer, keyring: KeyRing, now: datetime) -> Persoon:
    bsn_index = keyring.blind_index("bsn:" + invoer.bsn) if invoer.bsn else None
    name_key = _name_key(invoer)
    naam_index = keyring.blind_index("naam:" + name_key) if name_key else None
    persoon = None
    if bsn_index:
        persoon = await session.scalar(select(Persoon).where(Persoon.bsn_index == bsn_index))
    if persoon is None and naam_index:
        persoon = await session.scalar(
            select(Persoon).where(Persoon.naam_index == naam_index, Persoon.bsn_index.is_(None) if bsn_index else true()).limit(1)
        )
    gegevens = {
        "voornaam": invoer.voornaam,
        "achternaam": invoer.achternaam,
        "geboortedatum": invoer.geboortedatum.isoformat() if invoer.geboortedatum else None,
    }
    found_key = data_key(persoon, keyring) if persoon is not None else None
    if persoon is None or found_key is None:  # none, or erased in the meantime: a new person
        persoon, key = new_person(uuid.uuid4(), keyring, now)
        persoon.bsn_versleuteld, persoon.bsn_index = key.seal(invoer.bsn), bsn_index
        persoon.gegevens_versleuteld = key.seal(json.dumps(gegevens)) if name_key or invoer.voornaam else None
        persoon.naam_index = naam_index
        session.add(persoon)
        await session.flush()
        return persoon
    if bsn_index and persoon.bsn_index is None:
        persoon.bsn_versleuteld = found_key.seal(invoer.bsn or "")
        persoon.bsn_index = bsn_index
    if naam_index and persoon.naam_index is None:
        persoon.naam_index = naam_index
        persoon.gegevens_versleuteld = found_key.seal(json.dumps(gegevens))
    return persoon


class PersonKeys:
    """The data keys of the persons one unit of work touches, each unwrapped once: seal and open their free text."""

    def __init__(self, session: AsyncSession, keyring: KeyRing) -> None:
        self._session, self._keyring = session, keyring
        self._keys: dict[uuid.UUID, DataKey | None] = {}

    async def of(self, persoon_id: uuid.UUID) -> DataKey | None:
        if persoon_id not in self._keys:
            persoon = await self._session.get(Persoon, persoon_id)
            self._keys[persoon_id] = data_key(persoon, self._keyring) if persoon is not None else None
        return self._keys[persoon_id]

    async def seal(self, persoon_id: uuid.UUID, text: str | None) -> str | None:
        key = await self.of(persoon_id)
        if text is None:
            return None
        if key is None:
            raise Conflict(f"person {persoon_id} was erased: no free text can be recorded about them any more")
        return key.seal(text)

    async def open(self, persoon_id: uuid.UUID, token: str | None) -> str | None:
        """The text, or None when there is none or the person was erased."""
        key = await self.of(persoon_id) if token else None
        return key.open(token) if key is not None else None


def person_view(persoon: Persoon, keyring: KeyRing) -> PersoonView:
    key = data_key(persoon, keyring)
    gegevens = json.loads(key.open(persoon.gegevens_versleuteld) or "{}") if key else {}
    return PersoonView(
        id=persoon.id,
        bsn=key.open(persoon.bsn_versleuteld) if key else None,
        voornaam=gegevens.get("voornaam"),
        achternaam=gegevens.get("achternaam"),
        geboortedatum=gegevens.get("geboortedatum"),
    )
