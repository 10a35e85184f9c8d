"""How a service's rows name their data subject (the client id), so that the log needs no handler changes.

A row names its subject directly (a `client_id` or `persoon_id` column, or its own `id` for intake's
`personen`), or through a key that one lookup turns into the client id (`traject_id` → the journey's
client). Rows that name neither (facilities, housing units) hold no one's personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import FromClause, Table

CLIENT = "client"  # the link kind of a row that names the client itself


@dataclass(frozen=True)
class Lookup:
    """`key` of `table` → its `client` column (e.g. trajecten.id → trajecten.client_id); `table` may be
    a subquery that joins its way to the client."""

    table: FromClause
    key: str
    client: str


@dataclass(frozen=True)
class SubjectLinks:
    columns: tuple[str, ...] = ("client_id", "persoon_id")
    own_id: frozenset[str] = frozenset()  # tables whose primary key `id` is the client id
    via: Mapping[str, Lookup] = field(default_factory=dict)  # column → lookup
    path: Mapping[str, str] = field(default_factory=dict)  # path parameter → CLIENT or a `via` column

    def link_of(self, table: Table) -> tuple[str, str] | None:
        """(kind, column): kind is CLIENT or the `via` column the row's key must be looked up with."""
        if table.name in self.own_id:
            return CLIENT, "id"
        for column in self.columns:
            if column in table.c:
                return CLIENT, column
        for column in self.via:
            if column in table.c:
                return column, column
        return None
