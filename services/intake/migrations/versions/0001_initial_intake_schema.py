"""initial intake schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 07:02:47.672426
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

    op.create_table('personen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('bsn_versleuteld', sa.Text(), nullable=True),
    sa.Column('bsn_index', sa.String(length=64), nullable=True),
    sa.Column('gegevens_versleuteld', sa.Text(), nullable=True),
    sa.Column('naam_index', sa.String(length=64), nullable=True),
    sa.Column('aangemaakt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_personen')),
    sa.UniqueConstraint('bsn_index', name=op.f('uq_personen_bsn_index'))
    )
    with op.batch_alter_table('personen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_personen_naam_index'), ['naam_index'], unique=False)

    op.create_table('trajecten',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('persoon_id', sa.Uuid(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('gemeente_melding', sa.String(length=6), nullable=False),
    sa.Column('verantwoordelijke_gemeente', sa.String(length=6), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('geopend_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('gesloten_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['persoon_id'], ['personen.id'], name=op.f('fk_trajecten_persoon_id_personen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trajecten'))
    )
    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trajecten_persoon_id'), ['persoon_id'], unique=False)

    op.create_table('gemeentewijzigingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('van_gemeente', sa.String(length=6), nullable=False),
    sa.Column('naar_gemeente', sa.String(length=6), nullable=False),
    sa.Column('reden', sa.Text(), nullable=False),
    sa.Column('gewijzigd_door', sa.String(length=60), nullable=False),
    sa.Column('gewijzigd_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_gemeentewijzigingen_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gemeentewijzigingen'))
    )
    with op.batch_alter_table('gemeentewijzigingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gemeentewijzigingen_traject_id'), ['traject_id'], unique=False)

    op.create_table('meldingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('persoon_id', sa.Uuid(), nullable=False),
    sa.Column('melder_type', sa.String(length=40), nullable=False),
    sa.Column('melder_organisatie', sa.String(length=60), nullable=False),
    sa.Column('situatie', sa.String(length=30), nullable=False),
    sa.Column('route', sa.String(length=40), nullable=False),
    sa.Column('gemeente_melding', sa.String(length=6), nullable=False),
    sa.Column('gemeente_van_herkomst', sa.String(length=6), nullable=True),
    sa.Column('verantwoordelijke_gemeente', sa.String(length=6), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('huishouden_grootte', sa.Integer(), nullable=False),
    sa.Column('aantal_kinderen', sa.Integer(), nullable=False),
    sa.Column('aandachtspunten', sa.JSON(), nullable=False),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('meld_datum', sa.Date(), nullable=False),
    sa.Column('gemeld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('beslistermijn', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('herhaalmelding', sa.Boolean(), nullable=False),
    sa.Column('termijnsignaal', sa.String(length=20), nullable=False),
    sa.Column('kort_verblijf_tot', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('regio_van_herkomst', sa.String(length=50), nullable=True),
    sa.Column('afsluitreden', sa.String(length=60), nullable=True),
    sa.Column('afgesloten_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['persoon_id'], ['personen.id'], name=op.f('fk_meldingen_persoon_id_personen')),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_meldingen_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meldingen'))
    )
    with op.batch_alter_table('meldingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meldingen_beslistermijn'), ['beslistermijn'], unique=False)
        batch_op.create_index(batch_op.f('ix_meldingen_gemeente_melding'), ['gemeente_melding'], unique=False)
        batch_op.create_index('ix_meldingen_open_termijn', ['status', 'beslistermijn'], unique=False)
        batch_op.create_index(batch_op.f('ix_meldingen_persoon_id'), ['persoon_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meldingen_regio'), ['regio'], unique=False)
        batch_op.create_index(batch_op.f('ix_meldingen_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_meldingen_traject_id'), ['traject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meldingen_verantwoordelijke_gemeente'), ['verantwoordelijke_gemeente'], unique=False)

    op.create_table('preventiezaken',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('persoon_id', sa.Uuid(), nullable=False),
    sa.Column('gemeente', sa.String(length=6), nullable=False),
    sa.Column('woningcorporatie', sa.String(length=60), nullable=False),
    sa.Column('signaal_type', sa.String(length=40), nullable=False),
    sa.Column('huishouden_grootte', sa.Integer(), nullable=False),
    sa.Column('woning_nodig', sa.Boolean(), nullable=False),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('geopend_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['persoon_id'], ['personen.id'], name=op.f('fk_preventiezaken_persoon_id_personen')),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_preventiezaken_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_preventiezaken'))
    )
    with op.batch_alter_table('preventiezaken', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_preventiezaken_gemeente'), ['gemeente'], unique=False)
        batch_op.create_index(batch_op.f('ix_preventiezaken_persoon_id'), ['persoon_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_preventiezaken_traject_id'), ['traject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_preventiezaken_woningcorporatie'), ['woningcorporatie'], unique=False)

    op.create_table('beschikkingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('melding_id', sa.Uuid(), nullable=False),
    sa.Column('traject_id', sa.Uuid(), nullable=False),
    sa.Column('persoon_id', sa.Uuid(), nullable=False),
    sa.Column('besluit', sa.String(length=40), nullable=False),
    sa.Column('voorziening', sa.String(length=30), nullable=True),
    sa.Column('soort', sa.String(length=20), nullable=True),
    sa.Column('geldig_van', sa.Date(), nullable=True),
    sa.Column('geldig_tot', sa.Date(), nullable=True),
    sa.Column('besluit_datum', sa.Date(), nullable=False),
    sa.Column('binnen_termijn', sa.Boolean(), nullable=False),
    sa.Column('nieuwe_client', sa.Boolean(), nullable=True),
    sa.Column('reden_code', sa.String(length=60), nullable=True),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('overgang_jeugdzorg', sa.Boolean(), nullable=False),
    sa.Column('regio', sa.String(length=50), nullable=True),
    sa.Column('afgegeven_door', sa.String(length=60), nullable=False),
    sa.Column('afgegeven_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['melding_id'], ['meldingen.id'], name=op.f('fk_beschikkingen_melding_id_meldingen')),
    sa.ForeignKeyConstraint(['persoon_id'], ['personen.id'], name=op.f('fk_beschikkingen_persoon_id_personen')),
    sa.ForeignKeyConstraint(['traject_id'], ['trajecten.id'], name=op.f('fk_beschikkingen_traject_id_trajecten')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_beschikkingen')),
    sa.UniqueConstraint('melding_id', name=op.f('uq_beschikkingen_melding_id'))
    )
    with op.batch_alter_table('beschikkingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_beschikkingen_persoon_id'), ['persoon_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_beschikkingen_traject_id'), ['traject_id'], unique=False)

    op.create_table('onderzoeken',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('melding_id', sa.Uuid(), nullable=False),
    sa.Column('uitgevoerd_door', sa.String(length=60), nullable=False),
    sa.Column('met_psychiater', sa.Boolean(), nullable=False),
    sa.Column('notities', sa.Text(), nullable=True),
    sa.Column('gestart_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['melding_id'], ['meldingen.id'], name=op.f('fk_onderzoeken_melding_id_meldingen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_onderzoeken'))
    )
    with op.batch_alter_table('onderzoeken', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_onderzoeken_melding_id'), ['melding_id'], unique=False)

    op.create_table('verwijzingen',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('melding_id', sa.Uuid(), nullable=False),
    sa.Column('van_organisatie', sa.String(length=60), nullable=False),
    sa.Column('naar_organisatie', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('toelichting', sa.Text(), nullable=True),
    sa.Column('aangemaakt_op', journey_platform.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('beoordeeld_op', journey_platform.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['melding_id'], ['meldingen.id'], name=op.f('fk_verwijzingen_melding_id_meldingen')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verwijzingen'))
    )
    with op.batch_alter_table('verwijzingen', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verwijzingen_melding_id'), ['melding_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_verwijzingen_naar_organisatie'), ['naar_organisatie'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('verwijzingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_verwijzingen_naar_organisatie'))
        batch_op.drop_index(batch_op.f('ix_verwijzingen_melding_id'))

    op.drop_table('verwijzingen')
    with op.batch_alter_table('onderzoeken', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_onderzoeken_melding_id'))

    op.drop_table('onderzoeken')
    with op.batch_alter_table('beschikkingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_beschikkingen_traject_id'))
        batch_op.drop_index(batch_op.f('ix_beschikkingen_persoon_id'))

    op.drop_table('beschikkingen')
    with op.batch_alter_table('preventiezaken', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_preventiezaken_woningcorporatie'))
        batch_op.drop_index(batch_op.f('ix_preventiezaken_traject_id'))
        batch_op.drop_index(batch_op.f('ix_preventiezaken_persoon_id'))
        batch_op.drop_index(batch_op.f('ix_preventiezaken_gemeente'))

    op.drop_table('preventiezaken')
    with op.batch_alter_table('meldingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meldingen_verantwoordelijke_gemeente'))
        batch_op.drop_index(batch_op.f('ix_meldingen_traject_id'))
        batch_op.drop_index(batch_op.f('ix_meldingen_status'))
        batch_op.drop_index(batch_op.f('ix_meldingen_regio'))
        batch_op.drop_index(batch_op.f('ix_meldingen_persoon_id'))
        batch_op.drop_index('ix_meldingen_open_termijn')
        batch_op.drop_index(batch_op.f('ix_meldingen_gemeente_melding'))
        batch_op.drop_index(batch_op.f('ix_meldingen_beslistermijn'))

    op.drop_table('meldingen')
    with op.batch_alter_table('gemeentewijzigingen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gemeentewijzigingen_traject_id'))

    op.drop_table('gemeentewijzigingen')
    with op.batch_alter_table('trajecten', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trajecten_persoon_id'))

    op.drop_table('trajecten')
    with op.batch_alter_table('personen', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_personen_naam_index'))

    op.drop_table('personen')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_unpublished')

    op.drop_table('outbox')
    op.drop_table('inbox')
