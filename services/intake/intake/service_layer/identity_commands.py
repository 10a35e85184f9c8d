"""Commands about identity, by central access: merge two persons, split a merge, judge a possible duplicate."""

from __future__ import annotations

import uuid

from pydantic import Field, model_validator

from intake.service_layer.commands import PersoonInvoer
from journey_platform.web.commands import Command


class VoegPersonenSamen(Command):
    overblijvend_persoon_id: uuid.UUID = Field(description="The person who remains; the other's journeys move here.")
    opgaand_persoon_id: uuid.UUID = Field(description="The person recognised as the remaining one (e.g. an alias).")
    reden: str = Field(min_length=3, max_length=2000, description="Why they are one person; sealed, never on an event.")
    mogelijke_dubbele_id: uuid.UUID | None = Field(None, description="The possible duplicate this merge settles, if any.")

    @model_validator(mode="after")
    def _two_persons(self) -> VoegPersonenSamen:
        if self.overblijvend_persoon_id == self.opgaand_persoon_id:
            raise ValueError("opgaandPersoonId must differ from overblijvendPersoonId")
        return self


class SplitsPersoon(Command):
    samenvoeging_id: uuid.UUID = Field(description="The merge to undo.")
    reden: str = Field(min_length=3, max_length=2000, description="Why they are two people; sealed, never on an event.")


class WijsDubbeleAf(Command):
    reden: str = Field(min_length=3, max_length=2000, description="Why these are different people.")


class IdentificeerPersoon(Command):
    persoon: PersoonInvoer = Field(description="The identity now known: a BSN, or surname, first name and date of birth.")
    reden: str = Field(min_length=3, max_length=2000, description="How the identity became known; sealed, never on an event.")

    @model_validator(mode="after")
    def _an_identity(self) -> IdentificeerPersoon:
        if self.persoon.bsn is None and not (self.persoon.achternaam and self.persoon.geboortedatum):
            raise ValueError("persoon needs a BSN, or a surname and a date of birth")
        return self
