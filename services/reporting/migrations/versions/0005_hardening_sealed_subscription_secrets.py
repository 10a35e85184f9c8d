"""hardening: subscribers' signing secret and Authorization value sealed at rest

Existing rows are sealed here with the first key of REPORTING_SUBSCRIPTION_SECRET_KEYS (the same
settings the service reads), so set that variable before upgrading.

Revision ID: 0005_hardening
Revises: 0004_audit
Create Date: 2026-11-29 23:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0005_hardening'
down_revision = '0004_audit'
branch_labels = None
depends_on = None

_PAIRS = (("auth", "auth_versleuteld"), ("geheim", "geheim_versleuteld"))


def _seal():
    from reporting.settings import ReportingSettings
    from reporting.subscriptions.adapters.sealing import SecretSeal

    return SecretSeal(ReportingSettings().subscription_secret_keys)


def _convert(source: tuple[str, str], target: tuple[str, str], transform) -> None:
    table = sa.table("abonnementen", sa.column("id", sa.Uuid()), *(sa.column(c, sa.Text()) for c in (*source, *target)))
    connection = op.get_bind()
    for row in connection.execute(sa.select(table.c.id, *(table.c[c] for c in source))).all():
        values = {t: transform(row[i + 1]) for i, t in enumerate(target)}
        connection.execute(table.update().where(table.c.id == row[0]).values(**values))


def upgrade() -> None:
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        for _, sealed in _PAIRS:
            batch_op.add_column(sa.Column(sealed, sa.Text(), nullable=True))
    seal = _seal()
    _convert(tuple(p for p, _ in _PAIRS), tuple(s for _, s in _PAIRS), seal.seal)
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        for plain, sealed in _PAIRS:
            batch_op.alter_column(sealed, existing_type=sa.Text(), nullable=False)
            batch_op.drop_column(plain)


def downgrade() -> None:
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auth', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('geheim', sa.String(length=100), nullable=True))
    seal = _seal()
    _convert(tuple(s for _, s in _PAIRS), tuple(p for p, _ in _PAIRS), seal.unseal)
    with op.batch_alter_table('abonnementen', schema=None) as batch_op:
        batch_op.alter_column('auth', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('geheim', existing_type=sa.String(length=100), nullable=False)
        for _, sealed in _PAIRS:
            batch_op.drop_column(sealed)
