"""subscriptions: webhook subscriptions, the public event log (the stream), the delivery queue

Numbered 0100 to stay clear of reporting's other migrations written in parallel; re-parent at merge.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 07:46:12.520114
"""
from alembic import op
import sqlalchemy as sa
import journey_platform.db
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('abonnementen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('org_type', sa.String(length=30), nullable=False),
    sa.Column('org_id', sa.String(length=60), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('callback_url', sa.String(length=1000), nullable=False),
    sa.Column('auth', sa.Text(), nullable=False),
    sa.Column('geheim', sa.String(length=100), nullable=False),
    sa.Column('kanalen', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('gemeente', sa.String(length=6), nullable=True),
    sa.Column('event_types', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('aangemaakt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_abonnementen'))
    )
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_abonnementen_org_id'), ['org_id'], unique=False)

    op.create_table('publieke_gebeurtenissen',
    sa.Column('volgnummer', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('bron_event_id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('event_naam', sa.String(length=100), nullable=False),
    sa.Column('kanaal', sa.String(length=30), nullable=False),
    sa.Column('sleutel', sa.String(length=60), nullable=False),
    sa.Column('gemeenten', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('tijdstip', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cloudevent', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('volgnummer', name=op.f('pk_publieke_gebeurtenissen')),
    sa.UniqueConstraint('bron_event_id', name=op.f('uq_publieke_gebeurtenissen_bron_event_id')),
    sa.UniqueConstraint('event_id', name=op.f('uq_publieke_gebeurtenissen_event_id'))
    )
    with op.batch_alter_table('publieke_gebeurtenissen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publieke_gebeurtenissen_traject_id'), ['traject_id'], unique=False)

    op.create_table('afleveringen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('abonnement_id', sa.Uuid(), nullable=False),
    sa.Column('volgnummer', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('sleutel', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('pogingen', sa.Integer(), nullable=False),
    sa.Column('volgende_poging_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('laatste_fout', sa.String(length=500), nullable=True),
    sa.Column('aangemaakt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('bijgewerkt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['abonnement_id'], ['abonnementen.id'], name=op.f('fk_afleveringen_abonnement_id_abonnementen'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['volgnummer'], ['publieke_gebeurtenissen.volgnummer'], name=op.f('fk_afleveringen_volgnummer_publieke_gebeurtenissen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_afleveringen'))
    )
    with op.batch_alter_table('afleveringen', schema=None) as batch_op:
        batch_op.create_index('ix_afleveringen_status_tijd', ['status', 'volgende_poging_op'], unique=False)
        batch_op.create_index('ix_afleveringen_wachtrij', ['abonnement_id', 'sleutel', 'status', 'volgnummer'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('afleveringen', schema=None) as batch_op:
        batch_op.drop_index('ix_afleveringen_wachtrij')
        batch_op.drop_index('ix_afleveringen_status_tijd')

    op.drop_table('afleveringen')
    with op.batch_alter_table('publieke_gebeurtenissen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publieke_gebeurtenissen_traject_id'))

    op.drop_table('publieke_gebeurtenissen')
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_abonnementen_org_id'))

    op.drop_table('abonnementen')
