"""per-person data keys (crypto-shredding) and the erasure record

Every person gets a random data key, stored wrapped by the key ring (INTAKE_BSN_KEYS); their BSN, name and
date of birth, and the free text of their records, are re-sealed with it. Needs the key ring of the
environment being migrated (the same INTAKE_BSN_KEYS / INTAKE_BSN_INDEX_KEY the service runs with).

Revision ID: 0004_erasure
Revises: 0003_consent
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

import journey_platform.db

revision = "0004_erasure"
down_revision = "0003_consent"
branch_labels = None
depends_on = None

# Free-text columns: (table, column, how the row finds its person)
_FREE_TEXT = (
    ("meldingen", "toelichting", "persoon_id"),
    ("beschikkingen", "toelichting", "persoon_id"),
    ("preventiezaken", "toelichting", "persoon_id"),
    ("onderzoeken", "notities", "melding"),
    ("verwijzingen", "toelichting", "melding"),
    ("gemeentewijzigingen", "reden", "traject"),
)


def _keyring():  # type: ignore[no-untyped-def]
    from intake.adapters.crypto import KeyRing
    from intake.settings import IntakeSettings

    settings = IntakeSettings()
    return KeyRing(settings.bsn_keys, settings.bsn_index_key)


def upgrade() -> None:
    with op.batch_alter_table("personen") as batch_op:
        batch_op.add_column(sa.Column("sleutel_versleuteld", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("gewist_op", journey_platform.db.UTCDateTime(timezone=True), nullable=True))
    op.create_table(
        "wissingen",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("persoon_id", sa.Uuid(), nullable=False),
        sa.Column("aanleiding", sa.String(length=20), nullable=False),
        sa.Column("grondslag", sa.String(length=60), nullable=False),
        sa.Column("verzocht_door", sa.String(length=60), nullable=False),
        sa.Column("trajecten", sa.JSON(), nullable=False),
        sa.Column("gewist_op", journey_platform.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wissingen")),
        sa.UniqueConstraint("persoon_id", name=op.f("uq_wissingen_persoon_id")),
    )
    _reseal(upgrade=True)


def downgrade() -> None:
    _reseal(upgrade=False)
    op.drop_table("wissingen")
    with op.batch_alter_table("personen") as batch_op:
        batch_op.drop_column("gewist_op")
        batch_op.drop_column("sleutel_versleuteld")


def _rows(bind: sa.Connection, table: str, column: str, kind: str) -> list[tuple[uuid.UUID, uuid.UUID | None, str | None]]:
    """(row id, person id, value) of every row with text in that column."""
    t = sa.table(table, sa.column("id", sa.Uuid), sa.column(column, sa.Text), sa.column("melding_id", sa.Uuid),
                 sa.column("traject_id", sa.Uuid), sa.column("persoon_id", sa.Uuid))
    if kind == "melding":
        m = sa.table("meldingen", sa.column("id", sa.Uuid), sa.column("persoon_id", sa.Uuid))
        query = sa.select(t.c.id, m.c.persoon_id, t.c[column]).join_from(t, m, t.c.melding_id == m.c.id)
    elif kind == "traject":
        tr = sa.table("trajecten", sa.column("id", sa.Uuid), sa.column("persoon_id", sa.Uuid))
        query = sa.select(t.c.id, tr.c.persoon_id, t.c[column]).join_from(t, tr, t.c.traject_id == tr.c.id)
    else:
        query = sa.select(t.c.id, t.c.persoon_id, t.c[column])
    return [(r[0], r[1], r[2]) for r in bind.execute(query.where(t.c[column].is_not(None), t.c[column] != ""))]


def _reseal(*, upgrade: bool) -> None:
    from intake.adapters.crypto import DataKey, is_sealed

    bind = op.get_bind()
    personen = sa.table("personen", sa.column("id", sa.Uuid), sa.column("bsn_versleuteld", sa.Text),
                        sa.column("gegevens_versleuteld", sa.Text), sa.column("sleutel_versleuteld", sa.Text))
    rows = bind.execute(sa.select(personen)).all()
    if not rows:
        return
    ring = _keyring()
    keys: dict[uuid.UUID, DataKey] = {}
    for pid, bsn, gegevens, wrapped in rows:
        if upgrade:
            key = DataKey.generate(str(pid))
            values = {"sleutel_versleuteld": ring.wrap(key),
                      "bsn_versleuteld": key.seal(ring.decrypt(bsn)) if bsn else None,
                      "gegevens_versleuteld": key.seal(ring.decrypt(gegevens)) if gegevens else None}
        elif wrapped is None:
            continue  # erased: nothing to bring back
        else:
            key = ring.unwrap(wrapped, str(pid))
            values = {"bsn_versleuteld": ring.encrypt(key.open(bsn) or "") if bsn else None,
                      "gegevens_versleuteld": ring.encrypt(key.open(gegevens) or "") if gegevens else None}
        keys[pid] = key
        bind.execute(personen.update().where(personen.c.id == pid).values(**values))
    for table, column, kind in _FREE_TEXT:
        t = sa.table(table, sa.column("id", sa.Uuid), sa.column(column, sa.Text))
        for row_id, pid, value in _rows(bind, table, column, kind):
            key = keys.get(pid) if pid is not None else None
            if key is None or value is None or is_sealed(value) == upgrade:
                continue
            bind.execute(t.update().where(t.c.id == row_id).values({column: key.seal(value) if upgrade else key.open(value)}))
