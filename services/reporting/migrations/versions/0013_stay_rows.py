"""stay rows: each journey's stays and its responsible municipality over time (reporting/domain/indicators/rows.py),
kept by the projector per journey (reporting/service_layer/stay_rows.py) and read by the SQL indicators.

The tables start empty: `python -m reporting.replay` (or `python -m reporting.service_layer.stay_rows`, which
rebuilds only these two tables from the stored history) fills them and marks them built (`rij_modellen`). Until
then the SQL indicators are not asked: the detail endpoint folds the history as before (docs/indicators.md, "Row
read models"). Also a fresh database is marked only by such a run (a history loaded without the projector, as the
benchmarks load theirs, would otherwise be answered from empty rows).

Revision ID: 0011_stay_rows
Revises: 0010_indicator_answers
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0011_stay_rows"
down_revision = "0010_indicator_answers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    moment = journey_platform.db.UTCDateTime(timezone=True)
    op.create_table(
        "verblijven",
        sa.Column("traject_id", sa.Uuid(), nullable=False),
        sa.Column("rij", sa.Integer(), nullable=False),
        sa.Column("verblijf_id", sa.String(length=120), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=60), nullable=True),
        sa.Column("voorziening_id", sa.String(length=60), nullable=True),
        sa.Column("type", sa.String(length=60), nullable=False),
        sa.Column("gemeente", sa.String(length=60), nullable=True),
        sa.Column("start", moment, nullable=False),
        sa.Column("eind", moment, nullable=True),
        sa.Column("kort_verblijf", sa.Boolean(), nullable=False),
        sa.Column("time_out", sa.Boolean(), nullable=False),
        sa.Column("verhuisd", sa.Boolean(), nullable=False),
        sa.Column("geldig_vanaf", moment, nullable=True),
        sa.Column("geldig_tot", moment, nullable=True),
        sa.Column("van", moment, nullable=False),
        sa.Column("tot", moment, nullable=True),
        sa.Column("woonplaats", sa.String(length=60), nullable=True),
        sa.PrimaryKeyConstraint("traject_id", "rij", name=op.f("pk_verblijven")),
    )
    op.create_index(op.f("ix_verblijven_voorziening_id"), "verblijven", ["voorziening_id"], unique=False)
    op.create_index("ix_verblijven_type_van", "verblijven", ["type", "van"], unique=False)
    op.create_table(
        "traject_gemeenten",
        sa.Column("traject_id", sa.Uuid(), nullable=False),
        sa.Column("vanaf", moment, nullable=False),
        sa.Column("gemeente", sa.String(length=60), nullable=True),
        sa.PrimaryKeyConstraint("traject_id", "vanaf", name=op.f("pk_traject_gemeenten")),
    )
    op.create_table(
        "rij_modellen",
        sa.Column("naam", sa.String(length=30), nullable=False),
        sa.Column("opgebouwd_op", moment, nullable=False),
        sa.PrimaryKeyConstraint("naam", name=op.f("pk_rij_modellen")),
    )


def downgrade() -> None:
    op.drop_table("rij_modellen")
    op.drop_table("traject_gemeenten")
    op.drop_index("ix_verblijven_type_van", table_name="verblijven")
    op.drop_index(op.f("ix_verblijven_voorziening_id"), table_name="verblijven")
    op.drop_table("verblijven")
