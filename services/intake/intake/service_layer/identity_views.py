"""What intake answers about identity: possible duplicates, merges and their splits (camelCase on the wire)."""

from __future__ import annotations

import uuid
from datetime import datetime

from intake.adapters.identity_orm import Samenvoeging
from intake.service_layer.views import PersoonView, View


class MogelijkeDubbeleView(View):
    """Two persons that look alike, for central access to judge: both with their details (personal data)."""

    id: uuid.UUID
    persoon: PersoonView
    kandidaat: PersoonView
    overeenkomende_velden: list[str]
    status: str
    gevonden_op: datetime
    beoordeeld_door: str | None
    beoordeeld_op: datetime | None
    reden: str | None


class SamenvoegingView(View):
    id: uuid.UUID
    overblijvend_persoon_id: uuid.UUID
    opgegaan_persoon_id: uuid.UUID
    traject_ids: list[uuid.UUID]
    mogelijke_dubbele_id: uuid.UUID | None
    reden: str | None
    samengevoegd_door: str
    samengevoegd_op: datetime
    splitsing_id: uuid.UUID | None
    splitsreden: str | None
    gesplitst_door: str | None
    gesplitst_op: datetime | None


class IdentificatieView(View):
    """Who the person is now: the same person with the identity added, or the known person it was merged into."""

    persoon_id: uuid.UUID
    samenvoeging_id: uuid.UUID | None


def samenvoeging_view(s: Samenvoeging, reden: str | None, splitsreden: str | None = None) -> SamenvoegingView:
    return SamenvoegingView(
        id=s.id,
        overblijvend_persoon_id=s.overblijvend_persoon_id,
        opgegaan_persoon_id=s.opgegaan_persoon_id,
        traject_ids=[uuid.UUID(t) for t in s.traject_ids],
        mogelijke_dubbele_id=s.mogelijke_dubbele_id,
        reden=reden,
        samengevoegd_door=s.samengevoegd_door,
        samengevoegd_op=s.samengevoegd_op,
        splitsing_id=s.splitsing_id,
        splitsreden=splitsreden,
        gesplitst_door=s.gesplitst_door,
        gesplitst_op=s.gesplitst_op,
    )
