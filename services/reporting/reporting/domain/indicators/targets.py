"""Baselines and targets as data (doelen.yaml), and whether a value meets its target."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Doel:
    toelichting: str
    regio: str | None = None
    gemeente: str | None = None
    norm: str | None = None  # "<=" or ">="
    waarde: float | None = None
    basiswaarde: float | None = None
    basismoment: str | None = None
    verandering: float | None = None
    doelmoment: str | None = None
    # Which computed value the target is about (e.g. bw-wachttijd's reading); None: the indicator's headline.
    kengetal: str | None = None

    @property
    def doelwaarde(self) -> float | None:
        if self.waarde is not None:
            return self.waarde
        if self.basiswaarde is not None and self.verandering is not None:
            return round(self.basiswaarde * (1 + self.verandering), 1)
        return None

    @property
    def richting(self) -> str:
        return self.norm or ("<=" if (self.verandering or 0) < 0 else ">=")

    def gehaald(self, actual: float | int | None) -> bool | None:
        target = self.doelwaarde
        if actual is None or target is None:
            return None
        return actual <= target if self.richting == "<=" else actual >= target

    def applies_to(self, regio: str | None, gemeente: str | None) -> int:
        """How well this target fits a scope: 3 the municipality's own, 2 the region's, 1 any scope, 0 not at all."""
        if self.gemeente is not None:
            return 3 if self.gemeente == gemeente else 0
        if self.regio is not None:
            return 2 if self.regio == regio and gemeente is None else 0
        return 1


class Doelen:
    def __init__(self, by_code: dict[str, list[Doel]]) -> None:
        self._by_code = by_code

    def voor(self, code: str, regio: str | None, gemeente: str | None) -> Doel | None:
        fitting = [(d.applies_to(regio, gemeente), d) for d in self._by_code.get(code, [])]
        fitting = [(score, d) for score, d in fitting if score]
        return max(fitting, key=lambda pair: pair[0])[1] if fitting else None


def parse_doelen(document: dict[str, Any]) -> Doelen:
    return Doelen(
        {
            code: [Doel(**{k: v for k, v in item.items()}) for item in items]
            for code, items in (document.get("doelen") or {}).items()
        }
    )


def load_doelen(path: Path | None = None) -> Doelen:
    text = Path(path).read_text() if path else resources.files(__package__).joinpath("doelen.yaml").read_text()
    return parse_doelen(yaml.safe_load(text))
