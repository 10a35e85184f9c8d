"""What intake answers with (camelCase on the wire)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, computed_field
from pydantic.alias_generators import to_camel

from journey_platform.links import Link


class View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class KortVerblijfView(View):
    eindigt_op: datetime
    regio_van_herkomst: str | None


class MeldingView(View):
    id: UUID
    traject_id: UUID
    persoon_id: UUID
    melder_type: str
    situatie: str
    route: str
    gemeente_melding: str
    gemeente_van_herkomst: str | None
    verantwoordelijke_gemeente: str
    regio: str | None
    huishouden_grootte: int
    aantal_kinderen: int
    aandachtspunten: list[str]
    toelichting: str | None
    meld_datum: date
    gemeld_op: datetime
    beslistermijn: date
    status: str
    herhaalmelding: bool
    kort_verblijf: KortVerblijfView | None = None
    afsluitreden: str | None

    @computed_field(alias="_links")  # type: ignore[prop-decorator]  # pydantic's documented computed_field over a property
    @property
    def links(self) -> dict[str, Link]:
        """The report, its journey, its decision and its referrals."""
        return {
            "self": Link(href=f"/v1/meldingen/{self.id}"),
            "traject": Link(href=f"/v1/trajecten/{self.traject_id}"),
            "beschikkingen": Link(href=f"/v1/beschikkingen?meldingId={self.id}", title="the decision on this report"),
            "verwijzingen": Link(href=f"/v1/verwijzingen?meldingId={self.id}", title="the referrals of this report"),
        }


class TermijnView(View):
    melding_id: UUID
    traject_id: UUID
    gemeente_melding: str
    verantwoordelijke_gemeente: str
    meld_datum: date
    beslistermijn: date
    dagen_resterend: int
    status: str


class OnderzoekView(View):
    id: UUID
    melding_id: UUID
    uitgevoerd_door: str
    met_psychiater: bool
    notities: str | None
    gestart_op: datetime


class BeschikkingView(View):
    id: UUID
    melding_id: UUID
    traject_id: UUID
    besluit: str
    voorziening: str | None
    soort: str | None
    geldig_van: date | None
    geldig_tot: date | None
    besluit_datum: date
    binnen_termijn: bool
    nieuwe_client: bool | None = Field(
        None, description="BW new client (seed 003 4.1 fn 5): the municipality's own budget. Only on BW decisions."
    )
    nieuwe_client_grond: str | None = Field(
        None,
        description="The fact that decided it: geen-aanvraag-en-geen-bw-gebruik, aanvraag-binnen-terugkijkperiode "
        "(an application in the 365 days back from the report date) or bw-gebruik-in-regio (an actual BW stay).",
    )
    nieuwe_client_feit_op: date | None = Field(None, description="The day of the deciding application or BW use.")
    reden_code: str | None
    toelichting: str | None
    urgent: bool
    overgang_jeugdzorg: bool

    @computed_field(alias="_links")  # type: ignore[prop-decorator]  # pydantic's documented computed_field over a property
    @property
    def links(self) -> dict[str, Link]:
        return {
            "self": Link(href=f"/v1/beschikkingen/{self.id}"),
            "melding": Link(href=f"/v1/meldingen/{self.melding_id}"),
            "traject": Link(href=f"/v1/trajecten/{self.traject_id}"),
        }


class VerwijzingView(View):
    id: UUID
    melding_id: UUID
    van_organisatie: str
    naar_organisatie: str
    status: str
    toelichting: str | None
    aangemaakt_op: datetime
    beoordeeld_op: datetime | None

    @computed_field(alias="_links")  # type: ignore[prop-decorator]  # pydantic's documented computed_field over a property
    @property
    def links(self) -> dict[str, Link]:
        return {"self": Link(href=f"/v1/verwijzingen/{self.id}"), "melding": Link(href=f"/v1/meldingen/{self.melding_id}")}


class TrajectView(View):
    id: UUID
    persoon_id: UUID
    status: str
    gemeente_melding: str
    verantwoordelijke_gemeente: str
    regio: str | None
    geopend_op: datetime
    gesloten_op: datetime | None = None
    afsluitreden: str | None = None
    terugval: bool = False
    vorig_traject_id: UUID | None = None
    dagen_sinds_vorig_traject: int | None = None


class PreventiezaakView(View):
    id: UUID
    traject_id: UUID
    persoon_id: UUID
    gemeente: str
    woningcorporatie: str
    signaal_type: str
    huishouden_grootte: int
    woning_nodig: bool
    toelichting: str | None
    status: str
    geopend_op: datetime


class BeschrijvingView(View):
    leeftijd_indicatie: int | None = None
    geslacht: str | None = None
    waar_gezien: str | None = None
    kenmerken: str | None = None


class PersoonView(View):
    id: UUID
    bsn: str | None
    voornaam: str | None
    achternaam: str | None
    geboortedatum: date | None
    alias: str | None = None
    beschrijving: BeschrijvingView | None = None
    samengevoegd_in: UUID | None = None


class WissingView(View):
    """An erasure as recorded: when, why, by whom; no personal data."""

    id: UUID
    persoon_id: UUID
    aanleiding: str
    grondslag: str
    verzocht_door: str
    traject_ids: list[UUID]
    gewist_op: datetime
