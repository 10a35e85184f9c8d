"""A synthetic client's housing events (reporting.tests_support.Client)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from journey_platform.contracts import housing
from journey_platform.dutch_calendar import NL, add_months
from journey_platform.messaging.envelope import CloudEvent
from reporting.testing.events import JourneyIds, at, emit


class HousingEvents(JourneyIds):
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
