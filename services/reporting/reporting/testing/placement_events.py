"""A synthetic client's placement events (reporting.tests_support.Client)."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from journey_platform.contracts import placement
from journey_platform.messaging.envelope import CloudEvent
from reporting.testing.events import JourneyIds, at, emit


class PlacementEvents(JourneyIds):
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

    def verhuisd_bij_uitval(self, on: date | datetime, van: uuid.UUID, naar: uuid.UUID) -> CloudEvent:
        """Moved from facility `van` to `naar` when the provider failed (placement's operation of the region)."""
        return emit(
            placement.ClientVerhuisdBijAanbiederuitval(
                **self._ids(),
                operatie_id=uuid.uuid4(),
                van_voorziening_id=van,
                naar_voorziening_id=naar,
                naar_wachtlijst=False,
                verhuisd_op=at(on),
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

    def checklist(self, on: date | datetime, opname_id: uuid.UUID, item: str) -> CloudEvent:
        return emit(
            placement.ChecklistItemAfgerond(**self._ids(), opname_id=opname_id, item=item, afgerond_op=at(on), op_tijd=True),
            at(on),
        )
