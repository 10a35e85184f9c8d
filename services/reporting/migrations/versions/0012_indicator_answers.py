"""indicator answers: each answer kept with what it depends on, removed when an event about that is projected
(reporting/service_layer/stored_answers.py).

Revision ID: 0010_indicator_answers
Revises: 0009_replay_checkpoint
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0010_indicator_answers"
down_revision = "0009_replay_checkpoint"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "indicator_antwoorden",
        sa.Column("sleutel", sa.String(length=64), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("regio", sa.String(length=60), nullable=True),
        sa.Column("gemeente", sa.String(length=6), nullable=True),
        sa.Column("van", sa.Date(), nullable=False),
        sa.Column("tot", sa.Date(), nullable=False),
        sa.Column("peildatum", sa.Date(), nullable=False),
        sa.Column("antwoord", sa.Text(), nullable=False),
        sa.Column("berekend_op", journey_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", name=op.f("pk_indicator_antwoorden")),
    )
    op.create_index(op.f("ix_indicator_antwoorden_peildatum"), "indicator_antwoorden", ["peildatum"], unique=False)
    op.create_table(
        "indicator_antwoord_bronnen",
        sa.Column("sleutel", sa.String(length=64), nullable=False),
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("waarde", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint("sleutel", "soort", "waarde", name=op.f("pk_indicator_antwoord_bronnen")),
    )
    op.create_index("ix_indicator_antwoord_bronnen_waarde", "indicator_antwoord_bronnen", ["soort", "waarde"], unique=False)
    op.create_table(
        "indicator_generaties",
        sa.Column("soort", sa.String(length=20), nullable=False),
        sa.Column("waarde", sa.String(length=60), nullable=False),
        sa.Column("generatie", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("soort", "waarde", name=op.f("pk_indicator_generaties")),
    )


def downgrade() -> None:
    op.drop_table("indicator_generaties")
    op.drop_index("ix_indicator_antwoord_bronnen_waarde", table_name="indicator_antwoord_bronnen")
    op.drop_table("indicator_antwoord_bronnen")
    op.drop_index(op.f("ix_indicator_antwoorden_peildatum"), table_name="indicator_antwoorden")
    op.drop_table("indicator_antwoorden")
