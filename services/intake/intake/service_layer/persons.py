"""Finding a person again (service_layer/identity.py) without storing who they are in the clear, and the
person's data key that seals their personal data and the free text of their records."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.crypto import DataKey, KeyRing
from intake.adapters.orm import Persoon
from intake.service_layer.commands import PersoonInvoer
from intake.service_layer.views import PersoonView
from journey_platform.errors import Conflict


def data_key(persoon: Persoon, keyring: KeyRing) -> DataKey | None:
    """None once the person was erased: the key is gone and with it every ciphertext it sealed."""
    if persoon.sleutel_versleuteld is None:
        return None
    return keyring.unwrap(persoon.sleutel_versleuteld, str(persoon.id))


def new_person(persoon_id: uuid.UUID, keyring: KeyRing, now: datetime) -> tuple[Persoon, DataKey]:
    key = DataKey.generate(str(persoon_id))
    return Persoon(id=persoon_id, sleutel_versleuteld=keyring.wrap(key), aangemaakt_op=now), key


async def find_or_create_person(session: AsyncSession, invoer: PersoonInvoer, keyring: KeyRing, now: datetime) -> Persoon:
    """The person a report is about, found again or new: the rules are in service_layer/identity.py."""
    from intake.service_layer.identity import identify

    return await identify(session, invoer, keyring, now)


def pending_person(session: AsyncSession, persoon_id: uuid.UUID) -> Persoon | None:
    """A person added in this session and not flushed yet (the identity map holds only flushed rows)."""
    return next((o for o in session.new if isinstance(o, Persoon) and o.id == persoon_id), None)


class PersonKeys:
    """The data keys of the persons one unit of work touches, each unwrapped once: seal and open their free text."""

    def __init__(self, session: AsyncSession, keyring: KeyRing) -> None:
        self._session, self._keyring = session, keyring
        self._keys: dict[uuid.UUID, DataKey | None] = {}

    async def of(self, persoon_id: uuid.UUID) -> DataKey | None:
        if persoon_id not in self._keys:
            persoon = pending_person(self._session, persoon_id) or await self._session.get(Persoon, persoon_id)
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
    gegevens = json.loads(key.open(persoon.gegevens_versleuteld) or "{}") if key and persoon.gegevens_versleuteld else {}
    return PersoonView(
        id=persoon.id,
        bsn=key.open(persoon.bsn_versleuteld) if key else None,
        voornaam=gegevens.get("voornaam"),
        achternaam=gegevens.get("achternaam"),
        geboortedatum=gegevens.get("geboortedatum"),
        alias=gegevens.get("alias"),
        beschrijving=gegevens.get("beschrijving"),
        samengevoegd_in=persoon.samengevoegd_in,
    )
