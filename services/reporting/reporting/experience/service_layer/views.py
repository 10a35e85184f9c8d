"""What experience answers: camelCase on the wire (as the rest of reporting)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import Field, computed_field

from journey_platform.links import Link
from reporting.service_layer.views import View


class UitnodigingView(View):
    id: UUID
    moment: str
    verloopt_op: datetime = Field(description="Until when the link can be used (once).")
    link: str = Field(description="The one-time questionnaire link for the client (no login). Shown only now.")
    traject_id: UUID

    @computed_field(alias="_links")  # type: ignore[prop-decorator]  # pydantic's documented computed_field over a property
    @property
    def links(self) -> dict[str, Link]:
        """The questionnaire itself (Location of the 201), and the journey it was given on."""
        return {
            "self": Link(href=self.link, title="De vragenlijst (eenmalig te gebruiken)"),
            "traject": Link(href=f"/v1/trajecten/{self.traject_id}"),
        }


class ThemaResultaatView(View):
    thema: str
    naam: str
    aantal: int | None = Field(description="Answers that scored the theme; absent when suppressed.")
    gemiddelde: float | None = Field(description="Mean score, 1 (helemaal oneens) to 5 (helemaal eens).")
    aandeel_positief: float | None = Field(description="Share of answers scoring the theme 4 or more (0 to 1).")
    onderdrukt: bool = Field(description="Fewer than 5 answers (or needed to protect such a group): no figures.")


class GroepView(View):
    gemeente: str | None = None
    periode: str | None = None
    themas: list[ThemaResultaatView]


class ErvaringenView(View):
    regio: str | None
    gemeente: str | None
    van: str = Field(description="First month (YYYY-MM).")
    tot: str = Field(description="Last month, included (YYYY-MM).")
    moment: str | None
    minimum_aantal: int = Field(description="Groups with fewer answers are suppressed.")
    themas: list[ThemaResultaatView] = Field(description="The whole scope and period.")
    per_gemeente: list[GroepView] = Field(description="Each municipality of a region with answers in the period.")
    trend: list[GroepView] = Field(description="Each month of the period.")
