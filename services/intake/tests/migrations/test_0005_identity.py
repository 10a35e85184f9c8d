"""Migration 0005_identity on SQLite and PostgreSQL: existing persons get the lookup keys of the new matching rule,
and persons that the rule calls possible duplicates of each other land on central access's worklist."""

import json
import uuid
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic import command

from intake.adapters.crypto import DataKey
from intake.adapters.identity_orm import MogelijkeDubbele, Zoeksleutel
from intake.domain.identity import Identity
from journey_platform.migrations import alembic_config

from .test_0004_person_keys import RING, SERVICE_DIR, run, url  # noqa: F401  (the fixture: SQLite and PostgreSQL)

NOW = datetime(2026, 11, 1, 9, tzinfo=UTC)
PIET, KLAAS, BSN_ONLY = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def person(pid: uuid.UUID, gegevens: dict[str, str] | None, created: datetime) -> sa.Insert:
    """A person as 0004 stores it: a data key wrapped by the ring, the details sealed with it."""
    key = DataKey.generate(str(pid))
    personen = sa.table(
        "personen", *(sa.column(c) for c in ("id", "gegevens_versleuteld", "sleutel_versleuteld", "aangemaakt_op"))
    )
    return personen.insert().values(
        id=sa.literal(pid, sa.Uuid()),
        gegevens_versleuteld=key.seal(json.dumps(gegevens)) if gegevens else None,
        sleutel_versleuteld=RING.wrap(key),
        aangemaakt_op=created,
    )


def test_existing_persons_get_lookup_keys_and_possible_duplicates_go_on_the_worklist(url: str) -> None:  # noqa: F811
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "0004_erasure")
    piet = {"achternaam": "Jansen", "voornaam": "Piet", "geboortedatum": "1980-04-01"}
    klaas = {**piet, "voornaam": "Klaas"}
    run(url, [person(PIET, piet, NOW), person(KLAAS, klaas, NOW + timedelta(days=1)), person(BSN_ONLY, None, NOW)])
    command.upgrade(config, "head")

    keys = run(url, [], sa.select(Zoeksleutel.persoon_id, Zoeksleutel.sleutel))
    expected = {RING.blind_index(k) for k in Identity("Jansen", "Piet", date(1980, 4, 1)).lookup_keys()}
    assert {k for p, k in keys if p == PIET} == expected
    assert not [k for p, k in keys if p == BSN_ONLY]
    dubbelen = run(url, [], sa.select(MogelijkeDubbele.persoon_id, MogelijkeDubbele.kandidaat_id, MogelijkeDubbele.velden))
    assert [(p, k, sorted(v)) for p, k, v in dubbelen] == [(KLAAS, PIET, ["achternaam", "geboortedatum"])]

    command.downgrade(config, "0004_erasure")
    command.upgrade(config, "head")  # and up again: the keys are computed afresh
    assert len(run(url, [], sa.select(Zoeksleutel.sleutel))) == len(keys)
