// One journey on a page of its own: its events in plain Dutch, when they happened and who acted.
"use strict";

const params = new URLSearchParams(location.search);
const token = params.get("token") || sessionStorage.getItem("opvangketen-token") || localStorage.getItem("opvangketen-token") || "";
const $ = (id) => document.getElementById(id);
let gemeenten = {};
let toegangen = {};

async function api(path) {
  const response = await fetch(new URL("../v1" + path, location.href), { headers: { Authorization: "Bearer " + token } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(response.status === 403
      ? "Uw organisatie mag dit traject niet inzien: het hoort bij een gemeente of cliënt buiten uw bereik."
      : `${response.status} ${problem.title || ""}: ${problem.detail || path}`);
  }
  return response.json();
}

function naamGemeente(code) { return code ? gemeenten[code] || code : "–"; }

function wie(item) {
  const soort = WOORDEN.organisatiesoorten[item.actorType] || item.actorType;
  if (!item.actor) return soort;
  if (toegangen[item.actor]) return toegangen[item.actor];
  const naam = item.actor.startsWith("GM") ? naamGemeente(item.actor) : naamAanbieder(item.actor);
  return `${soort} ${naam}`;
}

// Where it happened: a facility of the reference list by its name, any other as "een voorziening".
const VOORZIENING_VELDEN = { voorzieningId: "in", vanVoorzieningId: "vanuit", naarVoorzieningId: "naar" };

function waar(gegevens) {
  return Object.entries(VOORZIENING_VELDEN)
    .filter(([veld]) => gegevens && gegevens[veld])
    .map(([veld, voorzetsel]) => {
      const bekend = VOORZIENINGEN[gegevens[veld]];
      return bekend ? `${voorzetsel} ${bekend.naam} (${naamAanbieder(bekend.aanbieder)}, ${naamGemeente(bekend.gemeente)})`
        : `${voorzetsel} een voorziening`;
    })
    .join(", ");
}

function regel(term, waarde) {
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = waarde;
  return [dt, dd];
}

async function start() {
  const id = params.get("id");
  if (token) sessionStorage.setItem("opvangketen-token", token);
  if (!id) { $("status").textContent = "Geen traject gekozen: open een traject vanuit de monitor."; return; }
  try {
    const regios = await api("/regios");
    regios.forEach((r) => {
      r.municipalities.forEach((m) => { gemeenten[m.code] = m.name; });
      if (r.centralAccess) toegangen[r.centralAccess.id] = r.centralAccess.name;
    });
    const traject = await api(`/trajecten/${id}`);
    $("titel").textContent = `Traject ${id.slice(0, 8)} · ${naamFase(traject.fase)}`;
    document.title = `Traject ${id.slice(0, 8)} – Opvangketen`;
    $("samenvatting").replaceChildren(
      ...regel("Fase", `${naamFase(traject.fase)} sinds ${datum(traject.faseSinds)}`),
      ...regel("Verantwoordelijke gemeente", naamGemeente(traject.verantwoordelijkeGemeente)),
      ...regel("Gemeld in", naamGemeente(traject.gemeenteMelding)),
      ...regel("Begeleidende aanbieder", naamAanbieder(traject.zorgaanbieder) || "geen"),
      ...regel("Geopend", datum(traject.geopendOp)),
    );
    $("tijdlijn").replaceChildren(...(traject.tijdlijn || []).map((item) => {
      const li = document.createElement("li");
      li.dataset.gebeurtenis = item.gebeurtenis;
      // When it happened (the fact's own moment) and, where that differs by day, when it was recorded.
      const gebeurd = item.moment ?? item.tijdstip;
      const vastgelegd = item.vastgelegdOp ?? item.tijdstip;
      const wanneer = document.createElement("time");
      wanneer.dateTime = gebeurd;
      wanneer.textContent = datum(gebeurd) === datum(vastgelegd) ? moment(gebeurd) : `${moment(gebeurd)} (vastgelegd ${datum(vastgelegd)})`;
      const wat = document.createElement("strong");
      wat.textContent = zin(item.gebeurtenis);
      const door = document.createElement("span");
      const plaats = waar(item.gegevens);
      door.textContent = `${plaats ? " · " + plaats : ""} · door ${wie(item)} · daarna: ${naamFase(item.fase)}`;
      li.append(wanneer, document.createElement("br"), wat, door);
      return li;
    }));
    $("status").textContent = `${(traject.tijdlijn || []).length} gebeurtenissen`;
  } catch (error) {
    $("status").textContent = error.message;
  }
}

start();
