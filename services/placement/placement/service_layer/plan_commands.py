"""Commands of guidance: the support plan made with the client (1 plan, 1 regisseur) and its check-ins. HTTP bodies
are these models (camelCase, unknown fields refused); the other commands of placement: commands.py."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from journey_platform.backdating import DESCRIPTION as BACKDATED
from journey_platform.backdating import LateRegistration
from journey_platform.web.commands import Command
from placement.domain.monitoring import Uitkomst
from placement.service_layer.commands import OrgId


class Levensdomein(StrEnum):
    """The life domains of the self-sufficiency matrix (ZRM)."""

    financien = "financien"
    dagbesteding = "dagbesteding"
    huisvesting = "huisvesting"
    huiselijke_relaties = "huiselijke-relaties"
    geestelijke_gezondheid = "geestelijke-gezondheid"
    lichamelijke_gezondheid = "lichamelijke-gezondheid"
    middelengebruik = "middelengebruik"
    basale_adl = "basale-adl"
    instrumentele_adl = "instrumentele-adl"
    sociaal_netwerk = "sociaal-netwerk"
    maatschappelijke_participatie = "maatschappelijke-participatie"
    justitie = "justitie"


class Resultaat(StrEnum):
    """Client-level results (cliëntniveau)."""

    dagstructuur = "dagstructuur"
    sociale_relaties = "sociale-relaties"
    financiele_zelfredzaamheid = "financiele-zelfredzaamheid"
    zelfstandig_wonen = "zelfstandig-wonen"
    gezondheid = "gezondheid"
    participatie = "participatie"


class Doel(Command):
    levensdomein: Levensdomein
    omschrijving: str = Field(min_length=2, max_length=2000)


class ResultaatStand(StrEnum):
    nog_niet = "nog-niet"
    deels = "deels"
    bereikt = "bereikt"


class ClientResultaat(Command):
    resultaat: Resultaat
    stand: ResultaatStand = ResultaatStand.nog_niet


class Regisseur(Command):
    """The one coordinator (1 plan, 1 regisseur)."""

    organisatie: str = Field(pattern=r"^(GM\d{4}|CT-[A-Z0-9-]+|[a-z0-9-]{2,60})$")
    naam: str = Field(min_length=2, max_length=120)


class PlanInhoud(Command):
    zorgaanbieder: OrgId = Field(description="The provider who guides the client.")
    regisseur: Regisseur
    doelen: list[Doel] = Field(min_length=1, max_length=30)
    resultaten: list[ClientResultaat] = Field(default_factory=list, max_length=10)
    eigen_visie: str = Field(min_length=2, max_length=4000, description="The client's own view, in his or her words.")


class StelPlanVast(PlanInhoud, LateRegistration):
    traject_id: uuid.UUID
    vastgesteld_op: datetime | None = Field(None, description=f"Moment the plan was agreed. {BACKDATED}")


class PlanTrajectcontrole(Command):
    traject_id: uuid.UUID
    gepland_datum: date


class LegUitkomstVast(Command):
    uitkomst: Uitkomst
    notities: str | None = Field(None, max_length=4000)
    volgende_datum: date | None = Field(None, description="The next check-in; planned by itself when omitted.")
