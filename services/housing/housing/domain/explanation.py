"""A readable explanation of a proposal: which constraints held and what the score was made of."""

from __future__ import annotations

from dataclasses import dataclass

from housing.domain import rules
from housing.domain.model import Candidate, MatchingPolicy, Unit

_PART_WORDS = {
    "herkomst": "home in the municipality of origin",
    "voorkeur": "municipality the client prefers",
    "wachttijd": "waiting time since ready to leave",
    "urgentie": "urgent",
    "ondersteuning": "support available nearby",
}


@dataclass(frozen=True)
class Explanation:
    checks: list[rules.Check]
    parts: dict[str, float]

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
        text = f"Score {self.score:g}: {parts or 'no points'}. Constraints held: {held or 'none'}."
        return text + (f" Not met: {'; '.join(failed)}." if failed else "")

    def as_dict(self) -> dict[str, object]:
        return {
            "samenvatting": self.summary(),
            "score": self.score,
            "scoreOpbouw": dict(self.parts),
            "voorwaarden": [{"regel": c.rule, "voldaan": c.held, "toelichting": c.reason} for c in self.checks],
        }


def explain(candidate: Candidate, unit: Unit, policy: MatchingPolicy, capacity_left: int | None) -> Explanation:
    return Explanation(
        checks=rules.checks(candidate, unit, policy, capacity_left),
        parts=rules.score_parts(candidate, unit, policy.weights),
    )
