"""Events produced by placement: facilities, admissions and refusals, the acute stay, support plans,
the central waiting list, placements, trajectory monitoring, ready to leave, discharge, provider failure.

Ids and codes only: no names, no case notes. Attention groups travel only where a consumer must
act on them (a safe facility, a suitable home).
"""

from journey_platform.contracts.placement.common import Bestemming, ChecklistItem, Doelgroep, VoorzieningType
from journey_platform.contracts.placement.facilities import CapaciteitGewijzigd, VoorzieningGeregistreerd
from journey_platform.contracts.placement.leaving import (
    ClientVerhuisdBijAanbiederuitval,
    TrajectcontroleAchterstallig,
    TrajectcontroleUitgevoerd,
    Uitgestroomd,
    UitstroomgereedVerklaard,
)
from journey_platform.contracts.placement.stay import (
    ChecklistItemAfgerond,
    KortVerblijfVerlengd,
    OndersteuningsplanVastgesteld,
    OpnameGeregistreerd,
    OpnameGeweigerd,
    VerblijfMaximumOverschreden,
    VerblijfNadertMaximum,
)
from journey_platform.contracts.placement.waiting_list import (
    AangemeldOpWachtlijst,
    PlaatsingGerealiseerd,
    WachtlijstAanbodAfgewezen,
    WachtlijstAanbodGedaan,
    WachtlijstVerlaten,
)

__all__ = [
    "AangemeldOpWachtlijst",
    "Bestemming",
    "CapaciteitGewijzigd",
    "ChecklistItem",
    "ChecklistItemAfgerond",
    "ClientVerhuisdBijAanbiederuitval",
    "Doelgroep",
    "KortVerblijfVerlengd",
    "OndersteuningsplanVastgesteld",
    "OpnameGeregistreerd",
    "OpnameGeweigerd",
    "PlaatsingGerealiseerd",
    "TrajectcontroleAchterstallig",
    "TrajectcontroleUitgevoerd",
    "Uitgestroomd",
    "UitstroomgereedVerklaard",
    "VerblijfMaximumOverschreden",
    "VerblijfNadertMaximum",
    "VoorzieningGeregistreerd",
    "VoorzieningType",
    "WachtlijstAanbodAfgewezen",
    "WachtlijstAanbodGedaan",
    "WachtlijstVerlaten",
]
