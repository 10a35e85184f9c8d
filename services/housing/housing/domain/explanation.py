"""A readable explanation of a proposal: which constraints held and what the score was made of."""

from __future__ import annotations

from dataclasses import dataclass

from housing.domain import rules
from housing.domain.model import Candidate, MatchingPolicy, Unit

_PART_WORDS = {
    "voorkeur": "municipality the client prefers",
    "herkomst": "home in the municipality of origin",
    "wachttijd": "waiting time since ready to leave",
    "urgentie": "urgent",
    "ondersteuning": "support available nearby",
}


def what_came_first(c: Candidate, municipality: str) -> str:
    """Which concern led for this municipality: the client's wish, the municipality of origin, or neither."""
    if municipality in c.preferences:
        rank = c.preferences.index(municipality) + 1
        asked_origin = " (the municipality of origin, asked for by the client)" if municipality == c.origin else ""
        return f"the client's own wish came first: preference {rank} of {len(c.preferences)}{asked_origin}"
    if rules.origin_counts(c) and municipality == c.origin:
        why = "the support plan says so" if c.origin_by_plan else "the client stated no preference"
        return f"the municipality of origin came first: {why}"
    if c.preferences:
        return "not one of the client's wishes: waiting time and support decided"
    return "the client stated no preference: waiting time and support decided"


@dataclass(frozen=True)
class Explanation:
    checks: list[rules.Check]
    parts: dict[str, float]
    first: str = ""

    @property
    def eligible(self) -> bool:
        return all(check.held for check in self.checks)

    @property
    def score(self) -> float:
        return round(sum(self.parts.values()), 2)

    def summary(self) -> str:
        held = ", ".join(check.rule for check in self.checks if check.held)
        failed = [f"{check.rule} ({check.reason})" for check in self.checks if not check.held]
        parts = "; ".join(f"{_PART_WORDS[name]} +{points:g}" for name, points in self.parts.items() if points)
        lead = f" {self.first[0].upper()}{self.first[1:]}." if self.first else ""
        text = f"Score {self.score:g}: {parts or 'no points'}.{lead} Constraints held: {held or 'none'}."
        return text + (f" Not met: {'; '.join(failed)}." if failed else "")

    def as_dict(self) -> dict[str, object]:
        return {
            "samenvatting": self.summary(),
            "score": self.score,
            "scoreOpbouw": dict(self.parts),
            "eersteOverweging": self.first,
            "voorwaarden": [{"regel": c.rule, "voldaan": c.held, "toelichting": c.reason} for c in self.checks],
        }


def explain(candidate: Candidate, unit: Unit, policy: MatchingPolicy, capacity_left: int | None) -> Explanation:
    return Explanation(
        checks=rules.checks(candidate, unit, policy, capacity_left),
        parts=rules.score_parts(candidate, unit, policy.weights),
        first=what_came_first(candidate, unit.municipality),
    )
