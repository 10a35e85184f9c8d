"""How placement's rows name their data subject (the client id of intake's events)."""

from __future__ import annotations

from sqlalchemy import select

from journey_platform.privacy.subjects import Lookup, SubjectLinks
from placement.adapters.orm import Ondersteuningsplan, Traject, Verblijf, WachtlijstAanmelding

_PLAN_CLIENT = (
    select(Ondersteuningsplan.id.label("id"), Traject.client_id.label("client_id"))
    .join(Traject, Traject.id == Ondersteuningsplan.traject_id)
    .subquery()
)

SUBJECTS = SubjectLinks(
    columns=("client_id",),
    via={
        "traject_id": Lookup(Traject.__table__, "id", "client_id"),
        "verblijf_id": Lookup(Verblijf.__table__, "id", "client_id"),
        "plan_id": Lookup(_PLAN_CLIENT, "id", "client_id"),
        "wachtlijst_aanmelding": Lookup(WachtlijstAanmelding.__table__, "id", "client_id"),  # path only
    },
    path={
        "trajectId": "traject_id",
        "verblijfId": "verblijf_id",
        "planId": "plan_id",
        "wachtlijstAanmeldingId": "wachtlijst_aanmelding",
    },
)
