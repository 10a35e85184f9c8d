"""client experience (issue 17 item 2, docs/experience.md): one-time questionnaire invitations (token hash only) and
answers kept apart from identity (region, municipality, moment, phase, month).

Revision ID: 0009_client_experience
Revises: 0008_registration_kind
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from journey_platform.db import JSONType, UTCDateTime

revision = "0009_client_experience"
down_revision = "0008_registration_kind"
branch_labels = None
depends_on = None

MOMENTS = "moment IN ('na-besluit', 'tijdens-opvang', 'na-verhuizing', 'einde-nazorg')"


def upgrade() -> None:
    op.create_table(
        "ervaringsuitnodigingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("traject_id", sa.Uuid(), nullable=True),
        sa.Column("moment", sa.String(30), nullable=False),
        sa.Column("regio", sa.String(50), nullable=True),
        sa.Column("gemeente", sa.String(6), nullable=False),
        sa.Column("fase", sa.String(30), nullable=False),
        sa.Column("uitgenodigd_door", sa.String(60), nullable=False),
        sa.Column("aangemaakt_op", UTCDateTime(), nullable=False),
        sa.Column("verloopt_op", UTCDateTime(), nullable=False),
        sa.Column("gebruikt_op", UTCDateTime(), nullable=True),
        sa.CheckConstraint(MOMENTS, name=op.f("ck_ervaringsuitnodigingen_moment_is_a_state")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_ervaringsuitnodigingen_token_hash")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ervaringsuitnodigingen")),
    )
    op.create_index(op.f("ix_ervaringsuitnodigingen_traject_id"), "ervaringsuitnodigingen", ["traject_id"])
    op.create_table(
        "ervaringsantwoorden",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("regio", sa.String(50), nullable=True),
        sa.Column("gemeente", sa.String(6), nullable=False),
        sa.Column("moment", sa.String(30), nullable=False),
        sa.Column("fase", sa.String(30), nullable=False),
        sa.Column("periode", sa.String(7), nullable=False),
        sa.Column("vragenlijst_versie", sa.Integer(), nullable=False),
        sa.Column("scores", JSONType, nullable=False),
        sa.Column("verhaal", sa.Text(), nullable=True),
        sa.CheckConstraint(MOMENTS, name=op.f("ck_ervaringsantwoorden_moment_is_a_state")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ervaringsantwoorden")),
    )
    op.create_index("ix_ervaringsantwoorden_groep", "ervaringsantwoorden", ["regio", "gemeente", "periode"])


def downgrade() -> None:
    op.drop_index("ix_ervaringsantwoorden_groep", table_name="ervaringsantwoorden")
    op.drop_table("ervaringsantwoorden")
    op.drop_index(op.f("ix_ervaringsuitnodigingen_traject_id"), table_name="ervaringsuitnodigingen")
    op.drop_table("ervaringsuitnodigingen")
