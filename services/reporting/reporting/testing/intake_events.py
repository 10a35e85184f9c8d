"""A synthetic client's intake events (reporting.tests_support.Client)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from journey_platform.contracts import intake
from journey_platform.messaging.envelope import CloudEvent
from reporting.testing.events import JourneyIds, at, emit


class IntakeEvents(JourneyIds):
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
