"""Migration 0013_check_ins_end on SQLite and PostgreSQL: existing open check-ins of a closed episode, or of a client
whose last stay ended by discharge with nothing running, are closed with their reason and moment; a client still
placed, waiting without a stay, or moved to the waiting list by a transfer keeps them; a check-in with an outcome
is never touched."""

import uuid
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from alembic import command

from journey_platform.db import UTCDateTime
from journey_platform.migrations import alembic_config

from .test_0005_short_stay import ADMITTED, NOW, PLACE, PLAIN, SERVICE_DIR, TRAJECTEN, WAITING, legacy_rows, run, table, url

__all__ = ["url"]  # the fixture, imported for pytest

LEFT, MOVED = uuid.uuid4(), uuid.uuid4()
CLOSED_AT, LEFT_AT = NOW + timedelta(days=30), NOW + timedelta(days=20)
DONE = uuid.uuid4()
STAYS = table(
    "verblijven", "id", "traject_id", "client_id", "voorziening_id", "voorziening_type", "zorgaanbieder", "gemeente",
    "soort", "status", "opgenomen_op", "maximum_signaal", "kort_verblijf_buiten_regio", "bed_en_break", "beeindigd_op",
)  # fmt: skip
CHECKS = sa.table(
    "trajectcontroles",
    sa.column("id", sa.Uuid()),
    sa.column("traject_id", sa.Uuid()),
    sa.column("gepland_op", sa.Date()),
    sa.column("uitgevoerd_op", UTCDateTime(timezone=True)),
    sa.column("achterstallig_gemeld", sa.Boolean()),
    sa.column("aangemaakt_door", sa.String()),
    sa.column("reden_vervallen", sa.String()),  # the two added by 0013
    sa.column("vervallen_op", UTCDateTime(timezone=True)),
)
JOURNEY_STATE = sa.table(
    "trajecten", sa.column("id", sa.Uuid()), sa.column("status"), sa.column("gesloten_op", UTCDateTime(timezone=True))
)


def _stay(traject_id: uuid.UUID, status: str, ended: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(), "traject_id": traject_id, "client_id": uuid.uuid4(), "voorziening_id": PLACE,
        "voorziening_type": "acute-opvang", "zorgaanbieder": "leger-des-heils", "gemeente": "GM0193", "soort": "opname",
        "status": status, "opgenomen_op": NOW, "maximum_signaal": "geen", "kort_verblijf_buiten_regio": False,
        "bed_en_break": False, "beeindigd_op": ended,
    }  # fmt: skip


def _check(traject_id: uuid.UUID, done: datetime | None = None, check_id: uuid.UUID | None = None) -> dict[str, Any]:
    return {
        "id": check_id or uuid.uuid4(), "traject_id": traject_id, "gepland_op": date(2026, 12, 1), "uitgevoerd_op": done,
        "achterstallig_gemeld": False, "aangemaakt_door": "CT-IJSSEL-VECHT",
    }  # fmt: skip


def rows() -> list[Any]:
    journeys = [
        {"id": j, "client_id": uuid.uuid4(), "verantwoordelijke_gemeente": "GM0193", "huishouden_grootte": 1,
         "aandachtspunten": [], "kort_verblijf_tot": None, "bijgewerkt_op": NOW}
        for j in (LEFT, MOVED)
    ]  # fmt: skip
    stays = [
        _stay(LEFT, "overgeplaatst", NOW + timedelta(days=10)),
        _stay(LEFT, "uitgestroomd", LEFT_AT),  # the last one: a discharge
        _stay(MOVED, "uitgestroomd", NOW + timedelta(days=5)),
        _stay(MOVED, "overgeplaatst", LEFT_AT),  # the last one: a provider failure's move to the waiting list
    ]
    checks = [_check(j) for j in (ADMITTED, WAITING, PLAIN, LEFT, MOVED)] + [_check(LEFT, NOW, DONE)]
    return [
        *legacy_rows(),
        sa.insert(TRAJECTEN).values(journeys),
        sa.insert(STAYS).values(stays),
        sa.update(JOURNEY_STATE).where(JOURNEY_STATE.c.id == PLAIN).values(status="gesloten", gesloten_op=CLOSED_AT),
        sa.insert(CHECKS).values(checks),
    ]


def test_existing_open_check_ins_of_ended_care_are_closed(url: str) -> None:
    config = alembic_config(SERVICE_DIR, url)
    command.upgrade(config, "0012_wishes_without_late_reason")
    run(url, rows())
    command.upgrade(config, "0013_check_ins_end")
    found = {
        i: (t, reason, at)
        for i, t, reason, at in run(
            url, [], sa.select(CHECKS.c.id, CHECKS.c.traject_id, CHECKS.c.reden_vervallen, CHECKS.c.vervallen_op)
        )
    }
    assert found.pop(DONE)[1:] == (None, None)  # it took place: never closed
    assert {(t, reason, at) for t, reason, at in found.values()} == {
        (ADMITTED, None, None),
        (WAITING, None, None),
        (PLAIN, "traject-afgesloten", CLOSED_AT),
        (LEFT, "uitgestroomd", LEFT_AT),
        (MOVED, None, None),
    }
    command.downgrade(config, "0012_wishes_without_late_reason")
