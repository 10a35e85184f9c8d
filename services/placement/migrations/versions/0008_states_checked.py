"""states: every status column holds one of its domain's states (placement/domain/states.py), checked by the database

The states are written out as they were when this ran (a later state comes with a migration of its own).
Existing data: the values the code ever wrote are exactly these states, so the constraints hold for existing rows;
a row that does not (written by hand) makes the upgrade fail, naming the constraint, rather than be rewritten.

Revision ID: 0006_states
Revises: 0005_episodes
"""

from __future__ import annotations

from alembic import op

revision = "0006_states"
down_revision = "0005_episodes"
branch_labels = None
depends_on = None

CHECKED = {
    "trajecten": ("open", "gesloten"),
    "voorzieningen": ("open", "gesloten"),
    "verblijven": ("actief", "uitgestroomd", "overgeplaatst"),
    "wachtlijst": ("wachtend", "aanbod", "geplaatst", "verlaten"),
}


def upgrade() -> None:
    for table, states in CHECKED.items():
        allowed = ", ".join(f"'{state}'" for state in states)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(op.f(f"ck_{table}_status_is_a_state"), f"status IN ({allowed})")


def downgrade() -> None:
    for table in CHECKED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_status_is_a_state"), type_="check")
