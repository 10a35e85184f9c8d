"""Migration 0006_states on SQLite and PostgreSQL: a status outside the domain's states is refused by the database;
the downgrade lifts the check."""

import uuid
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command

from journey_platform.migrations import alembic_config

from .test_0004_person_keys import SERVICE_DIR, run, url  # noqa: F401  (the fixture, on SQLite and PostgreSQL)

OPENED = datetime(2026, 3, 2, 9, tzinfo=UTC)


def journey(status: str) -> list[sa.Insert]:
    uid = sa.Uuid()
    person, journey_id = uuid.uuid4(), uuid.uuid4()
    personen = sa.table("personen", sa.column("id"), sa.column("aangemaakt_op"))
    trajecten = sa.table(
        "trajecten",
        *(sa.column(c) for c in ("id", "persoon_id", "status", "gemeente_melding", "verantwoordelijke_gemeente", "geopend_op")),
    )
    return [
        personen.insert().values(id=sa.literal(person, uid), aangemaakt_op=OPENED),
        trajecten.insert().values(
            id=sa.literal(journey_id, uid),
            persoon_id=sa.literal(person, uid),
            status=status,
            gemeente_melding="GM0193",
            verantwoordelijke_gemeente="GM0193",
            geopend_op=OPENED,
        ),
    ]


def test_a_status_outside_the_states_is_refused_and_the_downgrade_lifts_the_check(url: str) -> None:  # noqa: F811
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "head")
    run(url, journey("gesloten"))
    with pytest.raises(sa.exc.IntegrityError, match="ck_trajecten_status_is_a_state"):
        run(url, journey("half-open"))
    command.downgrade(config, "0005_episodes")
    run(url, journey("half-open"))
