"""aftercare: plans, follow-up contacts and relapse signals (docs/aftercare.md)

No existing data: plans start with the next move-in.

Revision ID: 0008_aftercare
Revises: 0008_late_registrations
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0008_aftercare"
down_revision = "0008_late_registrations"
branch_labels = None
depends_on = None

Moment = journey_platform.db.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "nazorgplannen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("traject_id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.Uuid(), nullable=False),
        sa.Column("bron", sa.String(length=20), nullable=False),
        sa.Column("bron_id", sa.Uuid(), nullable=False),
        sa.Column("gemeente", sa.String(length=6), nullable=False),
        sa.Column("regio", sa.String(length=50), nullable=True),
        sa.Column("woning_id", sa.Uuid(), nullable=True),
        sa.Column("verhuurder", sa.String(length=60), nullable=True),
        sa.Column("gestart_op", Moment(timezone=True), nullable=False),
        sa.Column("termijn_dagen", sa.Integer(), nullable=False),
        sa.Column("contactpersoon_organisatie", sa.String(length=60), nullable=False),
        sa.Column("contactpersoon_rol", sa.String(length=40), nullable=False),
        sa.Column("aandachtspunten", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("opgesteld_op", Moment(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nazorgplannen")),
        sa.UniqueConstraint("bron_id", name=op.f("uq_nazorgplannen_bron_id")),
    )
    with op.batch_alter_table("nazorgplannen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nazorgplannen_traject_id"), ["traject_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nazorgplannen_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nazorgplannen_gemeente"), ["gemeente"], unique=False)
        batch_op.create_index(batch_op.f("ix_nazorgplannen_woning_id"), ["woning_id"], unique=False)
    op.create_table(
        "nazorgcontacten",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("nazorgplan_id", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.Integer(), nullable=False),
        sa.Column("maanden", sa.Integer(), nullable=False),
        sa.Column("gepland_op", sa.Date(), nullable=False),
        sa.Column("uiterlijk_op", sa.Date(), nullable=False),
        sa.Column("contact_op", Moment(timezone=True), nullable=True),
        sa.Column("uitkomst", sa.String(length=30), nullable=True),
        sa.Column("vastgelegd_door", sa.String(length=60), nullable=True),
        sa.ForeignKeyConstraint(
            ["nazorgplan_id"], ["nazorgplannen.id"], name=op.f("fk_nazorgcontacten_nazorgplan_id_nazorgplannen")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nazorgcontacten")),
    )
    with op.batch_alter_table("nazorgcontacten", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nazorgcontacten_nazorgplan_id"), ["nazorgplan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_nazorgcontacten_gepland_op"), ["gepland_op"], unique=False)
        batch_op.create_index(batch_op.f("ix_nazorgcontacten_uiterlijk_op"), ["uiterlijk_op"], unique=False)
    op.create_table(
        "terugvalsignalen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("nazorgplan_id", sa.Uuid(), nullable=False),
        sa.Column("traject_id", sa.Uuid(), nullable=False),
        sa.Column("bron", sa.String(length=30), nullable=False),
        sa.Column("signaal", sa.String(length=30), nullable=False),
        sa.Column("bron_id", sa.Uuid(), nullable=True),
        sa.Column("gemeld_door", sa.String(length=60), nullable=False),
        sa.Column("gemeld_op", Moment(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["nazorgplan_id"], ["nazorgplannen.id"], name=op.f("fk_terugvalsignalen_nazorgplan_id_nazorgplannen")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terugvalsignalen")),
        sa.UniqueConstraint("bron_id", name=op.f("uq_terugvalsignalen_bron_id")),
    )
    with op.batch_alter_table("terugvalsignalen", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_terugvalsignalen_nazorgplan_id"), ["nazorgplan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_terugvalsignalen_traject_id"), ["traject_id"], unique=False)


def downgrade() -> None:
    op.drop_table("terugvalsignalen")
    op.drop_table("nazorgcontacten")
    op.drop_table("nazorgplannen")
