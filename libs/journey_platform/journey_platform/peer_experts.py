"""Peer experts (ervaringsdeskundigen) in the guidance (issue 17 item 2; seed 001 §8.1: "inwoners met ervaringskennis
als dak- of thuisloze structureel betrokken in de beleidscyclus en in hulpverlening"). A support plan and an aftercare
plan say whether a peer expert is part of the guidance, and for which organisation: a code and never a name.
docs/experience.md, "Peer experts"."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.alias_generators import to_camel

from journey_platform.web.commands import Command


class Ervaringsdeskundige(Command):
    betrokken: bool = Field(description="A peer expert (ervaringsdeskundige) is part of the guidance.")
    organisatie: str | None = Field(
        None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{1,59}$",
        examples=["leger-des-heils"],
        description="The organisation the peer expert works for (its id; no name of a person).",
    )

    @model_validator(mode="after")
    def _organisation_only_when_involved(self) -> Ervaringsdeskundige:
        if self.organisatie is not None and not self.betrokken:
            raise ValueError("organisatie is given only when a peer expert is involved (betrokken: true)")
        return self

    def event_fields(self) -> dict[str, bool | str | None]:
        return {"ervaringsdeskundige_betrokken": self.betrokken, "ervaringsdeskundige_organisatie": self.organisatie}


class ErvaringsdeskundigeView(BaseModel):
    """How a plan's view shows it (camelCase, as every view)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)
    betrokken: bool
    organisatie: str | None = None


NONE = {"ervaringsdeskundige_betrokken": False, "ervaringsdeskundige_organisatie": None}


def event_fields(peer: Ervaringsdeskundige | None) -> dict[str, bool | str | None]:
    return peer.event_fields() if peer is not None else dict(NONE)
