"""The waiting-list step (service_layer/waitlist.py) against fake repositories: joining on a BW decision, offers when
a place is free, declining, leaving. No database: placement/fakes.py."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from journey_platform.contracts import intake as iv
from journey_platform.contracts import placement as ev
from journey_platform.errors import Conflict, Forbidden
from placement.fakes import CENTRAL_ACCESS, PROVIDER, FakeUnitOfWork, context, facility, journey
from placement.service_layer import waitlist, waitlist_offers


def bw_grant(
    traject_id: uuid.UUID, *, urgent: bool = False, kind: iv.Voorziening = iv.Voorziening.beschermd_wonen
) -> iv.BeschikkingAfgegeven:
    return iv.BeschikkingAfgegeven(
        traject_id=traject_id,
        client_id=uuid.uuid4(),
        beschikking_id=uuid.uuid4(),
        melding_id=uuid.uuid4(),
        besluit=iv.Besluit.toekenning,
        voorziening=kind,
        soort="nieuw",
        geldig_van=date(2026, 3, 2),
        geldig_tot=None,
        besluit_datum=date(2026, 3, 2),
        binnen_termijn=True,
        nieuwe_client=True,
        verantwoordelijke_gemeente="GM0193",
        regio="ijssel-vecht",
        reden_code=None,
        urgent=urgent,
    )


async def test_a_bw_grant_joins_the_list_and_gets_the_free_place_at_once() -> None:
    uow = FakeUnitOfWork()
    place = facility(uow, places=1)
    traject = journey(uow)

    await waitlist.join_on_decision(uow, context(), traject, bw_grant(traject.id))

    (entry,) = uow.waiting_list.entries.values()
    assert (entry.status, entry.aanbod_voorziening_id) == ("aanbod", place.id)
    assert uow.published_types() == ["AangemeldOpWachtlijst", "WachtlijstAanbodGedaan"]
    assert place.id in uow.facilities.locked


async def test_without_a_free_place_the_client_waits() -> None:
    uow = FakeUnitOfWork()
    facility(uow, places=0)
    traject = journey(uow)

    await waitlist.join_on_decision(uow, context(), traject, bw_grant(traject.id))

    (entry,) = uow.waiting_list.entries.values()
    assert entry.status == "wachtend"
    assert uow.published_types() == ["AangemeldOpWachtlijst"]


async def test_a_second_decision_for_the_same_right_does_not_join_again() -> None:
    uow = FakeUnitOfWork()
    traject = journey(uow)
    await waitlist.join_on_decision(uow, context(), traject, bw_grant(traject.id))

    await waitlist.join_on_decision(uow, context(), traject, bw_grant(traject.id))

    assert len(uow.waiting_list.entries) == 1


async def test_no_support_or_an_mo_grant_does_not_join_the_bw_list() -> None:
    uow = FakeUnitOfWork()
    traject = journey(uow)
    refused = bw_grant(traject.id).model_copy(update={"besluit": iv.Besluit.geen_ondersteuning})
    mo = bw_grant(traject.id, kind=iv.Voorziening.mo)

    await waitlist.join_on_decision(uow, context(), traject, refused)
    await waitlist.join_on_decision(uow, context(), traject, mo)

    assert uow.waiting_list.entries == {}
    assert uow.published == []


async def test_declining_keeps_the_place_on_the_list_and_offers_the_place_to_the_next() -> None:
    uow = FakeUnitOfWork()
    place = facility(uow, places=0)
    first, second = journey(uow), journey(uow)
    await waitlist.join_on_decision(uow, context(), first, bw_grant(first.id, urgent=True))
    await waitlist.join_on_decision(uow, context(), second, bw_grant(second.id))
    place.capaciteit_plaatsen = 1
    await waitlist_offers.offer_in_region(uow, context(), place.regio, "beschermd-wonen")
    offered, waiting = sorted(uow.waiting_list.entries.values(), key=lambda e: e.status)
    assert (offered.traject_id, offered.status) == (first.id, "aanbod")  # urgent goes first
    uow.published.clear()

    await waitlist.wijs_aanbod_af(offered.id, uow, CENTRAL_ACCESS, context())

    assert (offered.status, offered.aanbod_voorziening_id) == ("wachtend", None)
    assert (waiting.status, waiting.aanbod_voorziening_id) == ("aanbod", place.id)
    assert uow.published_types() == ["WachtlijstAanbodAfgewezen", "WachtlijstAanbodGedaan"]
    assert uow.committed


async def test_only_the_regions_central_access_point_runs_the_list() -> None:
    uow = FakeUnitOfWork()
    traject = journey(uow)
    await waitlist.join_on_decision(uow, context(), traject, bw_grant(traject.id))
    (entry,) = uow.waiting_list.entries.values()

    with pytest.raises(Forbidden):
        await waitlist.verlaat(entry.id, "teruggetrokken", uow, PROVIDER, context())
    with pytest.raises(Conflict):
        await waitlist.wijs_aanbod_af(entry.id, uow, CENTRAL_ACCESS, context())  # no open offer


async def test_leaving_with_an_offer_releases_the_place_to_the_next_client() -> None:
    uow = FakeUnitOfWork()
    place = facility(uow, places=1)
    first, second = journey(uow), journey(uow)
    await waitlist.join_on_decision(uow, context(), first, bw_grant(first.id))
    await waitlist.join_on_decision(uow, context(), second, bw_grant(second.id))
    entries = {e.traject_id: e for e in uow.waiting_list.entries.values()}
    assert entries[first.id].status == "aanbod"

    await waitlist.leave_on_journey_closed(uow, context(), first.id)

    assert (entries[first.id].status, entries[first.id].reden_verlaten) == ("verlaten", "traject-afgesloten")
    assert (entries[second.id].status, entries[second.id].aanbod_voorziening_id) == ("aanbod", place.id)
    left = [c for c in uow.published if isinstance(c, ev.WachtlijstVerlaten)]
    assert [c.reden_code for c in left] == ["traject-afgesloten"]


async def test_a_new_responsible_municipality_moves_the_waiting_entry() -> None:
    uow = FakeUnitOfWork()
    traject = journey(uow)
    await waitlist.join_on_decision(uow, context(), traject, bw_grant(traject.id))
    traject.verantwoordelijke_gemeente, traject.regio = "GM0150", "midden-ijssel"

    await waitlist.follow_responsible_municipality(uow, traject)

    (entry,) = uow.waiting_list.entries.values()
    assert (entry.gemeente, entry.regio) == ("GM0150", "midden-ijssel")
