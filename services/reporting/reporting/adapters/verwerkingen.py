"""How reporting's rows name their data subject: the journey carries the client id, its items the journey."""

from __future__ import annotations

from journey_platform.privacy.subjects import Lookup, SubjectLinks
from reporting.adapters.orm import Traject

SUBJECTS = SubjectLinks(
    columns=("client_id",),
    via={"traject_id": Lookup(Traject.__table__, "id", "client_id")},
    path={"trajectId": "traject_id"},
)
