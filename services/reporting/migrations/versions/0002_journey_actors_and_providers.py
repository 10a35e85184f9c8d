"""journey actors and providers: who did what on the timeline, and which providers may see a journey

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 07:14:51.375655
"""
from alembic import op
import sqlalchemy as sa
import journey_platform.db  # noqa: F401
from sqlalchemy import Text  # noqa: F401
from sqlalchemy.dialects import postgresql  # noqa: F401


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('traject_zorgaanbieders',
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('zorgaanbieder', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_traject_zorgaanbieders_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('traject_id', 'zorgaanbieder', name=op.f('pk_traject_zorgaanbieders'))
    )
    with op.batch_alter_table('traject_zorgaanbieders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_traject_zorgaanbieders_zorgaanbieder'), ['zorgaanbieder'], unique=False)

    with op.batch_alter_table('tijdlijn', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_type', sa.String(length=30), server_default='centrale-toegang', nullable=False))

    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.add_column(sa.Column('zorgaanbieder', sa.String(length=60), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.drop_column('zorgaanbieder')

    with op.batch_alter_table('tijdlijn', schema=None) as batch_op:
        batch_op.drop_column('actor_type')

    with op.batch_alter_table('traject_zorgaanbieders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_traject_zorgaanbieders_zorgaanbieder'))

    op.drop_table('traject_zorgaanbieders')
