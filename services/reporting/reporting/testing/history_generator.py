"""Seeded, realistic multi-region histories in the real event format (issue 18 item 5).

    events = generate(10_000, seed=7)            # about 10,000 CloudEvents over several years and every region

Every event is a contract object (journey_platform.contracts) put in a CloudEvents envelope the way the producers do
(`new_event`, with the producer's `trajectvolgnummer` per journey); nothing here writes JSON by hand. The regions
and municipalities are the reference data's (journey_platform/regions.yaml). Per journey it draws one of the paths
the chain knows: a report closed without follow-up or refused, MO (refusals, admission, checklist, ready to leave,
matching, offers, outflow and a move with a warm handover and aftercare), or BW (the central waiting list, an offer,
placement, a transfer and outflow); some clients change responsible municipality, some return on a new journey,
and a share of the events is registered late (recorded days after the moment it describes, `laatgeregistreerd`).
Used by the equivalence test (tests/unit/test_indicator_read_models.py) and bench/history_scale.py.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta

from journey_platform.contracts import housing, intake, placement
from journey_platform.contracts.base import EventContract
from journey_platform.messaging.envelope import CloudEvent
from journey_platform.reference import Region
from reporting.testing.generated_world import BW_KINDS, MO_KINDS, Facilities, facilities_of, regions, seeded_uuids, sequenced
from reporting.tests_support import Client, at, emit

EVENTS_PER_JOURNEY = 11.5  # the mean over the paths below, measured: used to aim at a number of events


class _Journey:
    """One client's journey as the producers would publish it: events in their order, each with its moment."""

    def __init__(self, rng: random.Random, client: Client, facilities: Facilities, elsewhere: list[str], nieuw: bool) -> None:
        self.rng, self.c, self.f, self.elsewhere, self.nieuw = rng, client, facilities, elsewhere, nieuw
        self.events: list[CloudEvent] = []

    def add(self, *events: CloudEvent) -> None:
        self.events.extend(events)

    def ids(self) -> dict[str, uuid.UUID]:
        return {"traject_id": self.c.traject_id, "client_id": self.c.client_id}

    def emit(self, contract: EventContract, moment: datetime) -> None:
        self.add(emit(contract, moment))

    def days(self, low: int, high: int) -> timedelta:
        return timedelta(days=self.rng.randrange(low, high))

    def walk(self, day: date) -> date:
        rng, c = self.rng, self.c
        self.add(c.melding(day, route=rng.choice([r.value for r in intake.Route]), nieuw=self.nieuw, herhaal=not self.nieuw))
        self.add(c.onderzoek(day + timedelta(days=2)))
        path = rng.random()
        if path < 0.12:
            self.add(c.afgesloten(day + self.days(3, 20)))
            return self.close(day + self.days(20, 40), "zonder-vervolg")
        decided = day + self.days(5, 60)
        if path < 0.2:
            self.add(c.besluit(decided, besluit="geen-ondersteuning"))
            return self.close(decided + self.days(1, 10), "geen-ondersteuning")
        if rng.random() < 0.08:
            self.add(c.gemeente_gewijzigd(decided - timedelta(days=1), naar := rng.choice(self.elsewhere)))
            c.gemeente = naar
        if path < 0.6:
            self.add(c.besluit(decided, voorziening="mo"))
            return self.mo(decided)
        return self.bw(decided)

    def mo(self, day: date) -> date:
        rng, c = self.rng, self.c
        if rng.random() < 0.15:
            self.add(c.weigering(day, reden="plaatsgebrek"))
            day += self.days(1, 5)
        kind = rng.choice(MO_KINDS)
        stay, where = uuid.uuid4(), self.f.pick(rng, kind)
        self.add(c.opname(day, where, kind=kind, opname_id=stay, bed_en_break=False))
        for item in rng.sample(list(placement.ChecklistItem), 2):
            self.add(c.checklist(day + self.days(1, 30), stay, item.value))
        if rng.random() < 0.05:
            stay, where = self.provider_failed(day + self.days(2, 15), where, kind)
        ready = day + self.days(20, 200)
        self.add(c.uitstroomgereed(ready))
        if rng.random() < 0.3:
            left = ready + self.days(5, 90)
            self.add(
                c.uitgestroomd(left, where, stay, bestemming=rng.choice(["familie-of-vrienden", "onbekend-of-straat"]), kind=kind)
            )
            return self.close(left + self.days(30, 120), "inactief")
        return self.housed(ready, where, stay, kind)

    def provider_failed(self, day: date, where: uuid.UUID, kind: str) -> tuple[uuid.UUID, uuid.UUID]:
        """Moved to a place of the kind anywhere: the stay counts where that lies. Outflow then names the facility."""
        other = self.rng.choice(self.f.everywhere[kind])
        failure = placement.ClientVerhuisdBijAanbiederuitval(
            **self.ids(),
            operatie_id=uuid.uuid4(),
            van_voorziening_id=where,
            naar_voorziening_id=other,
            naar_wachtlijst=False,
            verhuisd_op=at(day),
        )
        self.emit(failure, at(day))
        return uuid.uuid4(), other

    def housed(self, ready: date, where: uuid.UUID, stay: uuid.UUID, kind: str) -> date:
        rng, c = self.rng, self.c
        home, offered = uuid.uuid4(), ready + self.days(10, 120)
        self.emit(
            housing.MatchVoorgesteld(
                **self.ids(),
                voorstel_id=uuid.uuid4(),
                kandidaat_id=uuid.uuid4(),
                woning_id=home,
                score=round(rng.random(), 3),
                voorgesteld_op=at(offered),
            ),
            at(offered),
        )
        if rng.random() < 0.25:
            lapsed = uuid.uuid4()
            self.offer(lapsed, home, offered)
            offered += self.days(2, 6)
            self.emit(
                housing.AanbodAfgewezen(
                    **self.ids(),
                    aanbod_id=lapsed,
                    woning_id=home,
                    afgewezen_door="client",
                    reden_code=None,
                    afgewezen_op=at(offered),
                ),
                at(offered),
            )
            home, offered = uuid.uuid4(), offered + self.days(10, 60)
        offer = uuid.uuid4()
        self.offer(offer, home, offered)
        accepted = offered + self.days(1, 6)
        self.emit(
            housing.AanbodGeaccepteerd(**self.ids(), aanbod_id=offer, woning_id=home, geaccepteerd_op=at(accepted)), at(accepted)
        )
        moved = accepted + self.days(7, 30)
        self.add(c.uitgestroomd(moved, where, stay, kind=kind, dagen=(moved - ready).days))
        self.add(c.verhuisd(moved, dagen=(moved - ready).days))
        self.emit(
            housing.WarmeOverdrachtGestart(**self.ids(), overdracht_id=uuid.uuid4(), gemeente=c.gemeente, gestart_op=at(moved)),
            at(moved),
        )
        self.add(c.overdracht_bevestigd(moved + self.days(1, 10)))
        return self.aftercare(moved)

    def offer(self, offer: uuid.UUID, home: uuid.UUID, on: date) -> None:
        made = housing.AanbodGedaan(
            **self.ids(),
            aanbod_id=offer,
            woning_id=home,
            gemeente=self.c.gemeente,
            gedaan_op=at(on),
            verloopt_op=at(on + timedelta(days=7)),
        )
        self.emit(made, at(on))

    def aftercare(self, moved: date) -> date:
        rng, c, plan = self.rng, self.c, uuid.uuid4()
        self.add(c.nazorgplan(moved, plan))
        for number, months in enumerate((1, 3, 6, 12), start=1):
            if rng.random() < 0.8:
                due = moved + timedelta(days=30 * months)
                self.add(
                    c.nazorgcontact(due + self.days(-5, 20), plan, number, due, rng.choice(["stabiel", "stabiel", "zorgen"]))
                )
        if rng.random() < 0.1:
            self.add(c.terugvalsignaal(moved + self.days(30, 300), plan, "lokaal-team", "huurachterstand"))
        return self.close(moved + self.days(365, 400), "gehuisvest-overgedragen")

    def bw(self, day: date) -> date:
        rng, c = self.rng, self.c
        entry, lijst = uuid.uuid4(), rng.choice(BW_KINDS)
        self.add(c.besluit(day, voorziening=lijst), c.wachtlijst(day, entry, lijst))
        where = self.f.pick(rng, lijst)
        offered = day + self.days(10, 300)
        self.emit(
            placement.WachtlijstAanbodGedaan(**self.ids(), wachtlijst_id=entry, voorziening_id=where, aangeboden_op=at(offered)),
            at(offered),
        )
        if rng.random() < 0.15:
            self.add(c.wachtlijst_verlaten(offered + self.days(1, 20), entry, (offered - day).days, reden="teruggetrokken"))
            return self.close(offered + self.days(30, 90), "zonder-vervolg")
        placed = offered + self.days(1, 20)
        self.add(
            c.wachtlijst_verlaten(placed, entry, (placed - day).days),
            c.plaatsing(placed, where, kind=lijst, plaatsing_id=(stay := uuid.uuid4())),
        )
        if rng.random() < 0.2:
            moved, other = placed + self.days(60, 400), self.f.pick(rng, lijst)
            self.add(c.plaatsing(moved, other, kind=lijst, plaatsing_id=(nxt := uuid.uuid4()), van=stay))
            stay, where, placed = nxt, other, moved
        if rng.random() < 0.06:
            placed += self.days(30, 300)
            stay, where = self.provider_failed(placed, where, lijst)
        if rng.random() < 0.5:
            return placed + self.days(200, 900)  # still in BW
        left = placed + self.days(120, 900)
        self.add(c.uitgestroomd(left, where, stay, bestemming="eigen-woning", kind=lijst, dagen=(left - placed).days))
        return self.close(left + self.days(30, 200), "gehuisvest-overgedragen")

    def close(self, day: date, reden: str) -> date:
        self.emit(
            intake.TrajectAfgesloten(
                **self.ids(),
                reden_code=intake.Afsluitreden(reden),
                afgesloten_op=at(day),
                verantwoordelijke_gemeente=self.c.gemeente,
            ),
            at(day),
        )
        return day


def generate(
    events: int,
    seed: int = 1,
    region_count: int | None = None,
    start: date = date(2021, 1, 1),
    years: int = 4,
    late_share: float = 0.03,
) -> list[CloudEvent]:
    """About `events` CloudEvents (journeys are drawn until the count is reached), in the order they were recorded."""
    rng = random.Random(seed)
    with seeded_uuids(random.Random(seed + 1)):
        return _generate(events, rng, regions(region_count), start, years, late_share)


def _generate(
    events: int, rng: random.Random, chosen: list[Region], start: date, years: int, late_share: float
) -> list[CloudEvent]:
    out: list[CloudEvent] = []
    per_region: dict[str, Facilities] = {}
    for region in chosen:
        found, per_region[region.code] = facilities_of(region, rng, start)
        out += [e.model_copy(update={"id": uuid.uuid4()}) for e in found]  # ids from the seed
    for kind in (*MO_KINDS, *BW_KINDS):
        every = [f for found_in in per_region.values() for f in found_in.by_kind[kind]]
        for found_in in per_region.values():
            found_in.everywhere[kind] = every
    everywhere = [m.code for r in chosen for m in r.municipalities]
    clients: list[Client] = []
    span = years * 365
    while len(out) < events:
        region = rng.choice(chosen)
        returning = bool(clients) and rng.random() < 0.08
        if returning:
            known = rng.choice(clients)
            gemeente = known.gemeente if rng.random() < 0.6 else rng.choice(everywhere)  # a return, maybe elsewhere
            client = Client(gemeente, known.herkomst, known.client_id, uuid.uuid4(), uuid.uuid4())
            region = next(r for r in chosen if client.gemeente in {m.code for m in r.municipalities})
        else:
            herkomst = rng.choice([None, None, rng.choice(everywhere)])
            client = Client(
                rng.choice([m.code for m in region.municipalities]), herkomst, uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
            )
            clients.append(client)
        journey = _Journey(rng, client, per_region[region.code], [m.code for m in region.municipalities], not returning)
        journey.walk(start + timedelta(days=rng.randrange(span)))
        out += sequenced(journey.events, rng, late_share)
    return sorted(out, key=lambda e: e.time)
