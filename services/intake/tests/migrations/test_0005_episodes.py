"""Migration 0005_episodes on SQLite and PostgreSQL: existing journeys get a lifecycle state (open with their last
activity; closed with a reason, marked for the episode job to publish their closing), and a downgrade removes it."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import command

from intake.adapters.orm import Traject
from journey_platform.migrations import alembic_config

from .test_0004_person_keys import SERVICE_DIR, run, url  # noqa: F401  (the fixture, on SQLite and PostgreSQL)

OPENED = datetime(2026, 3, 2, 9, tzinfo=UTC)
P, OPEN, CLOSED, M1, M2 = (uuid.uuid4() for _ in range(5))


def legacy_rows() -> list[Any]:
    uid = sa.Uuid()
    personen = sa.table("personen", *(sa.column(c) for c in ("id", "aangemaakt_op")))
    trajecten = sa.table(
        "trajecten",
        *(
            sa.column(c)
            for c in ("id", "persoon_id", "status", "gemeente_melding", "verantwoordelijke_gemeente", "geopend_op", "gesloten_op")
        ),
    )
    columns = (
        "id", "traject_id", "persoon_id", "melder_type", "melder_organisatie", "situatie", "route", "gemeente_melding",
        "verantwoordelijke_gemeente", "huishouden_grootte", "aantal_kinderen", "aandachtspunten", "meld_datum", "gemeld_op",
        "beslistermijn", "status", "herhaalmelding", "termijnsignaal",
    )  # fmt: skip
    meldingen = sa.table("meldingen", *(sa.column(c) for c in columns))

    def melding(melding_id: uuid.UUID, traject_id: uuid.UUID, status: str, gemeld_op: datetime) -> Any:
        return meldingen.insert().values(
            id=sa.literal(melding_id, uid),
            traject_id=sa.literal(traject_id, uid),
            persoon_id=sa.literal(P, uid),
            melder_type="politie",
            melder_organisatie="CT-IJSSEL-VECHT",
            situatie="dakloos",
            route="onbekend",
            gemeente_melding="GM0193",
            verantwoordelijke_gemeente="GM0193",
            huishouden_grootte=1,
            aantal_kinderen=0,
            aandachtspunten=sa.literal([], sa.JSON()),
            meld_datum=gemeld_op.date(),
            gemeld_op=gemeld_op,
            beslistermijn=gemeld_op.date() + timedelta(weeks=8),
            status=status,
            herhaalmelding=False,
            termijnsignaal="geen",
        )

    def traject(traject_id: uuid.UUID, status: str, closed: datetime | None) -> Any:
        return trajecten.insert().values(
            id=sa.literal(traject_id, uid),
            persoon_id=sa.literal(P, uid),
            status=status,
            gemeente_melding="GM0193",
            verantwoordelijke_gemeente="GM0193",
            geopend_op=OPENED,
            gesloten_op=closed,
        )

    return [
        personen.insert().values(id=sa.literal(P, uid), aangemaakt_op=OPENED),
        traject(CLOSED, "gesloten", OPENED + timedelta(days=3)),
        traject(OPEN, "open", None),
        melding(M1, CLOSED, "afgesloten", OPENED),
        melding(M2, OPEN, "in-onderzoek", OPENED + timedelta(days=10)),
    ]


def test_existing_journeys_get_a_lifecycle_state(url: str) -> None:  # noqa: F811
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "0004_erasure")
    run(url, legacy_rows())
    command.upgrade(config, "0005_episodes")

    rows = {r.id: r for r in run(url, [], sa.select(Traject.__table__))}
    closed, still_open = rows[CLOSED], rows[OPEN]
    assert (closed.status, closed.afsluitreden, closed.afsluiting_gepubliceerd) == ("gesloten", "zonder-vervolg", False)
    assert (still_open.status, still_open.afsluitreden, still_open.afsluiting_gepubliceerd) == ("open", None, True)
    assert still_open.laatste_activiteit_op == OPENED + timedelta(days=10)  # its report, later than its opening
    assert closed.laatste_activiteit_op == OPENED
    assert still_open.lopend == [] and still_open.vorig_traject_id is None

    command.downgrade(config, "0004_erasure")
    ((status,),) = run(
        url,
        [],
        sa.select(sa.table("trajecten", sa.column("status"), sa.column("id")).c.status).where(
            sa.column("id") == sa.literal(CLOSED, sa.Uuid())
        ),
    )
    assert status == "gesloten"  # the journeys themselves stay
