"""The questionnaire as data (vragenlijst.yaml): themes of the Wmo client-experience survey, 5-point statements,
an optional story and the consent to use it. Validating a filled-in form against it names every bad field."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from journey_platform.errors import InvalidInput, InvalidParam


class Moment(StrEnum):
    """When in the journey a client is invited (issue 17: after the decision, during a stay, after the move, at the
    end of aftercare)."""

    na_besluit = "na-besluit"
    tijdens_opvang = "tijdens-opvang"
    na_verhuizing = "na-verhuizing"
    einde_nazorg = "einde-nazorg"


class Antwoordoptie(BaseModel):
    model_config = ConfigDict(frozen=True)
    waarde: int
    tekst: str


class Stelling(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    tekst: str
    momenten: tuple[Moment, ...] | None = None  # None: asked at every moment

    def asked_at(self, moment: Moment) -> bool:
        return self.momenten is None or moment in self.momenten


class Thema(BaseModel):
    model_config = ConfigDict(frozen=True)
    code: str
    naam: str
    stellingen: tuple[Stelling, ...]


class Verhaal(BaseModel):
    model_config = ConfigDict(frozen=True)
    vraag: str
    hulp: str
    max_lengte: int = Field(ge=1, le=10_000)


class Toestemming(BaseModel):
    model_config = ConfigDict(frozen=True)
    vraag: str
    ja: str
    nee: str
    uitleg: str


class Vragenlijst(BaseModel):
    model_config = ConfigDict(frozen=True)
    versie: int
    titel: str
    inleiding: str
    schaal: tuple[Antwoordoptie, ...]
    positief_vanaf: int
    momenten: dict[Moment, str]
    themas: tuple[Thema, ...]
    verhaal: Verhaal
    toestemming: Toestemming

    def stellingen(self, moment: Moment) -> list[tuple[Thema, Stelling]]:
        return [(t, s) for t in self.themas for s in t.stellingen if s.asked_at(moment)]

    def thema_van(self) -> dict[str, str]:
        """Statement code → theme code, for every statement of every version of the moments."""
        return {s.code: t.code for t in self.themas for s in t.stellingen}


class Ingevuld(BaseModel):
    """A filled-in form, checked: scores per statement (unanswered left out), the story only with consent."""

    scores: dict[str, int]
    verhaal: str | None


def read(moment: Moment, form: dict[str, str], vragenlijst: Vragenlijst) -> Ingevuld:
    """The answers of a submitted form. Every statement is optional (a client may skip one); a value that is not on
    the scale, an unknown field, a story that is too long: refused, naming each field."""
    bad: list[InvalidParam] = []
    allowed = {str(o.waarde) for o in vragenlijst.schaal}
    asked = {s.code for _, s in vragenlijst.stellingen(moment)}
    scores: dict[str, int] = {}
    for name, value in form.items():
        if name in asked:
            if value == "":
                continue
            if value not in allowed:
                bad.append(InvalidParam(name=name, code="scale", reason=f"choose one of {', '.join(sorted(allowed))}"))
            else:
                scores[name] = int(value)
        elif name not in ("verhaal", "toestemming"):
            bad.append(InvalidParam(name=name, code="unknown", reason="not a question of this questionnaire"))
    verhaal = form.get("verhaal", "").strip()
    if len(verhaal) > vragenlijst.verhaal.max_lengte:
        bad.append(InvalidParam(name="verhaal", code="length", reason=f"at most {vragenlijst.verhaal.max_lengte} characters"))
    if any(ord(c) < 32 and c not in "\n\r\t" for c in verhaal):
        bad.append(InvalidParam(name="verhaal", code="characters", reason="contains control characters"))
    toestemming = form.get("toestemming", "")
    if toestemming not in ("", "ja", "nee"):
        bad.append(InvalidParam(name="toestemming", code="choice", reason="choose ja or nee"))
    if bad:
        raise InvalidInput("the form has answers that cannot be used", bad)
    # The story is kept only with explicit consent for its use (issue 17: "the story only with explicit consent").
    return Ingevuld(scores=scores, verhaal=verhaal if verhaal and toestemming == "ja" else None)


@cache
def load(path: Path | None = None) -> Vragenlijst:
    """The packaged vragenlijst.yaml, or another file (REPORTING_EXPERIENCE_QUESTIONNAIRE_FILE)."""
    if path is None:
        text = resources.files("reporting.experience").joinpath("vragenlijst.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return Vragenlijst.model_validate(yaml.safe_load(text))
