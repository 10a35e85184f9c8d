"""Experience results per group (region, municipality, month) and theme: count, mean score, share positive.

Per answer, a theme's score is the mean of the theme's statements it answered (an answer that skipped them all does
not count for the theme); it is positive from `positief_vanaf` (4: "eens" or "helemaal eens", as the Wmo survey
counts). A group of fewer than MINIMUM answers is suppressed: neither its count nor its figures are shown. Where the
suppressed ones of a set of sibling groups (the municipalities of a region, the months of a period) hold fewer than
MINIMUM answers together while their total is shown, the smallest shown siblings are suppressed too until they hold
MINIMUM or more, so that no group of fewer than MINIMUM can be worked out as the total minus the rest (secondary
suppression; one suppressed group, or several small ones together)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

MINIMUM = 5  # issue 17: "never for groups smaller than 5 answers"


@dataclass(frozen=True)
class Antwoord:
    gemeente: str
    periode: str  # YYYY-MM, the Dutch month it was given
    moment: str
    scores: dict[str, int]


@dataclass(frozen=True)
class Cel:
    thema: str
    aantal: int  # kept for the sums; a suppressed cell shows none of it
    gemiddelde: float | None
    aandeel_positief: float | None
    onderdrukt: bool

    @property
    def getoond_aantal(self) -> int | None:
        return None if self.onderdrukt else self.aantal


def thema_scores(scores: dict[str, int], thema_van: dict[str, str]) -> dict[str, float]:
    per: dict[str, list[int]] = {}
    for stelling, score in scores.items():
        if stelling in thema_van:
            per.setdefault(thema_van[stelling], []).append(score)
    return {thema: sum(s) / len(s) for thema, s in per.items()}


def cellen(antwoorden: Iterable[Antwoord], themas: Sequence[str], thema_van: dict[str, str], positief_vanaf: int) -> list[Cel]:
    per: dict[str, list[float]] = {t: [] for t in themas}
    for antwoord in antwoorden:
        for thema, score in thema_scores(antwoord.scores, thema_van).items():
            per.setdefault(thema, []).append(score)
    out = []
    for thema in themas:
        scores = per[thema]
        n = len(scores)
        if n < MINIMUM:
            out.append(Cel(thema, n, None, None, onderdrukt=True))
        else:
            positief = sum(1 for s in scores if s >= positief_vanaf)
            out.append(Cel(thema, n, round(sum(scores) / n, 2), round(positief / n, 3), onderdrukt=False))
    return out


def onderdruk_samen(groepen: list[list[Cel]]) -> list[list[Cel]]:
    """Secondary suppression per theme over sibling groups (each a list of cells in the same theme order)."""
    if len(groepen) < 2:
        return groepen
    result = [list(g) for g in groepen]
    for i in range(len(result[0])):
        column = [g[i] for g in result]
        hidden = sum(c.aantal for c in column if c.onderdrukt)
        shown = sorted((c.aantal, j) for j, c in enumerate(column) if not c.onderdrukt)
        while 0 < hidden < MINIMUM and shown:  # total minus the shown ones would reveal fewer than MINIMUM answers
            aantal, j = shown.pop(0)
            result[j][i] = replace(result[j][i], gemiddelde=None, aandeel_positief=None, onderdrukt=True)
            hidden += aantal
    return result
