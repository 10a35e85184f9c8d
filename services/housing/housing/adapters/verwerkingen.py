"""How housing's rows name their data subject: candidates carry the client id, the rest their candidate."""

from __future__ import annotations

from sqlalchemy import select

from housing.adapters.orm import Aanbod, Kandidaat, Nazorgcontact, Nazorgplan, Terugvalsignaal, Traject, Voorstel
from journey_platform.privacy.subjects import Lookup, SubjectLinks


def _client_via_candidate(entity: type[Aanbod] | type[Voorstel]) -> Lookup:
    joined = (
        select(entity.id.label("id"), Kandidaat.client_id.label("client_id"))
        .join(Kandidaat, Kandidaat.id == entity.kandidaat_id)
        .subquery()
    )
    return Lookup(joined, "id", "client_id")


def _client_via_plan(entity: type[Nazorgcontact] | type[Terugvalsignaal]) -> Lookup:
    joined = (
        select(entity.id.label("id"), Nazorgplan.client_id.label("client_id"))
        .join(Nazorgplan, Nazorgplan.id == entity.nazorgplan_id)
        .subquery()
    )
    return Lookup(joined, "id", "client_id")


SUBJECTS = SubjectLinks(
    columns=("client_id",),
    via={
        # first: a follow-up's or relapse signal's plan names its client, also for a plan without a candidate (a BW
        # discharge), where the signal's traject_id finds no candidate (link_of takes the first column a table has)
        "nazorgplan_id": Lookup(Nazorgplan.__table__, "id", "client_id"),
        "kandidaat_id": Lookup(Kandidaat.__table__, "id", "client_id"),
        "traject_id": Lookup(Kandidaat.__table__, "traject_id", "client_id"),
        "aanbod": _client_via_candidate(Aanbod),  # path only
        "voorstel": _client_via_candidate(Voorstel),  # path only
        "traject": Lookup(Traject.__table__, "id", "client_id"),  # path only: the journey as housing follows it
        "nazorgplan": Lookup(Nazorgplan.__table__, "id", "client_id"),  # path only: an aftercare plan
        "nazorgcontact": _client_via_plan(Nazorgcontact),  # path only
        "terugvalsignaal": _client_via_plan(Terugvalsignaal),  # path only
    },
    path={
        "kandidaatId": "kandidaat_id",
        "aanbodId": "aanbod",
        "voorstelId": "voorstel",
        "trajectId": "traject",
        "nazorgplanId": "nazorgplan",
        "nazorgcontactId": "nazorgcontact",
        "terugvalsignaalId": "terugvalsignaal",
    },
)
