"""The indicators as the API shows them."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from reporting.service_layer.views import View

Number = float | int | None


class DoelView(View):
    norm: str = Field(description="`<=` (at most) or `>=` (at least).")
    doelwaarde: float | None = Field(description="The target value.")
    basiswaarde: float | None = None
    basismoment: str | None = Field(None, description="Date or year of the baseline.")
    doelmoment: str | None = Field(None, description="Date or year by which the target should be met.")
    toelichting: str


class IndicatorView(View):
    code: str
    titel: str
    eenheid: str = Field(description="aantal, procent, maanden or dagen.")
    op_peildatum: bool = Field(description="A stock at the end of the reference date (true) or a flow over the period.")
    regio: str | None
    gemeente: str | None
    van: date = Field(description="First day of the period.")
    tot: date = Field(description="Last day of the period (included).")
    peildatum: date = Field(description="Reference date: only what had happened by the end of this day counts.")
    waarde: Number = Field(description="The headline value.")
    waarden: dict[str, Number] = Field(description="Every value the indicator computes; keys per docs/indicators.md.")
    doel: DoelView | None
    gehaald: bool | None = Field(description="Whether the headline meets the target; null without target or value.")


class GemeenteUitkomstView(View):
    gemeente: str
    naam: str
    waarde: Number
    waarden: dict[str, Number]


class MaandUitkomstView(View):
    maand: str = Field(pattern=r"^\d{4}-\d{2}$", description="Calendar month, YYYY-MM.")
    waarde: Number
    waarden: dict[str, Number]


class IndicatorDetailView(IndicatorView):
    per_gemeente: list[GemeenteUitkomstView] = Field(description="The same indicator for each municipality in scope.")
    per_maand: list[MaandUitkomstView] = Field(description="The monthly trend over the period.")
