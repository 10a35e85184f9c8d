"""Peer experts in the guidance (seed 001 §8.1: people with lived experience of homelessness "structureel betrokken in
de beleidscyclus en in hulpverlening"; issue 17 item 2; docs/experience.md): plans that name an ervaringsdeskundige.

Attribution: a support plan by the journey's responsible municipality; an aftercare plan by the plan's municipality
(the new home's local team does the aftercare, as in aftercare.py).
"""

from __future__ import annotations

from reporting.domain.indicators.common import Values, Window, percentage
from reporting.domain.indicators.history import Fact, Snapshot


def _with_peer(facts: list[Fact]) -> int:
    return sum(1 for f in facts if f.data.get("ervaringsdeskundigeBetrokken") is True)


def plannen_met_ervaringsdeskundige(s: Snapshot, w: Window) -> Values:
    """Support plans with a version agreed in the period (`ondersteuningsplannen`; the plan's last version in the
    period decides) and aftercare plans started in the period (`nazorgplannen`); of each, those naming a peer expert;
    `plannenMetErvaringsdeskundige` both together, and their share of all plans."""
    last: dict[str, Fact] = {}
    for fact in s.named("ondersteuningsplan-vastgesteld"):
        if w.in_period(fact.moment) and w.includes(s.municipality_of(fact.traject_id)):
            key = str(fact.data.get("planId"))
            if key not in last or (fact.moment, fact.data.get("versie", 0)) >= (
                last[key].moment,
                last[key].data.get("versie", 0),
            ):
                last[key] = fact
    support = list(last.values())
    aftercare = [f for f in s.named("nazorgplan-opgesteld") if w.in_period(f.moment) and w.includes(f.data.get("gemeente"))]
    with_peer = _with_peer(support) + _with_peer(aftercare)
    return {
        "ondersteuningsplannen": len(support),
        "ondersteuningsplannenMetErvaringsdeskundige": _with_peer(support),
        "nazorgplannen": len(aftercare),
        "nazorgplannenMetErvaringsdeskundige": _with_peer(aftercare),
        "plannen": len(support) + len(aftercare),
        "plannenMetErvaringsdeskundige": with_peer,
        "aandeelMetErvaringsdeskundige": percentage(with_peer, len(support) + len(aftercare)),
    }
