"""initial reporting schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 07:03:45.659609
"""
from alembic import op
import sqlalchemy as sa
import journey_platform.db
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('gebeurtenissen',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('bron', sa.String(length=200), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=True),
    sa.Column('tijdstip', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ontvangen_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_gebeurtenissen'))
    )
    with op.batch_alter_table('gebeurtenissen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gebeurtenissen_event_type'), ['event_type'], unique=False)
        batch_op.create_index(batch_op.f('ix_gebeurtenissen_tijdstip'), ['tijdstip'], unique=False)
        batch_op.create_index(batch_op.f('ix_gebeurtenissen_traject_id'), ['traject_id'], unique=False)

    op.create_table('inbox',
    sa.Column('consumer', sa.String(length=100), nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('partition', sa.Integer(), nullable=False),
    sa.Column('offset', sa.BigInteger(), nullable=False),
    sa.Column('processed_at', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('consumer', 'event_id', name=op.f('pk_inbox'))
    )
    op.create_table('outbox',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('message_key', sa.String(length=100), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('headers', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('published_at', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_outbox_event_id'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_unpublished', ['published_at', 'seq'], unique=False)

    op.create_table('trajecten',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.Uuid(), nullable=False),
    sa.Column('fase', sa.String(length=30), nullable=False),
    sa.Column('fase_sinds', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gemeente_melding', sa.String(length=6), nullable=True),
    sa.Column('verantwoordelijke_gemeente', sa.String(length=6), nullable=True),
    sa.Column('gemeente_van_herkomst', sa.String(length=6), nullable=True),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('geopend_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('bijgewerkt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trajecten'))
    )
    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trajecten_client_id'), ['client_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trajecten_fase'), ['fase'], unique=False)
        batch_op.create_index(batch_op.f('ix_trajecten_gemeente_melding'), ['gemeente_melding'], unique=False)
        batch_op.create_index(batch_op.f('ix_trajecten_regio'), ['regio'], unique=False)
        batch_op.create_index(batch_op.f('ix_trajecten_verantwoordelijke_gemeente'), ['verantwoordelijke_gemeente'], unique=False)

    op.create_table('tijdlijn',
    sa.Column('event_id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('tijdstip', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gebeurtenis', sa.String(length=100), nullable=False),
    sa.Column('dienst', sa.String(length=30), nullable=False),
    sa.Column('actor', sa.String(length=60), nullable=True),
    sa.Column('fase', sa.String(length=30), nullable=False),
    sa.Column('gegevens', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_tijdlijn_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_tijdlijn'))
    )
    with op.batch_alter_table('tijdlijn', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tijdlijn_traject_id'), ['traject_id'], unique=False)
        batch_op.create_index('ix_tijdlijn_traject_tijd', ['traject_id', 'tijdstip'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('tijdlijn', schema=None) as batch_op:
        batch_op.drop_index('ix_tijdlijn_traject_tijd')
        batch_op.drop_index(batch_op.f('ix_tijdlijn_traject_id'))

    op.drop_table('tijdlijn')
    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trajecten_verantwoordelijke_gemeente'))
        batch_op.drop_index(batch_op.f('ix_trajecten_regio'))
        batch_op.drop_index(batch_op.f('ix_trajecten_gemeente_melding'))
        batch_op.drop_index(batch_op.f('ix_trajecten_fase'))
        batch_op.drop_index(batch_op.f('ix_trajecten_client_id'))

    op.drop_table('trajecten')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_unpublished')

    op.drop_table('outbox')
    op.drop_table('inbox')
    with op.batch_alter_table('gebeurtenissen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gebeurtenissen_traject_id'))
        batch_op.drop_index(batch_op.f('ix_gebeurtenissen_tijdstip'))
        batch_op.drop_index(batch_op.f('ix_gebeurtenissen_event_type'))

    op.drop_table('gebeurtenissen')
