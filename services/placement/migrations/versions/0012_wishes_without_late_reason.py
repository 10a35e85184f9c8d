"""The stored housing wishes of a ready-to-leave declaration without the late registration's free-text reason (review
of stop 20): the reason is kept in late_registrations alone, where erasure blanks it; a copy in the wishes was shown
to every reader of the declaration and survived erasure.

Revision ID: 0012_wishes_without_late_reason
Revises: 0009_peer_experts
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_wishes_without_late_reason"
down_revision = "0009_peer_experts"
branch_labels = None
depends_on = None

_KEY = "redenLateRegistratie"


def upgrade() -> None:
    table = sa.table("uitstroomverklaringen", sa.column("id", sa.Uuid()), sa.column("woonwensen", sa.JSON()))
    conn = op.get_bind()
    for row_id, wishes in conn.execute(sa.select(table.c.id, table.c.woonwensen)).all():
        if isinstance(wishes, dict) and _KEY in wishes:
            kept = {k: v for k, v in wishes.items() if k != _KEY}
            conn.execute(sa.update(table).where(table.c.id == row_id).values(woonwensen=kept))


def downgrade() -> None:
    pass  # the removed reasons are not restored: they still are in late_registrations (unless erased)
