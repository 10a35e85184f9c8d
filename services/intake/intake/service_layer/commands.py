"""Commands: what a caller asks intake to do. HTTP bodies are these models, so REST and tests meet
the same validation. camelCase on the wire, unknown fields refused."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, Discriminator, Field, Tag, ValidationInfo, field_validator, model_validator

from intake.domain.bsn import passes_eleven_check
from journey_platform.backdating import DAY_DESCRIPTION, DESCRIPTION, LateRegistration
from journey_platform.contracts.intake import Aandachtspunt, Besluit, Route, Situatie, Voorziening
from journey_platform.web.commands import Command
from journey_platform.web.values import BirthDate

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GemeenteCode = Annotated[str, Field(pattern=r"^GM\d{4}$", examples=["GM0193"])]
EARLIEST_BIRTH_DATE = date(1900, 1, 1)


def dutch_today() -> date:
    """Today in the Netherlands (Europe/Amsterdam), whatever the server's zone."""
    return datetime.now(AMSTERDAM).date()


class MelderType(StrEnum):
    bewoner = "bewoner"
    zelfmelder = "zelfmelder"
    politie = "politie"
    huisarts = "huisarts"
    zorgaanbieder = "zorgaanbieder"
    woningcorporatie = "woningcorporatie"
    welzijnsorganisatie = "welzijnsorganisatie"
    overig = "overig"


class Geslacht(StrEnum):
    man = "man"
    vrouw = "vrouw"
    anders = "anders"
    onbekend = "onbekend"


class Beschrijving(Command):
    """How to recognise someone whose identity is not known (yet). Personal data: sealed, never on an event."""

    leeftijd_indicatie: int | None = Field(None, ge=0, le=120, description="Approximate age in years.")
    geslacht: Geslacht | None = None
    waar_gezien: str | None = Field(None, max_length=200, description="Where the person was seen or stays.")
    kenmerken: str | None = Field(None, max_length=500, description="Other recognisable features.")


class PersoonInvoer(Command):
    """Who the report is about. A BSN if known (11-check); otherwise surname, first name (or initials) and date of
    birth; or, for someone who gives no name, an alias with a description (unknown identity)."""

    bsn: str | None = Field(None, description="Burgerservicenummer; must pass the 11-check.")
    voornaam: str | None = Field(None, max_length=100, description="First name or initials.")
    achternaam: str | None = Field(None, max_length=100)
    geboortedatum: BirthDate | None = None
    alias: str | None = Field(
        None, min_length=2, max_length=100, description="The name the person goes by when the identity is unknown."
    )
    beschrijving: Beschrijving | None = None

    @field_validator("bsn")
    @classmethod
    def _eleven_check(cls, value: str | None) -> str | None:
        if value is not None and not passes_eleven_check(value):
            raise ValueError("BSN does not pass the 11-check")
        return value

    @field_validator("geboortedatum")
    @classmethod
    def _plausible_birth_date(cls, value: date | None) -> date | None:
        if value is not None and not EARLIEST_BIRTH_DATE <= value <= dutch_today():
            raise ValueError(f"expected a date of birth from {EARLIEST_BIRTH_DATE.isoformat()} up to today")
        return value

    @model_validator(mode="after")
    def _identifiable(self) -> PersoonInvoer:
        if self.bsn is None and not (self.achternaam and self.geboortedatum) and not self.alias:
            raise ValueError("give a BSN, or a surname and a date of birth, or an alias (with a description)")
        return self


class RegistreerMelding(LateRegistration):
    melder_type: MelderType
    persoon: PersoonInvoer
    situatie: Situatie
    route: Route = Route.onbekend
    gemeente_melding: GemeenteCode = Field(description="Municipality where the report was made.")
    gemeente_van_herkomst: GemeenteCode | None = Field(None, description="Municipality of origin, if known.")
    verantwoordelijke_gemeente: GemeenteCode | None = Field(
        None, description="Responsible municipality (woonplaatsbeginsel); derived when omitted."
    )
    huishouden_grootte: int = Field(1, ge=1, le=20)
    aantal_kinderen: int = Field(0, ge=0, le=19)
    aandachtspunten: list[Aandachtspunt] = Field(default_factory=list, max_length=10)
    meld_datum: date | None = Field(None, description=f"Date of the report. {DAY_DESCRIPTION}")
    toelichting: str | None = Field(None, max_length=4000, description="Free text; never leaves intake.")

    @model_validator(mode="after")
    def _children_fit(self) -> RegistreerMelding:
        if self.aantal_kinderen >= self.huishouden_grootte:
            raise ValueError("aantalKinderen must be smaller than huishoudenGrootte")
        return self


class StartOnderzoek(Command):
    melding_id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")
    met_psychiater: bool = False
    notities: str | None = Field(None, max_length=4000)
    aanvraag_voorziening: Voorziening | None = Field(
        None,
        description="What the report becomes an application for (seed 003 4.3.1); a BW or beschut wonen application "
        "counts for the BW new-client rule whether or not it is decided.",
    )


class SoortBeschikking(StrEnum):
    nieuw = "nieuw"
    verlenging = "verlenging"


class RedenGeenOndersteuning(StrEnum):
    """Why no support is granted (docs/reason-codes.md)."""

    zelfredzaam = "zelfredzaam"
    geen_ondersteuningsbehoefte = "geen-ondersteuningsbehoefte"
    geen_indicatie = "geen-indicatie"
    niet_verschenen = "niet-verschenen"
    geen_rechtmatig_verblijf = "geen-rechtmatig-verblijf"
    overig = "overig"


class RedenVerwijzingLokaal(StrEnum):
    """Why the report goes to local support instead (docs/reason-codes.md)."""

    lokale_ondersteuning_passend = "lokale-ondersteuning-passend"
    voorliggende_voorziening = "voorliggende-voorziening"
    overig = "overig"


class RedenAfsluiting(StrEnum):
    """Why a report is closed without a decision (docs/reason-codes.md)."""

    persoon_vertrokken = "persoon-vertrokken"
    dubbele_melding = "dubbele-melding"
    geen_dak_of_thuisloosheid = "geen-dak-of-thuisloosheid"
    opgelost = "opgelost"
    overleden = "overleden"
    overig = "overig"


class _Besluit(LateRegistration):
    melding_id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")
    besluit_datum: date | None = Field(None, description=f"The decision's date, not before the report's. {DAY_DESCRIPTION}")
    toelichting: str | None = Field(None, max_length=4000)
    urgent: bool = False
    overgang_jeugdzorg: bool = Field(False, description="Transition from youth care at 18.")


class Toekenning(_Besluit):
    """A grant: which support, new or an extension, and from when."""

    besluit: Literal[Besluit.toekenning]
    voorziening: Voorziening
    soort: SoortBeschikking
    geldig_van: date
    geldig_tot: date | None = None

    @field_validator("geldig_tot")
    @classmethod
    def _after_start(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("geldig_van")
        if value is not None and start is not None and value < start:
            raise ValueError(f"expected a date on or after geldigVan ({start.isoformat()})")
        return value

    @property
    def reden_code(self) -> None:
        return None


class _GeenToekenning(_Besluit):
    voorziening: Voorziening | None = Field(None, description="The support asked for, if any.")

    @property
    def soort(self) -> None:
        return None

    @property
    def geldig_van(self) -> None:
        return None

    @property
    def geldig_tot(self) -> None:
        return None


class GeenOndersteuning(_GeenToekenning):
    """A refusal: a reason from the documented list is required."""

    besluit: Literal[Besluit.geen_ondersteuning]
    reden_code: RedenGeenOndersteuning


class VerwijzingLokaleOndersteuning(_GeenToekenning):
    """Local support instead of MO/BW."""

    besluit: Literal[Besluit.verwijzing_lokale_ondersteuning]
    reden_code: RedenVerwijzingLokaal | None = None


def _besluit_of(value: object) -> str | None:
    found = value.get("besluit") if isinstance(value, dict) else getattr(value, "besluit", None)
    return str(found) if found is not None else None


# The kind of decision (`besluit`) says which fields it needs: a grant `voorziening`, `soort` and `geldigVan`,
# a refusal a `redenCode`; the OpenAPI document shows a oneOf of the three. (A callable discriminator, since
# Command's before-validator runs on every field, `besluit` included.)
NeemBesluit = Annotated[
    Annotated[Toekenning, Tag(Besluit.toekenning.value)]
    | Annotated[GeenOndersteuning, Tag(Besluit.geen_ondersteuning.value)]
    | Annotated[VerwijzingLokaleOndersteuning, Tag(Besluit.verwijzing_lokale_ondersteuning.value)],
    Discriminator(
        _besluit_of,
        custom_error_type="tag:besluit",
        custom_error_message="expected besluit: toekenning, geen-ondersteuning or verwijzing-lokale-ondersteuning",
    ),
]


class MaakVerwijzing(Command):
    melding_id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")
    naar_organisatie: str = Field(
        pattern=r"^(GM\d{4}|CT-[A-Z0-9-]+)$", description="A municipality's local team (CBS code) or a central access point."
    )
    toelichting: str | None = Field(None, max_length=4000)


class BeoordeelVerwijzing(Command):
    geaccepteerd: bool


class SluitMeldingAf(Command):
    reden_code: RedenAfsluiting
    toelichting: str | None = Field(None, max_length=4000)


class WijzigVerantwoordelijkeGemeente(Command):
    gemeente: GemeenteCode
    reden: str = Field(min_length=3, max_length=2000)


class AfsluitredenHandmatig(StrEnum):
    """The reasons a case worker closes an episode with; the others follow from what happened in it."""

    vertrokken_uit_regio = "vertrokken-uit-regio"
    overleden = "overleden"


class SluitTrajectAf(LateRegistration):
    reden_code: AfsluitredenHandmatig
    afgesloten_op: AwareDatetime | None = Field(None, description=f"When the episode ended. {DESCRIPTION}")


class SignaalType(StrEnum):
    betalingsachterstand = "betalingsachterstand"
    dreigende_huisuitzetting = "dreigende-huisuitzetting"


class MeldVroegsignaal(Command):
    gemeente: GemeenteCode
    signaal_type: SignaalType
    huurder: PersoonInvoer
    huishouden_grootte: int = Field(1, ge=1, le=20)
    woning_nodig: bool = False
    toelichting: str | None = Field(None, max_length=4000)


class Grondslag(StrEnum):
    """The ground of AVG art. 17(1) under which the person asked for erasure."""

    niet_meer_nodig = "avg-17-1-a"
    toestemming_ingetrokken = "avg-17-1-b"
    bezwaar = "avg-17-1-c"
    onrechtmatig_verwerkt = "avg-17-1-d"
    wettelijke_plicht = "avg-17-1-e"


class DienWisverzoekIn(Command):
    persoon_id: uuid.UUID
    grondslag: Grondslag
