"""Commands: what a caller asks placement to do. HTTP bodies are these models (camelCase, unknown fields refused)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from journey_platform import backdating
from journey_platform.backdating import DESCRIPTION as BACKDATED
from journey_platform.backdating import LateRegistration
from journey_platform.contracts.placement import Bestemming, Doelgroep, VoorzieningType
from journey_platform.web.commands import Command

GemeenteCode = Annotated[str, Field(pattern=r"^GM\d{4}$", examples=["GM0193"])]


class RedenCapaciteitswijziging(StrEnum):
    """Why a facility's capacity changes (docs/reason-codes.md)."""

    uitbreiding = "uitbreiding"
    inkrimping = "inkrimping"
    tijdelijke_sluiting = "tijdelijke-sluiting"
    heropening = "heropening"
    sluiting = "sluiting"
    winterregeling = "winterregeling"
    overig = "overig"


class RedenWeigering(StrEnum):
    """Why a facility refuses someone (docs/reason-codes.md). `geen-plaats` is the lack of space the monitor counts."""

    geen_plaats = "geen-plaats"
    niet_veilig_voor_doelgroep = "niet-veilig-voor-doelgroep"
    buiten_doelgroep = "buiten-doelgroep"
    zorgbehoefte_te_zwaar = "zorgbehoefte-te-zwaar"
    huisregels_overtreden = "huisregels-overtreden"
    agressie = "agressie"
    kort_verblijf_verstreken = "kort-verblijf-verstreken"
    bed_en_break_zonder_ondersteuning = "bed-en-break-zonder-ondersteuning"
    overig = "overig"


class RedenVerlenging(StrEnum):
    """Why an out-of-region short stay is extended (docs/reason-codes.md)."""

    geen_vervoer = "geen-vervoer"
    medische_zorg = "medische-zorg"
    ziekenhuisopname_gepland = "ziekenhuisopname-gepland"
    wacht_op_opvang_herkomst = "wacht-op-opvang-herkomst"
    weersomstandigheden = "weersomstandigheden"
    overig = "overig"


class RedenOverplaatsing(StrEnum):
    """Why a client moves to another facility (docs/reason-codes.md)."""

    doorstroom = "doorstroom"
    passender = "passender"
    op_verzoek_client = "op-verzoek-client"
    veiligheid = "veiligheid"
    zorgbehoefte = "zorgbehoefte"
    sluiting_voorziening = "sluiting-voorziening"
    overig = "overig"


class RedenUitstroom(StrEnum):
    """Why a client leaves, next to where to (`bestemming`) (docs/reason-codes.md)."""

    verhuisd = "verhuisd"
    eigen_keuze = "eigen-keuze"
    doel_bereikt = "doel-bereikt"
    huisregels_overtreden = "huisregels-overtreden"
    detentie = "detentie"
    opname_zorginstelling = "opname-zorginstelling"
    overleden = "overleden"
    onbekend_vertrokken = "onbekend-vertrokken"
    overig = "overig"


class RedenAfmelding(StrEnum):
    """Why a client leaves the waiting list (docs/reason-codes.md)."""

    ingetrokken = "ingetrokken"
    verhuisd = "verhuisd"
    geplaatst_elders = "geplaatst-elders"
    vertrokken_uit_regio = "vertrokken-uit-regio"
    geen_behoefte_meer = "geen-behoefte-meer"
    overleden = "overleden"
    overig = "overig"


class RedenAanbiederuitval(StrEnum):
    """Why a provider or facility fails (docs/reason-codes.md)."""

    faillissement = "faillissement"
    gedwongen_sluiting = "gedwongen-sluiting"
    contract_beeindigd = "contract-beeindigd"
    calamiteit = "calamiteit"
    overig = "overig"


Code = Annotated[str, Field(pattern=r"^[a-z0-9-]{2,60}$", examples=["geen-plaats"])]
OrgId = Annotated[str, Field(pattern=r"^[a-z0-9-]{2,60}$", examples=["leger-des-heils"])]


class _Capaciteit(Command):
    capaciteit_plaatsen: int = Field(ge=0, le=2000)
    eenpersoonskamers: int = Field(0, ge=0, le=2000)

    @model_validator(mode="after")
    def _rooms_fit(self) -> _Capaciteit:
        if self.eenpersoonskamers > self.capaciteit_plaatsen:
            raise ValueError("eenpersoonskamers cannot exceed capaciteitPlaatsen")
        return self


class RegistreerVoorziening(_Capaciteit):
    naam: str = Field(min_length=2, max_length=120)
    type: VoorzieningType
    zorgaanbieder: OrgId = Field(description="The provider's id; a provider's token carries it as org_id.")
    gemeente: GemeenteCode
    veilig_voor: list[Doelgroep] = Field(default_factory=list, max_length=4)
    huisdieren_toegestaan: bool = False
    rolstoeltoegankelijk: bool = False


class WijzigCapaciteit(_Capaciteit):
    reden_code: RedenCapaciteitswijziging | None = None


class BijWeigering(Command):
    """What happened to the person if the facility is full."""

    alternatief_code: Code | None = Field(None, description="The alternative offered, e.g. nachtopvang-elders.")
    bestemming_code: Code | None = Field(None, description="Where the person went, e.g. familie-of-vrienden, straat.")


class NeemOp(LateRegistration):
    traject_id: uuid.UUID
    voorziening_id: uuid.UUID
    bed_en_break: bool = Field(False, description="A Bed & Break / time-out stay next to the client's running support.")
    bij_weigering: BijWeigering | None = None
    opgenomen_op: datetime | None = Field(None, description=f"Admission (or refusal) moment. {BACKDATED}")


class RegistreerWeigering(Command):
    traject_id: uuid.UUID
    voorziening_id: uuid.UUID | None = None
    gemeente: GemeenteCode | None = Field(None, description="Where the person asked for shelter; the facility's when omitted.")
    reden_code: RedenWeigering
    alternatief_code: Code | None = None
    bestemming_code: Code | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> RegistreerWeigering:
        if self.voorziening_id is None and self.gemeente is None:
            raise ValueError("give voorzieningId or gemeente")
        return self


class VerlengKortVerblijf(Command):
    tot: datetime = Field(description="The new end of the short stay (with timezone).")
    reden_code: RedenVerlenging
    toelichting: str | None = Field(None, max_length=2000)


class RondChecklistItemAf(LateRegistration):
    afgerond_datum: date | None = Field(
        None, description="When it was arranged, not before the admission. " + backdating.DAY_DESCRIPTION
    )


class Plaats(LateRegistration):
    """Place a client: from the waiting list (the offered place), or directly in a facility."""

    wachtlijst_aanmelding_id: uuid.UUID | None = None
    traject_id: uuid.UUID | None = None
    voorziening_id: uuid.UUID | None = None
    geplaatst_op: datetime | None = Field(None, description=f"Moment of the placement. {BACKDATED}")

    @model_validator(mode="after")
    def _one_way(self) -> Plaats:
        if self.wachtlijst_aanmelding_id is None and (self.traject_id is None or self.voorziening_id is None):
            raise ValueError("give wachtlijstAanmeldingId, or trajectId and voorzieningId")
        return self


class PlaatsOver(LateRegistration):
    naar_voorziening_id: uuid.UUID
    reden_code: RedenOverplaatsing
    geplaatst_op: datetime | None = Field(None, description=f"Moment of the transfer. {BACKDATED}")


class StroomUit(LateRegistration):
    bestemming: Bestemming
    naar_gemeente: GemeenteCode | None = Field(None, description="The municipality the client went to, if known.")
    reden_code: RedenUitstroom | None = None
    uitgestroomd_op: datetime | None = Field(None, description=f"Moment of leaving. {BACKDATED}")


class Begeleidingsintensiteit(StrEnum):
    licht = "licht"
    midden = "midden"
    intensief = "intensief"


class VerklaarUitstroomgereed(LateRegistration):
    huishouden_grootte: int = Field(ge=1, le=20)
    gemeente_voorkeuren: list[GemeenteCode] = Field(
        default_factory=list,
        max_length=10,
        description="The client's own wishes, most wanted first. They come first in matching; the municipality of "
        "origin counts only without a wish, when asked for, or when the plan says so.",
    )
    terugkeer_naar_herkomst: bool = Field(
        False, description="The support plan says the client returns to the municipality of origin (it helps recovery)."
    )
    uitkering_gemeente: GemeenteCode | None = Field(None, description="Where the client's benefit runs, if any.")
    schuldhulpverlening_gemeente: GemeenteCode | None = Field(None, description="Where debt counselling runs, if any.")
    inrichtingskosten_gemeente: GemeenteCode | None = Field(
        None, description="Where a furnishing grant (bijzondere bijstand) was applied for, if any."
    )
    inschrijving_gemeente: GemeenteCode | None = Field(None, description="Where the client is registered (BRP), if known.")
    max_huur: float = Field(gt=0, le=5000)
    huisdieren: bool = False
    rolstoeltoegankelijk: bool = False
    begeleidingsintensiteit: Begeleidingsintensiteit = Begeleidingsintensiteit.midden
    jongvolwassene_18_23: bool = Field(False, alias="jongvolwassene1823", description="Lower rent ceiling for rent benefit.")
    doelgroepen: list[Doelgroep] = Field(default_factory=list, max_length=4)
    urgent: bool = Field(True, description="People leaving MO/BW get urgency priority.")
    housing_first: bool = False
    verklaard_op: datetime | None = Field(None, description=f"Moment of the declaration. {BACKDATED}")


class VerlaatWachtlijst(Command):
    reden_code: RedenAfmelding


class GekozenPlaats(Command):
    verblijf_id: uuid.UUID
    voorziening_id: uuid.UUID


class MeldAanbiederuitval(Command):
    """Relocate every client of a facility, or of all facilities of a provider."""

    zorgaanbieder: OrgId | None = None
    voorziening_id: uuid.UUID | None = None
    reden_code: RedenAanbiederuitval
    gekozen_plaatsen: list[GekozenPlaats] = Field(
        default_factory=list, max_length=500, description="Optional: a chosen new place per stay; the rest is matched."
    )

    @model_validator(mode="after")
    def _exactly_one_scope(self) -> MeldAanbiederuitval:
        if (self.zorgaanbieder is None) == (self.voorziening_id is None):
            raise ValueError("give exactly one of zorgaanbieder and voorzieningId")
        return self
