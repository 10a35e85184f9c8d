"""episodes: housing's projection of intake's journey (responsible municipality, lifecycle)

Existing data: every journey with a candidate gets a row, "open", with the candidate's responsible municipality
(the latest candidate's) and no municipality of the first report (intake's events name it from now on); intake's later events (a change, a closing) keep it up to date.

Revision ID: 0005_episodes
Revises: 0004_consent
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0005_episodes"
down_revision = "0005_rules"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trajecten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("gemeente_melding", sa.String(length=6), nullable=True),
        sa.Column("verantwoordelijke_gemeente", sa.String(length=6), nullable=False),
        sa.Column("regio", sa.String(length=50), nullable=True),
        sa.Column("status", sa.String(length=20), server_default="open", nullable=False),
        sa.Column("afsluitreden", sa.String(length=40), nullable=True),
        sa.Column("gesloten_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trajecten")),
    )
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trajecten_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trajecten_verantwoordelijke_gemeente"), ["verantwoordelijke_gemeente"], unique=False)
    kandidaten = sa.table(
        "kandidaten",
        sa.column("traject_id", sa.Uuid()),
        sa.column("client_id", sa.Uuid()),
        sa.column("verantwoordelijke_gemeente", sa.String()),
        sa.column("regio", sa.String()),
        sa.column("aangemeld_op", journey_platform.db.UTCDateTime(timezone=True)),
    )
    trajecten = sa.table(
        "trajecten",
        sa.column("id", sa.Uuid()),
        sa.column("client_id", sa.Uuid()),
        sa.column("verantwoordelijke_gemeente", sa.String()),
        sa.column("regio", sa.String()),
        sa.column("status", sa.String()),
    )
    conn = op.get_bind()
    latest: dict[object, tuple[object, str, str | None]] = {}
    columns = (kandidaten.c.traject_id, kandidaten.c.client_id, kandidaten.c.verantwoordelijke_gemeente, kandidaten.c.regio)
    for traject_id, client_id, gemeente, regio in conn.execute(sa.select(*columns).order_by(kandidaten.c.aangemeld_op)):
        latest[traject_id] = (client_id, gemeente, regio)
    if latest:
        rows = [
            {"id": t, "client_id": c, "verantwoordelijke_gemeente": g, "regio": r, "status": "open"}
            for t, (c, g, r) in latest.items()
        ]
        op.bulk_insert(trajecten, rows)  # type: ignore[arg-type]


def downgrade() -> None:
    with op.batch_alter_table("trajecten", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trajecten_verantwoordelijke_gemeente"))
        batch_op.drop_index(batch_op.f("ix_trajecten_client_id"))
    op.drop_table("trajecten")
