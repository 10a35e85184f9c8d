"""Commands: what a caller asks housing to do. HTTP bodies are these models; camelCase, unknown fields refused."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from journey_platform.backdating import DESCRIPTION as BACKDATED
from journey_platform.backdating import LateRegistration
from journey_platform.contracts.housing import Aanbieder, Aandachtspunt, NazorgUitkomst, WoningType
from journey_platform.contracts.placement import Doelgroep
from journey_platform.peer_experts import Ervaringsdeskundige
from journey_platform.web.commands import Command

GemeenteCode = Annotated[str, Field(pattern=r"^GM\d{4}$", examples=["GM0193"])]
MAX_BATCH = 1000


class RegistreerWoning(Command):
    aanbieder_type: Aanbieder = Field(description="Who supplies it; a corporation or provider registers its own units.")
    aanbieder: str | None = Field(None, pattern=r"^[a-z0-9-]{2,60}$", description="Supplier id; the caller's own when omitted.")
    type: WoningType
    gemeente: GemeenteCode
    wijk: str = Field(min_length=1, max_length=60, description="Neighbourhood (wijk).")
    huur: float = Field(gt=0, le=5000, description="Monthly rent in euros.")
    kamers: int = Field(ge=1, le=15)
    max_bewoners: int | None = Field(
        None, ge=1, le=20, description="Largest household it fits; the number of rooms when omitted."
    )
    rolstoeltoegankelijk: bool = False
    huisdieren_toegestaan: bool = False
    geschikt_voor: list[Doelgroep] = Field(default_factory=list, max_length=10, description="Only these groups; empty: everyone.")
    begeleiding_in_de_buurt: bool = Field(False, description="Ambulatory support is available nearby.")
    gemeubileerd: bool = False
    beschikbaar_vanaf: date
    beschikbaar_tot: date | None = None

    @model_validator(mode="after")
    def _period(self) -> RegistreerWoning:
        if self.beschikbaar_tot is not None and self.beschikbaar_tot < self.beschikbaar_vanaf:
            raise ValueError("beschikbaarTot lies before beschikbaarVanaf")
        return self


class RegistreerWoningen(Command):
    woningen: list[RegistreerWoning] = Field(min_length=1, max_length=MAX_BATCH)


class TrekWoningenIn(Command):
    woning_ids: list[uuid.UUID] = Field(min_length=1, max_length=MAX_BATCH)


class DoeAanbod(LateRegistration):
    """From a proposal (`voorstelId`), or directly for a candidate and a unit that meet every constraint."""

    voorstel_id: uuid.UUID | None = None
    kandidaat_id: uuid.UUID | None = None
    woning_id: uuid.UUID | None = None
    verloopt_op: datetime | None = Field(None, description="When the offer expires; the configured term when omitted.")
    gedaan_op: datetime | None = Field(None, description=f"Moment of the offer. {BACKDATED}")

    @model_validator(mode="after")
    def _one_source(self) -> DoeAanbod:
        direct = (self.kandidaat_id is not None, self.woning_id is not None)
        from_proposal = self.voorstel_id is not None and direct == (False, False)
        if not from_proposal and not (self.voorstel_id is None and all(direct)):
            raise ValueError("give either voorstelId, or kandidaatId and woningId")
        if self.verloopt_op is not None and self.verloopt_op.tzinfo is None:
            raise ValueError("verlooptOp needs a timezone")
        return self


class AccepteerAanbod(LateRegistration):
    geaccepteerd_op: datetime | None = Field(None, description=f"Moment of acceptance. {BACKDATED}")


class BevestigOverdracht(LateRegistration):
    bevestigd_op: datetime | None = Field(None, description=f"Moment of acknowledgement. {BACKDATED}")


class AfgewezenDoor(StrEnum):
    client = "client"
    aanbieder = "aanbieder"


class RedenAfwijzing(StrEnum):
    """Why an offer is declined, by the client or by the provider of the home (docs/reason-codes.md)."""

    te_ver = "te-ver"
    te_ver_van_netwerk = "te-ver-van-netwerk"
    te_duur = "te-duur"
    te_klein = "te-klein"
    niet_toegankelijk = "niet-toegankelijk"
    past_niet = "past-niet"
    begeleiding_niet_beschikbaar = "begeleiding-niet-beschikbaar"
    andere_woning_gevonden = "andere-woning-gevonden"
    overig = "overig"


class WijsAanbodAf(Command):
    afgewezen_door: AfgewezenDoor
    reden_code: RedenAfwijzing


class Contactpersoon(Command):
    """The agreed contact person for aftercare: an organisation and a role, never a name."""

    organisatie: str = Field(pattern=r"^[A-Za-z0-9-]{2,60}$", examples=["GM0193"], description="Organisation id.")
    rol: str = Field(pattern=r"^[a-z0-9-]{2,40}$", examples=["wijkcoach"], description="Role code.")


class LegNazorgcontactVast(LateRegistration):
    uitkomst: NazorgUitkomst
    volgnummer: int | None = Field(None, ge=1, le=12, description="Which follow-up; the first one still open when omitted.")
    contact_op: datetime | None = Field(None, description=f"Moment of the contact. {BACKDATED}")


class VroegTerugvalsignaal(StrEnum):
    """What a landlord or the local team signals (a follow-up's outcome and a new report signal by themselves)."""

    huurachterstand = "huurachterstand"
    dreigende_ontruiming = "dreigende-ontruiming"
    overlast = "overlast"
    politie = "politie"
    opname = "opname"
    gemiste_contacten = "gemiste-contacten"


class MeldTerugvalsignaal(LateRegistration):
    """Name the plan (local team, central access), or the home (its landlord)."""

    nazorgplan_id: uuid.UUID | None = None
    woning_id: uuid.UUID | None = None
    signaal: VroegTerugvalsignaal
    gemeld_op: datetime | None = Field(None, description=f"Moment of the signal. {BACKDATED}")

    @model_validator(mode="after")
    def _one(self) -> MeldTerugvalsignaal:
        if (self.nazorgplan_id is None) == (self.woning_id is None):
            raise ValueError("give either nazorgplanId or woningId")
        return self


class MeldVerhuizing(LateRegistration):
    verhuisd_op: datetime | None = Field(None, description=f"Moment of moving in. {BACKDATED}")
    lopende_schuldhulpverlening: bool = Field(False, description="Debt counselling runs and must be transferred.")
    bw_loopt_door_als_ambulant: bool = Field(
        False,
        description="The client is in beschermd wonen that continues as ambulant support at home: the BW stay is "
        "not ended by the move-in (any other shelter stay is, with destination eigen-woning).",
    )
    nazorg_contactpersoon: Contactpersoon | None = Field(
        None, description="The agreed aftercare contact person; the receiving local team (role lokaal-team) when omitted."
    )
    nazorg_aandachtspunten: list[Aandachtspunt] | None = Field(
        None, max_length=4, description="What aftercare watches; all four when omitted."
    )
    nazorg_ervaringsdeskundige: Ervaringsdeskundige | None = Field(
        None, description="Whether a peer expert (ervaringsdeskundige) is part of the aftercare; none when omitted."
    )

    @model_validator(mode="after")
    def _aware(self) -> MeldVerhuizing:
        if self.verhuisd_op is not None and self.verhuisd_op.tzinfo is None:
            raise ValueError("verhuisdOp needs a timezone")
        return self
