"""check-ins end with the care (docs/episodes.md "Check-ins end with the care"): a check-in can be closed without
taking place (`vervallen_op`, `reden_vervallen`), so the watcher stops reporting it overdue for a client who left.

Existing data: an open check-in (no outcome) of a journey intake closed is closed at the closing moment
(`traject-afgesloten`); one of a journey with no stay running whose last stay ended by discharge is closed at that
discharge (`uitgestroomd`). A journey whose last stay ended by a transfer (a provider failure's move to the waiting
list) keeps its check-ins, as the code does.

Revision ID: 0013_check_ins_end
Revises: 0012_wishes_without_late_reason
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journey_platform.db import UTCDateTime

revision = "0013_check_ins_end"
down_revision = "0012_wishes_without_late_reason"
branch_labels = None
depends_on = None

_CHECKS = sa.table(
    "trajectcontroles",
    sa.column("id", sa.Uuid()),
    sa.column("traject_id", sa.Uuid()),
    sa.column("uitgevoerd_op", UTCDateTime(timezone=True)),
    sa.column("vervallen_op", UTCDateTime(timezone=True)),
    sa.column("reden_vervallen", sa.String()),
)
_JOURNEYS = sa.table(
    "trajecten", sa.column("id", sa.Uuid()), sa.column("status", sa.String()), sa.column("gesloten_op", UTCDateTime(timezone=True))
)
_STAYS = sa.table(
    "verblijven",
    sa.column("traject_id", sa.Uuid()),
    sa.column("status", sa.String()),
    sa.column("beeindigd_op", UTCDateTime(timezone=True)),
)


def upgrade() -> None:
    with op.batch_alter_table("trajectcontroles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vervallen_op", UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("reden_vervallen", sa.String(length=40), nullable=True))
    conn = op.get_bind()
    open_journeys = set(
        conn.execute(
            sa.select(_CHECKS.c.traject_id).where(_CHECKS.c.uitgevoerd_op.is_(None), _CHECKS.c.vervallen_op.is_(None)).distinct()
        ).scalars()
    )
    for traject_id in sorted(open_journeys):
        ended = _ending(conn, traject_id)
        if ended is not None:
            reason, at = ended
            conn.execute(
                sa.update(_CHECKS)
                .where(_CHECKS.c.traject_id == traject_id, _CHECKS.c.uitgevoerd_op.is_(None), _CHECKS.c.vervallen_op.is_(None))
                .values(vervallen_op=at, reden_vervallen=reason)
            )


def _ending(conn: sa.Connection, traject_id: object) -> tuple[str, object] | None:
    journey = conn.execute(sa.select(_JOURNEYS.c.status, _JOURNEYS.c.gesloten_op).where(_JOURNEYS.c.id == traject_id)).first()
    if journey is not None and journey.status == "gesloten" and journey.gesloten_op is not None:
        return "traject-afgesloten", journey.gesloten_op
    stays = conn.execute(
        sa.select(_STAYS.c.status, _STAYS.c.beeindigd_op).where(_STAYS.c.traject_id == traject_id)
    ).all()
    if not stays or any(s.status == "actief" for s in stays):
        return None
    last = max((s for s in stays if s.beeindigd_op is not None), key=lambda s: s.beeindigd_op, default=None)
    if last is None or last.status != "uitgestroomd":
        return None
    return "uitgestroomd", last.beeindigd_op


def downgrade() -> None:
    with op.batch_alter_table("trajectcontroles", schema=None) as batch_op:
        batch_op.drop_column("reden_vervallen")
        batch_op.drop_column("vervallen_op")
