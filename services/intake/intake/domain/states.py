"""The states a record of intake can be in (DOMAIN.md: a report is screened, decided or closed; a journey is an
episode that opens and closes; a referral is accepted or declined). The database refuses any other value (CHECK
constraints, migrations 0009_states and 0012_prevention_states)."""

from __future__ import annotations

from enum import StrEnum


class TrajectStatus(StrEnum):
    """An episode (docs/episodes.md)."""

    open = "open"
    gesloten = "gesloten"


class MeldingStatus(StrEnum):
    open = "open"
    in_onderzoek = "in-onderzoek"
    besloten = "besloten"
    afgesloten = "afgesloten"


class VerwijzingStatus(StrEnum):
    open = "open"
    geaccepteerd = "geaccepteerd"
    afgewezen = "afgewezen"


class DubbeleStatus(StrEnum):
    """A possible duplicate on the worklist (docs/privacy/identity.md)."""

    open = "open"
    afgewezen = "afgewezen"
    samengevoegd = "samengevoegd"


class PreventiezaakStatus(StrEnum):
    """A prevention case after an early signal (the local team's follow-up is outside the system for now)."""

    open = "open"
