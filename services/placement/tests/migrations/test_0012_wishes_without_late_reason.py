"""Migration 0012_wishes_without_late_reason on SQLite and PostgreSQL: a stored declaration's wishes lose the late
registration's free-text reason (kept, and erased, with the late registration alone); every other wish stays."""

import uuid

import sqlalchemy as sa
from alembic import command

from journey_platform.migrations import alembic_config

from .test_0005_short_stay import ADMITTED, NOW, SERVICE_DIR, legacy_rows, run, table, url

__all__ = ["url"]  # the fixture, imported for pytest

DECLARATIONS = table("uitstroomverklaringen", "id", "traject_id", "verblijf_id", "woonwensen", "verklaard_door", "verklaard_op")
WITH_REASON, WITHOUT = uuid.uuid4(), uuid.uuid4()


def test_the_late_reason_leaves_the_stored_wishes(url: str) -> None:
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "0009_peer_experts")
    run(url, legacy_rows())
    [(stay,)] = run(url, [], sa.select(sa.column("id")).select_from(sa.table("verblijven")))
    declared = [
        {"id": WITH_REASON, "woonwensen": {"maxHuur": 650, "redenLateRegistratie": "mevr. X belde"}},
        {"id": WITHOUT, "woonwensen": {"maxHuur": 700}},
    ]
    rows = [
        {**d, "traject_id": ADMITTED, "verblijf_id": uuid.UUID(str(stay)), "verklaard_door": "ribw", "verklaard_op": NOW}
        for d in declared
    ]
    run(url, [sa.insert(DECLARATIONS).values(rows)])
    command.upgrade(config, "0012_wishes_without_late_reason")
    found = run(url, [], sa.select(DECLARATIONS.c.id, DECLARATIONS.c.woonwensen))
    assert {uuid.UUID(str(i)): w for i, w in found} == {WITH_REASON: {"maxHuur": 650}, WITHOUT: {"maxHuur": 700}}
