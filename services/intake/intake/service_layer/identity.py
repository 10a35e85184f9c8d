"""Finding the person a report is about (issue 13, item 1): the BSN decides; without it all three of surname,
first name (or initials) and date of birth must match (intake/domain/identity.py). Candidates are found by blind
lookup keys of any two fields or the alias, then compared on their decrypted details; a match on fewer fields
is recorded as a possible duplicate for central access, never merged by itself. A person merged into another
is found as the person it was merged into."""

from __future__ import annotations

import functools
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, bindparam, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.crypto import DataKey, KeyRing
from intake.adapters.identity_orm import MogelijkeDubbele, Zoeksleutel
from intake.adapters.orm import Persoon
from intake.domain.identity import Identity, Verdict, compare
from intake.domain.states import DubbeleStatus
from intake.service_layer.commands import PersoonInvoer

MAX_MERGE_CHAIN = 20


def identity_of(gegevens: dict[str, Any]) -> Identity:
    born = gegevens.get("geboortedatum")
    return Identity(
        achternaam=gegevens.get("achternaam"),
        voornaam=gegevens.get("voornaam"),
        geboortedatum=date.fromisoformat(born) if born else None,
        alias=gegevens.get("alias"),
    )


def gegevens_of(invoer: PersoonInvoer) -> dict[str, Any]:
    """The identifying details as sealed in `personen.gegevens_versleuteld` (never the BSN: it has its own column)."""
    return {
        "voornaam": invoer.voornaam,
        "achternaam": invoer.achternaam,
        "geboortedatum": invoer.geboortedatum.isoformat() if invoer.geboortedatum else None,
        "alias": invoer.alias,
        "beschrijving": invoer.beschrijving.model_dump(mode="json", by_alias=True, exclude_none=True)
        if invoer.beschrijving
        else None,
    }


def open_gegevens(persoon: Persoon, key: DataKey | None) -> dict[str, Any]:
    if key is None or persoon.gegevens_versleuteld is None:
        return {}
    loaded: dict[str, Any] = json.loads(key.open(persoon.gegevens_versleuteld) or "{}")
    return loaded


async def surviving(session: AsyncSession, persoon: Persoon) -> Persoon:
    """The person a record stands for now: itself, or the person it was (ever further) merged into."""
    for _ in range(MAX_MERGE_CHAIN):
        if persoon.samengevoegd_in is None:
            return persoon
        target = await session.get(Persoon, persoon.samengevoegd_in)
        if target is None:
            return persoon
        persoon = target
    return persoon


async def remember_lookup_keys(session: AsyncSession, persoon_id: uuid.UUID, identity: Identity, keyring: KeyRing) -> None:
    new = created_here(session, persoon_id)  # a person created in this transaction has no keys yet: none to look up
    for plain_key, soort in identity.lookup_keys().items():
        sleutel = keyring.blind_index(plain_key)
        if new or await session.get(Zoeksleutel, (persoon_id, sleutel)) is None:
            session.add(Zoeksleutel(persoon_id=persoon_id, sleutel=sleutel, soort=soort))


async def forget_lookup_keys(session: AsyncSession, persoon_id: uuid.UUID) -> None:
    await session.execute(delete(Zoeksleutel).where(Zoeksleutel.persoon_id == persoon_id))


async def _candidates(session: AsyncSession, identity: Identity, keyring: KeyRing) -> list[Persoon]:
    sleutels = [keyring.blind_index(k) for k in identity.lookup_keys()]
    if not sleutels:
        return []
    params = {f"sleutel_{i}": sleutel for i, sleutel in enumerate(sleutels)}
    return list(await session.scalars(_candidates_by_keys(len(sleutels)), params))


@functools.cache
def _candidates_by_keys(keys: int) -> Select[Persoon]:
    """OR of equalities rather than IN: an expanding IN is rendered anew at every execution (~2% of a report's CPU in
    the py-spy profile of issue 18). Built once per number of keys (one to four), with bound parameters: building the
    expression at every report cost more than running it."""
    found = select(Zoeksleutel.persoon_id).where(or_(*(Zoeksleutel.sleutel == bindparam(f"sleutel_{i}") for i in range(keys))))
    return select(Persoon).where(Persoon.id.in_(found), Persoon.sleutel_versleuteld.is_not(None))


@dataclass
class Found:
    """What the input says about who it is: the one person it is (if any), and the possible duplicates."""

    person: Persoon | None
    possible: dict[uuid.UUID, list[str]] = field(default_factory=dict)


async def find_person(session: AsyncSession, invoer: PersoonInvoer, keyring: KeyRing) -> Found:
    from intake.service_layer.persons import data_key  # persons delegates here: imported when used

    bsn_index = keyring.blind_index("bsn:" + invoer.bsn) if invoer.bsn else None
    if bsn_index:
        by_bsn = await session.scalar(select(Persoon).where(Persoon.bsn_index == bsn_index))
        if by_bsn is not None:
            return Found(await surviving(session, by_bsn))
    identity = identity_of_input(invoer)
    same: dict[uuid.UUID, Persoon] = {}
    found = Found(None)
    for candidate in await _candidates(session, identity, keyring):
        if bsn_index and candidate.bsn_index is not None:
            continue  # another BSN: another person, however alike the names
        verdict, fields = compare(identity, identity_of(open_gegevens(candidate, data_key(candidate, keyring))))
        target = await surviving(session, candidate)
        if target.sleutel_versleuteld is None:
            continue  # erased
        if verdict is Verdict.same:
            same[target.id] = target
        elif verdict is not Verdict.different:
            found.possible[target.id] = sorted(set(found.possible.get(target.id, [])) | {f.value for f in fields})
    if len(same) == 1:
        found.person = next(iter(same.values()))
        found.possible.pop(found.person.id, None)
    else:  # none, or ambiguous (initials that fit two people): no one, and each one a possible duplicate
        for target_id in same:
            found.possible[target_id] = ["achternaam", "geboortedatum", "voornaam"]
    return found


_NEW_PERSONS = "intake.new_persons"


def created_here(session: AsyncSession, persoon_id: uuid.UUID) -> bool:
    """Whether `identify` created this person in this session's transaction: nobody else can have written about them
    yet, so they have no journey and no earlier report (the request path skips those lookups)."""
    return persoon_id in session.info.get(_NEW_PERSONS, ())


def identity_of_input(invoer: PersoonInvoer) -> Identity:
    return Identity(invoer.achternaam, invoer.voornaam, invoer.geboortedatum, invoer.alias)


async def identify(session: AsyncSession, invoer: PersoonInvoer, keyring: KeyRing, now: datetime) -> Persoon:
    """The person the input is about: found again, or new. Possible duplicates are recorded on the way."""
    from intake.service_layer.persons import data_key, new_person  # persons delegates here: imported when used

    found = await find_person(session, invoer, keyring)
    matched = found.person
    key = data_key(matched, keyring) if matched is not None else None
    if matched is None or key is None:
        matched, key = new_person(uuid.uuid4(), keyring, now)
        matched.bsn_versleuteld = key.seal(invoer.bsn)
        matched.bsn_index = keyring.blind_index("bsn:" + invoer.bsn) if invoer.bsn else None
        matched.gegevens_versleuteld = key.seal(json.dumps(gegevens_of(invoer)))
        session.add(matched)  # inserted by the next flush, before the rows that refer to it (adapters/orm.py)
        session.info.setdefault(_NEW_PERSONS, set()).add(matched.id)
    else:
        complete(matched, key, invoer, keyring)
    await remember(session, matched.id, invoer, found, keyring, now)
    return matched


async def remember(
    session: AsyncSession, persoon_id: uuid.UUID, invoer: PersoonInvoer, found: Found, keyring: KeyRing, now: datetime
) -> None:
    """The person's lookup keys for what the input says, and the possible duplicates it turned up."""
    await remember_lookup_keys(session, persoon_id, identity_of_input(invoer), keyring)
    for other_id, matching in found.possible.items():
        await record_possible_duplicate(session, persoon_id, other_id, matching, now)


def complete(persoon: Persoon, key: DataKey, invoer: PersoonInvoer, keyring: KeyRing) -> None:
    """A report that knows more than the record (a BSN, a name where only an alias was known) completes it."""
    if invoer.bsn and persoon.bsn_index is None:
        persoon.bsn_versleuteld, persoon.bsn_index = key.seal(invoer.bsn), keyring.blind_index("bsn:" + invoer.bsn)
    known = open_gegevens(persoon, key)
    given = {k: v for k, v in gegevens_of(invoer).items() if v}
    missing = {k: v for k, v in given.items() if not known.get(k)}
    if missing:
        persoon.gegevens_versleuteld = key.seal(json.dumps({**known, **missing}))


async def record_possible_duplicate(
    session: AsyncSession, persoon_id: uuid.UUID, kandidaat_id: uuid.UUID, fields: list[str], now: datetime
) -> None:
    if persoon_id == kandidaat_id:
        return
    pair = or_(
        (MogelijkeDubbele.persoon_id == persoon_id) & (MogelijkeDubbele.kandidaat_id == kandidaat_id),
        (MogelijkeDubbele.persoon_id == kandidaat_id) & (MogelijkeDubbele.kandidaat_id == persoon_id),
    )
    if await session.scalar(select(MogelijkeDubbele.id).where(pair).limit(1)) is not None:
        return
    session.add(
        MogelijkeDubbele(
            id=uuid.uuid4(),
            persoon_id=persoon_id,
            kandidaat_id=kandidaat_id,
            velden=fields,
            status=DubbeleStatus.open,
            gevonden_op=now,
        )
    )


async def forget_identity(session: AsyncSession, persoon_id: uuid.UUID, now: datetime) -> None:
    """On erasure: the person cannot be found again, and neither can any person merged into it, whose details
    are shredded with it (they are the same person)."""
    await forget_lookup_keys(session, persoon_id)
    for absorbed in list(await session.scalars(select(Persoon).where(Persoon.samengevoegd_in == persoon_id))):
        absorbed.sleutel_versleuteld = absorbed.bsn_versleuteld = absorbed.gegevens_versleuteld = None
        absorbed.bsn_index = absorbed.naam_index = None
        absorbed.gewist_op = now
        await forget_identity(session, absorbed.id, now)
