"""aftercare states: an aftercare plan's status holds one of housing's states (NazorgplanStatus), checked by the database

Existing data: the code only ever wrote 'actief', 'afgerond' and 'beeindigd', so the constraint holds for existing
rows; a row that does not (written by hand) makes the upgrade fail, naming the constraint, rather than be rewritten.

Revision ID: 0009_aftercare_states
Revises: 0008_aftercare
"""

from __future__ import annotations

from alembic import op

revision = "0009_aftercare_states"
down_revision = "0008_aftercare"
branch_labels = None
depends_on = None

TABLE, STATES = "nazorgplannen", ("actief", "afgerond", "beeindigd")


def upgrade() -> None:
    allowed = ", ".join(f"'{state}'" for state in STATES)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_check_constraint(op.f(f"ck_{TABLE}_status_is_a_state"), f"status IN ({allowed})")


def downgrade() -> None:
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{TABLE}_status_is_a_state"), type_="check")
