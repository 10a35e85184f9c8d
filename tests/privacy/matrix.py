"""The authorisation matrix: for every operation of every service, what each kind of organisation gets.

Read a row as "operation: what each principal (column) gets when it calls it on client A":
- a status code (200, 201, 204, 400, 403, 404) for a single read or a write: exactly that status;
- for a list (or the event stream): `-` is 200 with an empty list, `A`, `A+B`, ... is 200 with exactly the items
  labelled so in the test's world, `403` is a refusal (the organisation type may never list).

The world (built by each tests/privacy/test_matrix_<service>.py):
- client A: reported in Zwolle (GM0193, region IJssel-Vecht), which is responsible; staying in a shelter of
  `leger-des-heils`; offered a unit of the corporation `deltawonen`;
- client B: reported in Deventer (GM0150, region Midden-IJssel), staying at `ribw`, offered a unit of `openbaar-belang`.
Other labels (R, P, Q, ...) are explained next to each service's table.

The advisory council (ar-own) is refused every operation but reference data, indicators and experience results before
it runs (journey_platform.principal.ADVISORY_COUNCIL_OPERATIONS): it never sees a journey, person or timeline.
Without a token every operation answers 401 (checked for each row, so not a column).
We answer 403 for another organisation's client (NL API rule of this project); 404 only where a resource's existence is
the caller's business alone (a subscription belongs to one organisation).

To add an operation: add a row to its service's table here, and a `Call` for it in that service's test module
(the test fails until both exist: see `test_every_operation_has_a_row_and_a_call`).
"""

from __future__ import annotations

from dataclasses import dataclass

PRINCIPALS: dict[str, tuple[str, str]] = {
    "gm-own": ("gemeente", "GM0193"),  # local team of client A's municipality (Zwolle)
    "gm-region": ("gemeente", "GM0166"),  # local team of another municipality in A's region (Kampen)
    "gm-other": ("gemeente", "GM0150"),  # local team in the other region (Deventer): client B's municipality
    "ct-own": ("centrale-toegang", "CT-IJSSEL-VECHT"),  # central access of A's region
    "ct-other": ("centrale-toegang", "CT-MIDDEN-IJSSEL"),  # central access of the other region (B's)
    "zb-with": ("zorgaanbieder", "leger-des-heils"),  # provider that has client A (A stays in its shelter)
    "zb-without": ("zorgaanbieder", "ribw"),  # provider without client A (it has B)
    "wc-with": ("woningcorporatie", "deltawonen"),  # corporation with a relation to A (its unit offered to A, its signal)
    "wc-without": ("woningcorporatie", "openbaar-belang"),  # corporation without a relation to A (its unit is offered to B)
    "ar-own": ("adviesraad", "PR-GM0193"),  # advisory council of A's municipality (Participatieraad Zwolle): figures only
}


@dataclass(frozen=True)
class Expect:
    """One cell: a status, or (for lists) 200 with exactly these item labels."""

    status: int
    items: frozenset[str] | None = None

    @classmethod
    def parse(cls, cell: str) -> Expect:
        if cell.isdigit():
            return cls(int(cell))
        if cell == "-":
            return cls(200, frozenset())
        return cls(200, frozenset(cell.split("+")))

    def __str__(self) -> str:
        if self.items is None:
            return str(self.status)
        return "+".join(sorted(self.items)) or "-"


def table(text: str) -> dict[str, dict[str, Expect]]:
    """Parse a whitespace-aligned table: a header of principals, then one row per operationId."""
    lines = [line for line in text.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    header = lines[0].split()[1:]
    assert header == list(PRINCIPALS), f"columns must be {list(PRINCIPALS)}, not {header}"
    rows: dict[str, dict[str, Expect]] = {}
    for line in lines[1:]:
        operation, *cells = line.split()
        assert len(cells) == len(header), f"{operation}: {len(cells)} cells for {len(header)} principals"
        assert operation not in rows, f"{operation} twice"
        rows[operation] = {p: Expect.parse(c) for p, c in zip(header, cells, strict=True)}
    return rows


# Intake. R: a report in Zwolle referred by the central access point to Kampen's local team (GM0166); haalPersoonOp
# asks for R's person, whom Kampen must know to help. W: an open report in Zwolle whose person the central access point
# erased on request (AVG art. 17): the records stay, without personal data; haalWisverzoekOp reads W's erasure.
# Consents (toestemmingen): A's (recorded by ct-own) and B's (by ct-other), both for deltawonen; zoekToestemmingen shows a
# consent by its client's label.
# P: an early signal of deltawonen in Zwolle; Q: one in Deventer. The worklist shows open reports only (A is decided).
INTAKE = table("""
operation                        gm-own gm-region gm-other ct-own ct-other zb-with zb-without wc-with wc-without ar-own
registreerMelding                201    201       201      201    201      201     201        201     201        403
zoekMeldingen                    A+D+R+W R        B        A+D+R+W B        -       -          -       -         403
haalMeldingOp                    200    403       403      200    403      403     403        403     403        403
sluitMeldingAf                   200    403       403      200    403      403     403        403     403        403
werklijstBeslistermijnen         D+R+W  R         B        D+R+W  B        -       -          -       -          403
startOnderzoek                   201    403       403      201    403      403     403        403     403        403
haalOnderzoekOp                  200    403       403      200    403      403     403        403     403        403
neemBesluit                      201    403       403      201    403      403     403        403     403        403
haalBeschikkingOp                200    403       403      200    403      403     403        403     403        403
zoekBeschikkingen                A      -         -        A      -        -       -          -       -          403
maakVerwijzing                   201    403       403      201    403      403     403        403     403        403
haalVerwijzingOp                 200    200       403      200    403      403     403        403     403        403
zoekVerwijzingen                 -      V         -        V      -        -       -          -       -          403
beoordeelVerwijzing              403    200       403      403    403      403     403        403     403        403
haalTrajectOp                    200    403       403      200    403      403     403        403     403        403
wijzigVerantwoordelijkeGemeente  200    403       403      200    403      403     403        403     403        403
sluitTrajectAf                   200    403       403      200    403      403     403        403     403        403
haalPersoonOp                    200    200       403      200    403      403     403        403     403        403
meldVroegsignaal                 201    201       201      201    201      403     403        201     201        403
zoekPreventiezaken               P      -         Q        P      Q        -       -          P       -          403
haalPreventiezaakOp              200    403       403      200    403      403     403        200     403        403
zoekGemeenten                    200    200       200      200    200      200     200        200     200        200
zoekRegios                       200    200       200      200    200      200     200        200     200        200
dienWisverzoekIn                 403    403       403      201    403      403     403        403     403        403
haalWisverzoekOp                 403    403       403      200    403      403     403        403     403        403
legToestemmingVast               201    403       403      201    403      403     403        403     403        403
zoekToestemmingen                A      -         B        A      B        403     403        403     403        403
haalToestemmingOp                200    403       403      200    403      403     403        403     403        403
trekToestemmingIn                200    403       403      200    403      403     403        403     403        403
# raadpleegVerwerkingen: only with the role functionaris-gegevensbescherming in the token; the principals here have no
# roles, so every column is 403 (the role: tests/privacy/test_verwerkingen_role.py and services/*/tests/api/test_verwerkingen.py).
raadpleegVerwerkingen            403    403       403      403    403      403     403        403     403        403
# Identity (issue 13): only central access judges possible duplicates and merges or splits persons, for persons with a
# journey in its region. D: a possible duplicate in Zwolle (same surname and date of birth, other first names); the
# worklist shows the open ones (the writes below settle fresh pairs of their own). The reports of D's persons, and of a
# second pair merged in the world, are labelled D in the report lists above.
zoekMogelijkeDubbelen            403    403       403      D      -        403     403        403     403        403
haalMogelijkeDubbeleOp           403    403       403      200    403      403     403        403     403        403
wijsMogelijkeDubbeleAf           403    403       403      200    403      403     403        403     403        403
voegPersonenSamen                403    403       403      201    403      403     403        403     403        403
haalSamenvoegingOp               403    403       403      200    403      403     403        403     403        403
splitsPersoon                    403    403       403      201    403      403     403        403     403        403
identificeerPersoon              403    403       403      200    403      403     403        403     403        403
# The history import (docs/import.md): central access only; a report may be made about anyone anywhere (as
# registreerMelding), so each central access point imports; a row it may not handle is refused in the answer.
importeerHistorie                403    403       403      200    200      403     403        403     403        403
""")

# Placement. H: De Herberg (leger-des-heils, Zwolle), K: a BW home (leger-des-heils, Zwolle), D: ribw's shelter in
# Deventer. A stays in H and waits for BW; B stays in D and waits for BW. C, Kampen's client, was refused in H: a
# refusal is seen by the client's local team, not by the team of the municipality where the shelter is. A facility
# carries no client data. zoekDelingen (the sharing register) asks for A's client: leger-des-heils read A's stay.
PLACEMENT = table("""
operation                        gm-own gm-region gm-other ct-own ct-other zb-with zb-without wc-with wc-without ar-own
registreerVoorziening            403    403       403      201    403      403     403        403     403        403
zoekVoorzieningen                H+K+D  H+K+D     H+K+D    H+K+D  H+K+D    H+K+D   H+K+D      H+K+D   H+K+D      403
haalVoorzieningOp                200    200       200      200    200      200     200        200     200        403
wijzigCapaciteit                 403    403       403      200    403      200     403        403     403        403
meldAanbiederuitval              403    403       403      201    400      403     403        403     403        403
haalUitvaloperatieOp             403    403       403      200    403      403     403        403     403        403
neemOp                           403    403       403      201    403      201     403        403     403        403
registreerWeigering              403    403       403      201    403      201     403        403     403        403
zoekWeigeringen                  A      C         B        A+C    B        A+C     B          -       -          403
haalWeigeringOp                  200    403       403      200    403      200     403        403     403        403
plaats                           403    403       403      201    403      403     403        403     403        403
zoekVerblijven                   A      -         B        A      B        A       B          -       -          403
haalVerblijfOp                   200    403       403      200    403      200     403        403     403        403
verlengKortVerblijf              403    403       403      200    403      200     403        403     403        403
rondChecklistItemAf              403    403       403      200    403      200     403        403     403        403
plaatsOver                       403    403       403      201    403      403     403        403     403        403
verklaarUitstroomgereed          403    403       403      201    403      201     403        403     403        403
haalUitstroomgereedVerklaringOp  200    403       403      200    403      200     403        403     403        403
stroomUit                        403    403       403      200    403      200     403        403     403        403
zoekWachtlijstAanmeldingen       A      -         B        A      B        -       -          -       -          403
haalWachtlijstAanmeldingOp       200    403       403      200    403      403     403        403     403        403
wijsAanbodAf                     403    403       403      200    403      403     403        403     403        403
meldAfVanWachtlijst              403    403       403      200    403      403     403        403     403        403
stelOndersteuningsplanVast       403    403       403      201    403      403     403        403     403        403
haalOndersteuningsplanOp         200    403       403      200    403      200     403        403     403        403
stelNieuweVersieVast             403    403       403      201    403      201     403        403     403        403
haalPlanversieOp                 200    403       403      200    403      200     403        403     403        403
planTrajectcontrole              403    403       403      201    403      403     403        403     403        403
zoekTrajectcontroles             A      -         B        A      B        A       B          -       -          403
haalTrajectcontroleOp            200    403       403      200    403      200     403        403     403        403
legUitkomstVast                  403    403       403      200    403      200     403        403     403        403
zoekDelingen                     A      403       403      A      403      403     403        403     403        403
haalTrajectOp                    200    403       403      200    403      403     403        403     403        403
# raadpleegVerwerkingen: only with the role functionaris-gegevensbescherming in the token; the principals here have no
# roles, so every column is 403 (the role: tests/privacy/test_verwerkingen_role.py and services/*/tests/api/test_verwerkingen.py).
raadpleegVerwerkingen            403    403       403      403    403      403     403        403     403        403
# The history import (docs/import.md): central access only; each central access point imports, a row naming a journey
# or facility it may not handle is refused in the answer (200).
importeerVerblijfshistorie       403    403       403      200    200      403     403        403     403        403
""")

# Housing. U: deltawonen's unit in Zwolle (offered to A, A moved in); V: openbaar-belang's unit in Zwolle (offered
# to B, who moved in: a handover to Zwolle's local team of a client Deventer is responsible for). A consented to
# sharing with deltawonen, B with openbaar-belang (intake's toestemming-verleend): without it no offer goes to a
# corporation. zoekDelingen (the sharing register) asks for A's client: the offer to deltawonen and its reads.
HOUSING = table("""
operation                        gm-own gm-region gm-other ct-own ct-other zb-with zb-without wc-with wc-without ar-own
registreerWoning                 201    403       403      201    403      201     201        201     201        403
registreerWoningen               201    403       403      201    403      201     201        201     201        403
zoekWoningen                     U+V    -         -        U+V    -        -       -          U       V          403
haalWoningOp                     200    403       403      200    403      403     403        200     403        403
trekWoningIn                     200    403       403      200    403      403     403        200     403        403
trekWoningenIn                   200    403       403      200    403      403     403        200     403        403
zoekKandidaten                   A      -         B        A      B        -       -          -       -          403
haalKandidaatOp                  200    403       403      200    403      403     403        403     403        403
startMatchingronde               403    403       403      201    201      403     403        403     403        403
haalMatchingrondeOp              200    200       200      200    200      403     403        403     403        403
zoekVoorstellen                  A      -         B        A      B        -       -          -       -          403
haalVoorstelOp                   200    403       403      200    403      403     403        403     403        403
doeAanbod                        201    403       403      201    403      403     403        403     403        403
zoekAanbiedingen                 A      -         B        A      B        -       -          A       B          403
haalAanbodOp                     200    403       403      200    403      403     403        200     403        403
accepteerAanbod                  200    403       403      200    403      403     403        403     403        403
wijsAanbodAf                     200    403       403      200    403      403     403        200     403        403
meldVerhuizing                   201    403       403      201    403      403     403        201     403        403
zoekOverdrachten                 A+B    -         B        A+B    B        -       -          -       -          403
haalOverdrachtOp                 200    403       403      200    403      403     403        403     403        403
bevestigOverdracht               200    403       403      403    403      403     403        403     403        403
# Aftercare: the receiving local team (where the home is: Zwolle for A and for B, Deventer's client) and its central
# access point; the corporation that let the home signals a relapse (naming the home) and reads only its own signal.
zoekNazorgplannen                A+B    -         -        A+B    -        -       -          -       -          403
haalNazorgplanOp                 200    403       403      200    403      403     403        403     403        403
legNazorgcontactVast             201    403       403      201    403      403     403        403     403        403
zoekNazorgcontacten              A+B    -         -        A+B    -        -       -          -       -          403
haalNazorgcontactOp              200    403       403      200    403      403     403        403     403        403
haalTerugvalsignaalOp            200    403       403      200    403      403     403        200     403        403
meldTerugvalsignaal              201    403       403      201    403      403     403        201     403        403
zoekDelingen                     A      403       403      A      403      403     403        403     403        403
haalTrajectOp                    200    403       403      200    403      403     403        403     403        403
# raadpleegVerwerkingen: only with the role functionaris-gegevensbescherming in the token; the principals here have no
# roles, so every column is 403 (the role: tests/privacy/test_verwerkingen_role.py and services/*/tests/api/test_verwerkingen.py).
raadpleegVerwerkingen            403    403       403      403    403      403     403        403     403        403
# The history import (docs/import.md): central access only; a row naming a candidate it may not handle is refused in
# the answer (200).
importeerVerhuishistorie         403    403       403      200    200      403     403        403     403        403
""")

# Reporting. S: gm-own's subscription, T: ct-other's. Indicators: a local team its own municipality's, a central
# access point its region's; providers and corporations none. The stream shows the caller's residents' events.
REPORTING = table("""
operation                        gm-own gm-region gm-other ct-own ct-other zb-with zb-without wc-with wc-without ar-own
zoekRegios                       200    200       200      200    200      200     200        200     200        200
zoekIndicatoren                  200    200       200      200    200      403     403        403     403        200
haalIndicatorOp                  200    200       200      200    200      403     403        403     403        200
exporteerIndicator               200    200       200      200    200      403     403        403     403        200
zoekTrajecten                    A      -         B        A      B        A       B          -       -          403
haalTrajectOp                    200    403       403      200    403      200     403        403     403        403
registreerAbonnement             201    201       201      201    201      403     403        403     403        403
zoekAbonnementen                 S      -         -        -      T        -       -          -       -          403
haalAbonnementOp                 200    404       404      404    404      404     404        404     404        403
beeindigAbonnement               204    404       404      404    404      404     404        404     404        403
zoekMislukteAfleveringen         F      404       404      404    404      404     404        404     404        403
herbezorgAflevering              202    404       404      404    404      404     404        404     404        403
volgGebeurtenissen               A      -         B        A      B        403     403        403     403        403
# Client experience (docs/experience.md): central access or the journey's local team invites A's client; the results
# are aggregated (groups under 5 suppressed): each local team its own municipality, each central access point and
# advisory council its own scope; providers and corporations none.
nodigUitVoorErvaringsvragenlijst 201    403       403      201    403      403     403        403     403        403
zoekErvaringen                   200    200       200      200    200      403     403        403     403        200
# raadpleegVerwerkingen: only with the role functionaris-gegevensbescherming in the token; the principals here have no
# roles, so every column is 403 (the role: tests/privacy/test_verwerkingen_role.py and services/*/tests/api/test_verwerkingen.py).
raadpleegVerwerkingen            403    403       403      403    403      403     403        403     403        403
""")

MATRIX: dict[str, dict[str, dict[str, Expect]]] = {
    "intake": INTAKE,
    "placement": PLACEMENT,
    "housing": HOUSING,
    "reporting": REPORTING,
}


DOC = "docs/privacy/authorisation.md"
BEGIN, END = "<!-- matrix: generated from tests/privacy/matrix.py -->", "<!-- end of matrix -->"


def render_markdown() -> str:
    """The matrix as the Markdown tables in docs/privacy/authorisation.md (between BEGIN and END)."""
    out = [BEGIN]
    for service, rows in MATRIX.items():
        out += [
            "",
            f"### {service}",
            "",
            "| operationId | " + " | ".join(PRINCIPALS) + " |",
            "|---" * (len(PRINCIPALS) + 1) + "|",
        ]
        out += [f"| `{op}` | " + " | ".join(str(cells[p]) for p in PRINCIPALS) + " |" for op, cells in rows.items()]
    return "\n".join([*out, "", END])


if __name__ == "__main__":  # python tests/privacy/matrix.py: rewrite the generated part of the document
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / DOC
    text = path.read_text()
    path.write_text(text[: text.index(BEGIN)] + render_markdown() + text[text.index(END) + len(END) :])
