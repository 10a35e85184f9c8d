// The regional monitor: calls reporting's API with a development token (from ?token=, or pasted and kept in localStorage).
"use strict";

const params = new URLSearchParams(location.search);
const API = "../v1";
const PHASES = ["gemeld", "onderzoek", "besloten", "in-opvang", "op-wachtlijst", "geplaatst", "uitstroomgereed", "aanbod",
  "gehuisvest", "overgedragen", "afgesloten"];
const UNITS = { procent: "%", maanden: "mnd", dagen: "dagen", aantal: "" };
const charts = {};
let selected = params.get("indicator");
let token = params.get("token") || sessionStorage.getItem("opvangketen-token") || localStorage.getItem("opvangketen-token") || "";
const $ = (id) => document.getElementById(id);

function setStatus(text) { $("status").textContent = text; }

async function api(path, query = {}, accept = "application/json") {
  const url = new URL(API + path, location.href);
  Object.entries(query).forEach(([k, v]) => { if (v) url.searchParams.set(k, v); });
  const response = await fetch(url, { headers: { Authorization: "Bearer " + token, Accept: accept } });
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(`${response.status} ${problem.title || ""}: ${problem.detail || path}`);
  }
  return accept === "text/csv" ? response.text() : response.json();
}

function filters() {
  return { regio: $("regio").value, gemeente: $("gemeente").value, van: $("van").value, tot: $("tot").value, peildatum: $("peildatum").value };
}

function show(value, unit) {
  if (value === null || value === undefined) return "–";
  return `${getal(value)} ${UNITS[unit] ?? unit}`.trim();
}

const NORMEN = { max: "hoogstens", min: "minstens", "<=": "hoogstens", ">=": "minstens" };

function card(indicator) {
  const el = document.createElement("article");
  const state = indicator.gehaald === true ? "gehaald" : indicator.gehaald === false ? "niet-gehaald" : "geen-doel";
  el.className = `card ${state}` + (indicator.code === selected ? " selected" : "");
  el.dataset.code = indicator.code;
  el.dataset.waarde = indicator.waarde ?? "";
  const doel = indicator.doel
    ? `doel: ${NORMEN[indicator.doel.norm] || indicator.doel.norm} ${show(indicator.doel.doelwaarde, indicator.eenheid)}` +
      (indicator.doel.basiswaarde != null
        ? ` · uitgangswaarde ${show(indicator.doel.basiswaarde, indicator.eenheid)} (${datum(indicator.doel.basismoment)})` : "")
    : "geen doel afgesproken";
  const oordeel = state === "gehaald" ? "doel gehaald" : state === "niet-gehaald" ? "doel niet gehaald" : "geen doel";
  el.innerHTML = `<h3></h3><div class="waarde"></div><div class="doel"></div><div class="oordeel"></div><button type="button">Toon details</button> <a class="definitie">Definitie</a>`;
  el.querySelector("h3").textContent = indicator.titel;
  el.querySelector(".waarde").textContent = show(indicator.waarde, indicator.eenheid);
  el.querySelector(".doel").textContent = doel;
  el.querySelector(".oordeel").textContent = oordeel;
  el.querySelector("button").setAttribute("aria-label", `Toon details van ${indicator.titel}`);
  const definitie = el.querySelector("a.definitie");
  definitie.href = `definities.html#def-${indicator.code}`;
  definitie.setAttribute("aria-label", `Definitie van ${indicator.titel}`);
  el.querySelector("button").addEventListener("click", () => { selected = indicator.code; loadDetail(); markSelected(); });
  return el;
}

function markSelected() {
  document.querySelectorAll(".card").forEach((c) => c.classList.toggle("selected", c.dataset.code === selected));
}

function draw(id, type, labels, data, label) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart($(id), {
    type, data: { labels, datasets: [{ label, data, backgroundColor: "#5b8fc7", borderColor: "#154273", tension: 0.2 }] },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } } },
  });
}

async function loadDetail() {
  if (!selected) return;
  const detail = await api(`/indicatoren/${selected}`, filters());
  $("detail").hidden = false;
  const waar = detail.gemeente ? naamGemeente(detail.gemeente) : naamRegio(detail.regio);
  $("detail-title").textContent = `${detail.titel} – ${waar} (${datum(detail.van)} t/m ${datum(detail.tot)}, peildatum ${datum(detail.peildatum)})`;
  draw("trend", "line", detail.perMaand.map((m) => m.maand), detail.perMaand.map((m) => m.waarde), detail.titel);
  draw("comparison", "bar", detail.perGemeente.map((g) => g.naam), detail.perGemeente.map((g) => g.waarde), detail.titel);
  const body = $("comparison-table").querySelector("tbody");
  body.replaceChildren(...detail.perGemeente.map((g) => row([g.naam, show(g.waarde, detail.eenheid)])));
  for (const table of ["gemeenten", "maanden"]) {
    $(`csv-${table}`).onclick = async (event) => {
      event.preventDefault();
      const text = await api(`/indicatoren/${selected}/export`, { ...filters(), tabel: table }, "text/csv");
      const link = Object.assign(document.createElement("a"), {
        href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: `${selected}-${table}.csv` });
      link.click();
    };
  }
}

function row(cells) {
  const tr = document.createElement("tr");
  cells.forEach((c) => { const td = document.createElement("td"); td.textContent = c ?? ""; tr.appendChild(td); });
  return tr;
}

const journeyList = { page: 1, size: 25, sort: null, descending: false, rows: [] };

function naamGemeente(code) {
  for (const r of regions) { const m = r.municipalities.find((x) => x.code === code); if (m) return m.name; }
  return code || "–";
}

function naamRegio(code) { return (regions.find((r) => r.code === code) || {}).name || code || "–"; }

const SORT_KEYS = {
  id: (j) => j.id, fase: (j) => naamFase(j.fase), dagenInFase: (j) => j.dagenInFase ?? -1,
  gemeente: (j) => naamGemeente(j.verantwoordelijkeGemeente), aanbieder: (j) => naamAanbieder(j.zorgaanbieder),
};

function journeyRow(j) {
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  const a = document.createElement("a");
  a.href = `traject.html?id=${encodeURIComponent(j.id)}`;
  a.textContent = `Traject ${j.id.slice(0, 8)}`;
  th.appendChild(a);
  tr.appendChild(th);
  [naamFase(j.fase), j.dagenInFase == null ? "–" : getal(j.dagenInFase, 0), naamGemeente(j.verantwoordelijkeGemeente),
    naamAanbieder(j.zorgaanbieder) || "–"].forEach((text) => {
    const td = document.createElement("td"); td.textContent = text; tr.appendChild(td);
  });
  return tr;
}

function renderJourneys() {
  const rows = [...journeyList.rows];
  if (journeyList.sort) {
    const key = SORT_KEYS[journeyList.sort];
    rows.sort((a, b) => {
      const x = key(a), y = key(b);
      const order = typeof x === "number" ? x - y : String(x).localeCompare(String(y), "nl");
      return journeyList.descending ? -order : order;
    });
  }
  $("journeys").querySelector("tbody").replaceChildren(...rows.map(journeyRow));
  document.querySelectorAll("#journeys th[aria-sort]").forEach((th) => {
    const mine = th.querySelector("button").dataset.sort === journeyList.sort;
    th.setAttribute("aria-sort", mine ? (journeyList.descending ? "descending" : "ascending") : "none");
  });
  $("pagina-nr").textContent = String(journeyList.page);
  $("pagina-tekst").textContent = `pagina ${journeyList.page} · ${rows.length} trajecten op deze pagina`;
  $("vorige").disabled = journeyList.page === 1;
  $("volgende").disabled = rows.length < journeyList.size;
}

async function loadJourneys() {
  journeyList.rows = await api("/trajecten", {
    gemeente: $("gemeente").value, fase: $("fase").value, pagina: String(journeyList.page), paginaGrootte: String(journeyList.size) });
  renderJourneys();
}

let regions = [];

function fillMunicipalities(regionCode) {
  const region = regions.find((r) => r.code === regionCode);
  const chosen = $("gemeente").value;
  $("gemeente").replaceChildren(new Option("hele regio", ""), ...(region ? region.municipalities : []).map((m) => new Option(m.name, m.code)));
  $("gemeente").value = chosen;
}

async function loadRegions() {
  regions = await api("/regios");
  $("regio").replaceChildren(new Option("eigen regio", ""), ...regions.map((r) => new Option(r.name, r.code)));
  $("regio").addEventListener("change", () => { $("gemeente").value = ""; fillMunicipalities($("regio").value); });
  const wanted = params.get("gemeente") || "";
  const home = regions.find((r) => r.municipalities.some((m) => m.code === wanted));
  $("regio").value = params.get("regio") || (home ? home.code : "");
  fillMunicipalities($("regio").value);
  $("gemeente").value = wanted;
}

const NO_FIGURES = {
  zorgaanbieder: "Als zorgaanbieder ziet u geen regionale cijfers: kleine aantallen per gemeente kunnen naar personen wijzen. "
    + "Hieronder staan de trajecten van uw eigen cliënten.",
  woningcorporatie: "Als woningcorporatie ziet u in deze monitor geen cijfers en geen trajecten: kandidaten, voorstellen en "
    + "aanbiedingen voor uw woningen vindt u in de housing-API (GET /v1/kandidaten, /v1/aanbiedingen).",
};

function orgType() {
  try { return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).org_type || ""; } catch { return ""; }
}

async function load() {
  setStatus("laden…");
  try {
    const kind = orgType();
    if (NO_FIGURES[kind]) {
      $("geen-cijfers").hidden = false;
      $("geen-cijfers").textContent = NO_FIGURES[kind];
      document.querySelector(".legenda").hidden = true;
      $("cards").replaceChildren();
      if (kind === "zorgaanbieder") await loadJourneys();
      else $("journeys").closest("section").hidden = true;
      setStatus("geladen");
      return;
    }
    const indicators = await api("/indicatoren", filters());
    if (!$("regio").value && indicators[0].regio) {  // the caller's own region, by name
      $("regio").value = indicators[0].regio;
      fillMunicipalities(indicators[0].regio);
      if (indicators[0].gemeente) $("gemeente").value = indicators[0].gemeente;  // a local team's or council's own
    }
    $("cards").replaceChildren(...indicators.map(card));
    selected = selected || indicators[0].code;
    markSelected();
    await loadDetail();
    if (typeof loadErvaringen === "function") await loadErvaringen(indicators);
    if (kind === "adviesraad") $("journeys").closest("section").hidden = true;  // figures only, never a person
    else await loadJourneys();
    setStatus(`geladen: ${indicators.length} indicatoren, peildatum ${datum(indicators[0].peildatum)}`);
  } catch (error) {
    setStatus(`fout: ${error.message}`);
  }
}

async function start() {
  ["van", "tot", "peildatum"].forEach((k) => { $(k).value = params.get(k) || ""; });
  $("fase").replaceChildren(new Option("alle fasen", ""), ...PHASES.map((p) => new Option(naamFase(p), p)));
  $("fase").addEventListener("change", () => { journeyList.page = 1; loadJourneys().catch((e) => setStatus(`fout: ${e.message}`)); });
  document.querySelectorAll("#journeys button[data-sort]").forEach((button) => button.addEventListener("click", () => {
    const key = button.dataset.sort;
    journeyList.descending = journeyList.sort === key ? !journeyList.descending : false;
    journeyList.sort = key;
    renderJourneys();
  }));
  $("vorige").addEventListener("click", () => { journeyList.page -= 1; loadJourneys(); });
  $("volgende").addEventListener("click", () => { journeyList.page += 1; loadJourneys(); });
  if (token) sessionStorage.setItem("opvangketen-token", token);
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); load(); });
  $("token").value = token;
  $("token-save").addEventListener("click", () => { token = $("token").value.trim(); localStorage.setItem("opvangketen-token", token); start(); });
  if (!token) { $("token-box").open = true; setStatus("plak een token (make token) om te beginnen"); return; }
  try { await loadRegions(); } catch (error) { setStatus(`fout: ${error.message}`); return; }
  await load();
}

start();
