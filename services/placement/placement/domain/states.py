"""The states a record of placement can be in. The database refuses any other value (CHECK constraints, migration
0008_states)."""

from __future__ import annotations

from enum import StrEnum


class TrajectStatus(StrEnum):
    """Placement's copy of intake's episode."""

    open = "open"
    gesloten = "gesloten"


class VoorzieningStatus(StrEnum):
    open = "open"
    gesloten = "gesloten"  # capacity 0


class VerblijfStatus(StrEnum):
    actief = "actief"
    uitgestroomd = "uitgestroomd"
    overgeplaatst = "overgeplaatst"


class WachtlijstStatus(StrEnum):
    wachtend = "wachtend"
    aanbod = "aanbod"
    geplaatst = "geplaatst"
    verlaten = "verlaten"
