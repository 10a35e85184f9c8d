"""Builders of synthetic events for tests, the replay benchmark and the browser test: real contracts, made-up ids.

`j = Client()` is one client on one journey; `j.melding(date(2024, 1, 5))` etc. return CloudEvents with
the business moment given and the CloudEvents time equal to it unless `recorded` says otherwise
(a late event is recorded after the moment it describes).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from journey_platform.contracts import housing, intake, placement
from journey_platform.contracts.base import EventContract
from journey_platform.dutch_calendar import NL, add_months
from journey_platform.messaging.envelope import CloudEvent, new_event
from reporting.domain.indicators.history import Fact, History
from reporting.service_layer.projector import record

OIN = "00000001003214345000"


def at(day: date | datetime, hour: int = 12) -> datetime:
    """12:00 UTC on a day; a datetime (e.g. 23:30 UTC on 31 December, already 1 January in Dutch time) as it is."""
    if isinstance(day, datetime):
        return day
    return datetime.combine(day, time(hour), UTC)


def emit(contract: EventContract, moment: datetime, recorded: datetime | None = None) -> CloudEvent:
    return new_event(contract, f"urn:nld:oin:{OIN}:systeem:{type(contract).producer}", time=recorded or moment)


def history(*events: CloudEvent) -> History:
    stored = [record(e) for e in events]
    return History([Fact.of(g.event_type, g.tijdstip, g.traject_id, g.data) for g in stored])


def facility(
    kind: str = "acute-opvang",
    places: int = 32,
    gemeente: str = "GM0193",
    provider: str = "leger-des-heils",
    on: date = date(2023, 1, 1),
    facility_id: uuid.UUID | None = None,
) -> CloudEvent:
    return emit(
        placement.VoorzieningGeregistreerd(
            voorziening_id=facility_id or uuid.uuid4(),
            type=kind,
            zorgaanbieder=provider,
            gemeente=gemeente,
            regio=None,
            capaciteit_plaatsen=places,
            eenpersoonskamers=0,
        ),
        at(on),
    )


@dataclass
class Client:
    gemeente: str = "GM0150"
    herkomst: str | None = None
    client_id: uuid.UUID = field(default_factory=uuid.uuid4)
    traject_id: uuid.UUID = field(default_factory=uuid.uuid4)
    melding_id: uuid.UUID = field(default_factory=uuid.uuid4)

    def new_journey(self) -> Client:
        """The same person on a new journey (a return after a closed one)."""
        return Client(self.gemeente, self.herkomst, self.client_id)

    def _ids(self) -> dict[str, Any]:
        return {"traject_id": self.traject_id, "client_id": self.client_id}

    def melding(
        self, on: date, route: str = "huisuitzetting", nieuw: bool = True, herhaal: bool = False, recorded: datetime | None = None
    ) -> CloudEvent:
        return emit(
            intake.MeldingGeregistreerd(
                **self._ids(),
                melding_id=self.melding_id,
                meld_datum=on,
                gemeld_op=at(on),
                beslistermijn=on + timedelta(weeks=8),
                melder_type="politie",
                situatie="dakloos",
                route=route,
                gemeente_melding=self.gemeente,
                gemeente_van_herkomst=self.herkomst,
                verantwoordelijke_gemeente=self.gemeente,
                regio=None,
                huishouden_grootte=1,
                aantal_kinderen=0,
                aandachtspunten=[],
                herhaalmelding=herhaal,
                nieuw_traject=nieuw,
            ),
            at(on),
            recorded,
        )

    def onderzoek(self, on: date | datetime, door: str = "CT-MIDDEN-IJSSEL") -> CloudEvent:
        return emit(
            intake.OnderzoekGestart(
                **self._ids(), onderzoek_id=uuid.uuid4(), melding_id=self.melding_id, uitgevoerd_door=door, met_psychiater=False
            ),
            at(on),
        )

    def besluit(
        self, on: date, voorziening: str = "mo", besluit: str = "toekenning", recorded: datetime | None = None
    ) -> CloudEvent:
        return emit(
            intake.BeschikkingAfgegeven(
                **self._ids(),
                beschikking_id=uuid.uuid4(),
                melding_id=self.melding_id,
                besluit=besluit,
                voorziening=voorziening if besluit == "toekenning" else None,
                soort="nieuw",
                geldig_van=on,
                geldig_tot=None,
                besluit_datum=on,
                binnen_termijn=True,
                nieuwe_client=True,
                verantwoordelijke_gemeente=self.gemeente,
                regio=None,
                reden_code=None,
            ),
            at(on),
            recorded,
        )

    def afgesloten(self, on: date | datetime) -> CloudEvent:
        return emit(
            intake.MeldingAfgesloten(
                **self._ids(), melding_id=self.melding_id, reden_code="persoon-vertrokken", zonder_vervolg=True
            ),
            at(on),
        )

    def kort_verblijf(self, on: date | datetime) -> CloudEvent:
        return emit(
            intake.KortVerblijfToegekend(
                **self._ids(),
                melding_id=self.melding_id,
                gemeente_melding=self.gemeente,
                regio_melding=None,
                gemeente_van_herkomst=self.herkomst,
                regio_van_herkomst=None,
                nachten=2,
                dagen=3,
                eindigt_op=at(on + timedelta(days=3)),
            ),
            at(on),
        )

    def gemeente_gewijzigd(self, on: date | datetime, naar: str) -> CloudEvent:
        return emit(
            intake.VerantwoordelijkeGemeenteGewijzigd(**self._ids(), van_gemeente=self.gemeente, naar_gemeente=naar, regio=None),
            at(on),
        )

    def opname(
        self,
        on: date | datetime,
        facility_id: uuid.UUID,
        kind: str = "acute-opvang",
        gemeente: str | None = None,
        provider: str = "leger-des-heils",
        kort: bool = False,
        opname_id: uuid.UUID | None = None,
        recorded: datetime | None = None,
        bed_en_break: bool = False,
    ) -> CloudEvent:
        return emit(
            placement.OpnameGeregistreerd(
                **self._ids(),
                opname_id=opname_id or uuid.uuid4(),
                voorziening_id=facility_id,
                voorziening_type=kind,
                zorgaanbieder=provider,
                gemeente=gemeente or self.gemeente,
                regio=None,
                opgenomen_op=at(on),
                uiterlijk_tot=None,
                kort_verblijf_buiten_regio=kort,
                bed_en_break=bed_en_break,
            ),
            at(on),
            recorded,
        )

    def weigering(self, on: date | datetime, reden: str = "plaatsgebrek", bestemming: str | None = None) -> CloudEvent:
        return emit(
            placement.OpnameGeweigerd(
                **self._ids(),
                weigering_id=uuid.uuid4(),
                voorziening_id=None,
                gemeente=self.gemeente,
                regio=None,
                reden_code=reden,
                alternatief_code=None,
                bestemming_code=bestemming,
                geweigerd_op=at(on),
            ),
            at(on),
        )

    def plaatsing(
        self,
        on: date | datetime,
        facility_id: uuid.UUID,
        kind: str = "beschermd-wonen",
        provider: str = "ribw",
        plaatsing_id: uuid.UUID | None = None,
        van: uuid.UUID | None = None,
    ) -> CloudEvent:
        return emit(
            placement.PlaatsingGerealiseerd(
                **self._ids(),
                plaatsing_id=plaatsing_id or uuid.uuid4(),
                voorziening_id=facility_id,
                voorziening_type=kind,
                zorgaanbieder=provider,
                gemeente=self.gemeente,
                regio=None,
                geplaatst_op=at(on),
                van_wachtlijst=van is None,
                overplaatsing_van=van,
            ),
            at(on),
        )

    def wachtlijst(self, on: date | datetime, wachtlijst_id: uuid.UUID, lijst: str = "beschermd-wonen") -> CloudEvent:
        return emit(
            placement.AangemeldOpWachtlijst(
                **self._ids(),
                wachtlijst_id=wachtlijst_id,
                beschikking_id=None,
                voorziening=lijst,
                gemeente=self.gemeente,
                regio=None,
                aangemeld_op=at(on),
                prioriteit=3,
            ),
            at(on),
        )

    def wachtlijst_verlaten(
        self, on: date | datetime, wachtlijst_id: uuid.UUID, dagen: int, reden: str = "geplaatst"
    ) -> CloudEvent:
        return emit(
            placement.WachtlijstVerlaten(
                **self._ids(), wachtlijst_id=wachtlijst_id, reden_code=reden, verlaten_op=at(on), wachttijd_dagen=dagen
            ),
            at(on),
        )

    def uitstroomgereed(self, on: date | datetime) -> CloudEvent:
        return emit(
            placement.UitstroomgereedVerklaard(
                **self._ids(),
                verklaard_op=at(on),
                gemeente_van_herkomst=self.herkomst,
                verantwoordelijke_gemeente=self.gemeente,
                regio=None,
                huishouden_grootte=1,
                gemeente_voorkeuren=[],
                max_huur=700.0,
            ),
            at(on),
        )

    def uitgestroomd(
        self,
        on: date | datetime,
        facility_id: uuid.UUID,
        stay_id: uuid.UUID,
        bestemming: str = "eigen-woning",
        kind: str = "acute-opvang",
        terug: bool | None = None,
        dagen: int = 0,
    ) -> CloudEvent:
        return emit(
            placement.Uitgestroomd(
                **self._ids(),
                verblijf_id=stay_id,
                voorziening_id=facility_id,
                voorziening_type=kind,
                uitgestroomd_op=at(on),
                bestemming=bestemming,
                terug_naar_gemeente_van_herkomst=terug,
                verblijfsduur_dagen=dagen,
            ),
            at(on),
        )

    def verhuisd(self, on: date | datetime, gemeente: str | None = None, dagen: int = 0) -> CloudEvent:
        home = gemeente or self.gemeente
        return emit(
            housing.Verhuisd(
                **self._ids(),
                woning_id=uuid.uuid4(),
                woning_type="sociale-huur",
                housing_first=False,
                gemeente=home,
                wijk="centrum",
                regio=None,
                verhuisd_op=at(on),
                dagen_sinds_uitstroomgereed=dagen,
                gemeente_van_herkomst=self.herkomst,
                terug_naar_gemeente_van_herkomst=(home == self.herkomst) if self.herkomst else None,
            ),
            at(on),
        )

    def checklist(self, on: date | datetime, opname_id: uuid.UUID, item: str) -> CloudEvent:
        return emit(
            placement.ChecklistItemAfgerond(**self._ids(), opname_id=opname_id, item=item, afgerond_op=at(on), op_tijd=True),
            at(on),
        )

    def overdracht_bevestigd(self, on: date | datetime) -> CloudEvent:
        return emit(
            housing.WarmeOverdrachtBevestigd(
                **self._ids(), overdracht_id=uuid.uuid4(), gemeente=self.gemeente, bevestigd_op=at(on)
            ),
            at(on),
        )

    def nazorgplan(
        self, on: date | datetime, plan_id: uuid.UUID, gemeente: str | None = None, maanden: tuple[int, ...] = (1, 3, 6, 12)
    ) -> CloudEvent:
        """Housing's aftercare plan after a move on `on`: follow-ups `maanden` calendar months on, 14 days' grace."""
        moved = at(on)
        start = moved.astimezone(NL).date()
        return emit(
            housing.NazorgplanOpgesteld(
                **self._ids(),
                nazorgplan_id=plan_id,
                gemeente=gemeente or self.gemeente,
                regio=None,
                bron=housing.NazorgBron.verhuizing,
                gestart_op=moved,
                contactmomenten=[add_months(start, m) for m in maanden],
                termijn_dagen=14,
                contactpersoon_organisatie=gemeente or self.gemeente,
                contactpersoon_rol="lokaal-team",
                aandachtspunten=list(housing.Aandachtspunt),
            ),
            moved,
        )

    def nazorgcontact(
        self, on: date | datetime, plan_id: uuid.UUID, volgnummer: int, gepland: date, uitkomst: str = "stabiel"
    ) -> CloudEvent:
        return emit(
            housing.NazorgcontactVastgelegd(
                **self._ids(),
                nazorgplan_id=plan_id,
                nazorgcontact_id=uuid.uuid4(),
                volgnummer=volgnummer,
                gepland_op=gepland,
                contact_op=at(on),
                op_tijd=True,  # as housing judged it; the indicator judges again from the plan's dates
                uitkomst=housing.NazorgUitkomst(uitkomst),
                gemeente=self.gemeente,
            ),
            at(on),
        )

    def terugvalsignaal(
        self, on: date | datetime, plan_id: uuid.UUID, bron: str, signaal: str, gemeente: str | None = None
    ) -> CloudEvent:
        return emit(
            housing.TerugvalsignaalGemeld(
                **self._ids(),
                nazorgplan_id=plan_id,
                terugvalsignaal_id=uuid.uuid4(),
                gemeente=gemeente or self.gemeente,
                bron=housing.TerugvalBron(bron),
                signaal=housing.TerugvalSignaal(signaal),
                gemeld_door=gemeente or self.gemeente,
                gemeld_op=at(on),
            ),
            at(on),
        )

    def preventiezaak(self, on: date | datetime, signaal_type: str, gemeente: str | None = None) -> CloudEvent:
        return emit(
            intake.PreventiezaakGeopend(
                **self._ids(),
                preventiezaak_id=uuid.uuid4(),
                signaal_type=signaal_type,
                gemeente=gemeente or self.gemeente,
                woningcorporatie="dewoonplaats",
                huishouden_grootte=1,
                woning_nodig=False,
            ),
            at(on),
        )


async def feed(container: Any, events: list[CloudEvent]) -> None:
    """Project events the way the consumer does: one unit of work per event, committed after the handler."""
    from reporting.service_layer.projector import project_event

    for event in events:
        async with container.uow() as uow:
            await project_event(event, uow)
            await uow.commit()


def synthetic_events(clients: int, seed: int = 1, year: int = 2024) -> list[CloudEvent]:
    """A year in Midden-IJssel: every other client through the shelter to a home, the others into BW."""
    rng = random.Random(seed)
    shelter, bw = uuid.uuid4(), uuid.uuid4()
    events = [
        facility("acute-opvang", 12, "GM0150", facility_id=shelter),
        facility("beschermd-wonen", 20, "GM0301", "ribw", facility_id=bw),
    ]
    for i in range(clients):
        c = Client(rng.choice(["GM0150", "GM0262", "GM0301"]), herkomst=rng.choice(["GM0150", "GM0177", None]))
        start = date(year, 1, 1) + timedelta(days=rng.randrange(300))
        stay = uuid.uuid4()
        events += [c.melding(start), c.onderzoek(start + timedelta(2)), c.besluit(start + timedelta(rng.randrange(20, 80)))]
        if i % 2:
            events += [
                c.opname(start + timedelta(3), shelter, opname_id=stay),
                c.uitstroomgereed(start + timedelta(40)),
                c.uitgestroomd(start + timedelta(50), shelter, stay),
                c.verhuisd(start + timedelta(50), gemeente=c.herkomst),
            ]
        else:
            events += [c.plaatsing(start + timedelta(30), bw)]
    return events
