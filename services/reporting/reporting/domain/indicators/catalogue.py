"""Every indicator: its code, title, unit, headline value and the pure function that computes it.

Exact definitions are in docs/indicators.md; the functions' docstrings say the same in short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reporting.domain.indicators import acute, aftercare, hud, outflow, participation, reports, shelter
from reporting.domain.indicators.common import Values, Window
from reporting.domain.indicators.history import Snapshot


@dataclass(frozen=True)
class Indicator:
    code: str
    titel: str
    eenheid: str  # aantal | procent | maanden | dagen
    kop: str  # the key of the headline value among the computed values
    bereken: Callable[[Snapshot, Window], Values]
    op_peildatum: bool = False  # a stock at the end of the reference date, not a flow over the period


INDICATORS: tuple[Indicator, ...] = (
    Indicator("meldingen", "Meldingen en unieke personen", "aantal", "meldingen", reports.meldingen),
    Indicator(
        "meldingen-zonder-vervolg", "Meldingen zonder vervolg", "aantal", "zonderVervolg", reports.meldingen_zonder_vervolg
    ),
    Indicator(
        "beslissingen-binnen-termijn",
        "Besluiten binnen 8 weken",
        "procent",
        "aandeelBinnenTermijn",
        reports.beslissingen_binnen_termijn,
    ),
    Indicator(
        "openstaande-meldingen",
        "Openstaande meldingen naar resterende dagen",
        "aantal",
        "open",
        reports.openstaande_meldingen,
        op_peildatum=True,
    ),
    Indicator(
        "opvangbezetting",
        "Bezetting maatschappelijke opvang",
        "procent",
        "bezettingsgraad",
        shelter.opvangbezetting,
        op_peildatum=True,
    ),
    Indicator(
        "weigeringen-plaatsgebrek",
        "Weigeringen wegens plaatsgebrek",
        "aantal",
        "wegensPlaatsgebrek",
        shelter.weigeringen_plaatsgebrek,
    ),
    Indicator(
        "kort-verblijf-buiten-regio",
        "Kort verblijf van buiten de regio",
        "aantal",
        "toegekend",
        shelter.kort_verblijf_buiten_regio,
    ),
    Indicator(
        "bw-clienten", "Cliënten beschermd wonen op peildatum", "aantal", "clienten", shelter.bw_clienten, op_peildatum=True
    ),
    Indicator("mo-unieke-clienten", "Unieke cliënten maatschappelijke opvang", "aantal", "clienten", shelter.mo_unieke_clienten),
    Indicator(
        "bw-wachttijd",
        "Gemiddelde wachttijd beschermd wonen",
        "maanden",
        "gemiddeldeWachttijdWachtendenMaanden",
        shelter.bw_wachttijd,
        op_peildatum=True,
    ),
    Indicator(
        "mo-trajecten-langer-dan-3-maanden",
        "MO-trajecten langer dan 3 maanden",
        "procent",
        "aandeelLangerDan3Maanden",
        shelter.mo_trajecten_langer_dan_3_maanden,
        op_peildatum=True,
    ),
    Indicator(
        "uitstroomgereed-tot-gehuisvest",
        "Van uitstroomgereed tot woning",
        "maanden",
        "gemiddeldeMaanden",
        outflow.uitstroomgereed_tot_gehuisvest,
    ),
    Indicator(
        "terugkeer-gemeente-van-herkomst",
        "Terug naar gemeente van herkomst",
        "procent",
        "aandeelTerugNaarHerkomst",
        outflow.terugkeer_gemeente_van_herkomst,
    ),
    Indicator("routes-dakloosheid", "Routes naar dakloosheid", "aantal", "nieuweTrajecten", reports.routes_dakloosheid),
    Indicator("duur-dakloosheid", "Duur dakloosheid (HUD SPM 1)", "dagen", "mediaanNachten", hud.duur_dakloosheid),
    Indicator(
        "terugkeer-dakloosheid",
        "Terugkeer in dakloosheid (HUD SPM 2)",
        "procent",
        "aandeelTeruggekeerd6Maanden",
        hud.terugkeer_dakloosheid,
    ),
    Indicator("eerste-keer-dakloos", "Eerste keer dakloos (HUD SPM 5)", "procent", "aandeelEersteKeer", hud.eerste_keer_dakloos),
    Indicator(
        "mo-verblijfsduur",
        "Gemiddelde verblijfsduur maatschappelijke opvang",
        "maanden",
        "gemiddeldeMaanden",
        acute.mo_verblijfsduur,
    ),
    Indicator(
        "acuut-langer-dan-8-weken",
        "Acute opvang langer dan 8 weken",
        "procent",
        "aandeelLangerDan8Weken",
        acute.acuut_langer_dan_8_weken,
        op_peildatum=True,
    ),
    Indicator(
        "checklist-acuut-verblijf",
        "ID, inkomen en zorgverzekering geregeld tijdens acute opvang",
        "procent",
        "aandeelVolledig",
        acute.checklist_acuut_verblijf,
    ),
    Indicator("woonbehoud", "Woonbehoud na huisvesting (HUD SPM 7b)", "procent", "aandeelBehouden12Maanden", hud.woonbehoud),
    Indicator(
        "nazorg-contacten-op-tijd",
        "Nazorgcontacten op tijd",
        "procent",
        "aandeelOpTijd",
        aftercare.nazorg_contacten_op_tijd,
    ),
    Indicator("terugvalsignalen", "Terugvalsignalen tijdens nazorg", "aantal", "signalen", aftercare.terugvalsignalen),
    Indicator(
        "plannen-met-ervaringsdeskundige",
        "Plannen met een ervaringsdeskundige",
        "aantal",
        "plannenMetErvaringsdeskundige",
        participation.plannen_met_ervaringsdeskundige,
    ),
)

BY_CODE = {i.code: i for i in INDICATORS}
