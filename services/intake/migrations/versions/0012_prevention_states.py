"""prevention states: a prevention case's status holds one of intake's states (PreventiezaakStatus), checked by the
database

Existing data: the code only ever wrote 'open', so the constraint holds for existing rows; a row that does not
(written by hand) makes the upgrade fail, naming the constraint, rather than be rewritten.

Revision ID: 0011_prevention_states
Revises: 0010_history_import
"""

from __future__ import annotations

from alembic import op

revision = "0011_prevention_states"
down_revision = "0010_history_import"
branch_labels = None
depends_on = None

TABLE, STATES = "preventiezaken", ("open",)


def upgrade() -> None:
    allowed = ", ".join(f"'{state}'" for state in STATES)
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.create_check_constraint(op.f(f"ck_{TABLE}_status_is_a_state"), f"status IN ({allowed})")


def downgrade() -> None:
    with op.batch_alter_table(TABLE, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{TABLE}_status_is_a_state"), type_="check")
