"""How intake's rows name their data subject (the person id, which is the client id of every event)."""

from __future__ import annotations

from intake.adapters.identity_orm import MogelijkeDubbele, Samenvoeging
from intake.adapters.orm import Melding, Toestemming, Traject, Wissing
from journey_platform.privacy.subjects import CLIENT, Lookup, SubjectLinks

SUBJECTS = SubjectLinks(
    columns=("persoon_id",),
    own_id=frozenset({"personen"}),
    via={
        "traject_id": Lookup(Traject.__table__, "id", "persoon_id"),
        "melding_id": Lookup(Melding.__table__, "id", "persoon_id"),
        "toestemming": Lookup(Toestemming.__table__, "id", "persoon_id"),  # path only
        "wissing": Lookup(Wissing.__table__, "id", "persoon_id"),  # path only
        "mogelijke_dubbele": Lookup(MogelijkeDubbele.__table__, "id", "persoon_id"),  # path only
        "samenvoeging": Lookup(Samenvoeging.__table__, "id", "overblijvend_persoon_id"),  # path only
    },
    path={
        "persoonId": CLIENT,
        "trajectId": "traject_id",
        "meldingId": "melding_id",
        "toestemmingId": "toestemming",
        "wisverzoekId": "wissing",
        "mogelijkeDubbeleId": "mogelijke_dubbele",
        "samenvoegingId": "samenvoeging",
    },
)
