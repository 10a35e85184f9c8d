// The regional monitor: calls reporting's API with a development token (from ?token=, or pasted and kept in localStorage).
"use strict";

const params = new URLSearchParams(location.search);
const API = "../v1";
const PHASES = ["gemeld", "onderzoek", "besloten", "in-opvang", "op-wachtlijst", "geplaatst", "uitstroomgereed", "aanbod",
  "gehuisvest", "overgedragen", "afgesloten"];
const UNITS = { procent: "%", maanden: "mnd", dagen: "dagen", aantal: "" };
const charts = {};
let selected = params.get("indicator");
let token = params.get("token") || localStorage.getItem("opvangketen-token") || "";
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
  return `${Number(value).toLocaleString("nl-NL")} ${UNITS[unit] ?? unit}`.trim();
}

function card(indicator) {
  const el = document.createElement("article");
  const state = indicator.gehaald === true ? "gehaald" : indicator.gehaald === false ? "niet-gehaald" : "geen-doel";
  el.className = `card ${state}` + (indicator.code === selected ? " selected" : "");
  el.dataset.code = indicator.code;
  el.dataset.waarde = indicator.waarde ?? "";
  const doel = indicator.doel
    ? `doel ${indicator.doel.norm} ${show(indicator.doel.doelwaarde, indicator.eenheid)}` +
      (indicator.doel.basiswaarde != null ? ` · basis ${indicator.doel.basiswaarde} (${indicator.doel.basismoment})` : "")
    : "geen doel";
  el.innerHTML = `<h3></h3><div class="waarde"></div><div class="doel"></div>`;
  el.querySelector("h3").textContent = indicator.titel;
  el.querySelector(".waarde").textContent = show(indicator.waarde, indicator.eenheid);
  el.querySelector(".doel").textContent = doel;
  el.addEventListener("click", () => { selected = indicator.code; loadDetail(); markSelected(); });
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
  $("detail-title").textContent = `${detail.titel} – ${detail.gemeente || detail.regio} (${detail.van} t/m ${detail.tot}, peildatum ${detail.peildatum})`;
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

async function loadJourneys() {
  const journeys = await api("/trajecten", { gemeente: $("gemeente").value, fase: $("fase").value, paginaGrootte: "50" });
  $("journeys").querySelector("tbody").replaceChildren(...journeys.map((j) => {
    const tr = row([j.id.slice(0, 8), j.fase, j.dagenInFase, j.verantwoordelijkeGemeente, j.zorgaanbieder]);
    tr.addEventListener("click", () => loadTimeline(j.id));
    return tr;
  }));
  const wanted = params.get("traject") || (journeys[0] && journeys[0].id);
  if (wanted) await loadTimeline(wanted);
}

// A moment as a Dutch date: the day boundaries of the whole platform are Europe/Amsterdam.
const dutchDate = (moment) => new Date(moment).toLocaleDateString("sv-SE", { timeZone: "Europe/Amsterdam" });

async function loadTimeline(id) {
  const journey = await api(`/trajecten/${id}`);
  $("timeline").hidden = false;
  $("timeline-id").textContent = `${id.slice(0, 8)} · fase ${journey.fase}`;
  $("timeline-items").replaceChildren(...journey.tijdlijn.map((item) => {
    const li = document.createElement("li");
    li.dataset.gebeurtenis = item.gebeurtenis;
    const happened = dutchDate(item.moment ?? item.tijdstip);
    const recorded = dutchDate(item.vastgelegdOp ?? item.tijdstip);
    const when = happened === recorded ? happened : `${happened} (vastgelegd ${recorded})`;
    li.textContent = `${when} · ${item.gebeurtenis} · ${item.actorType}${item.actor ? " " + item.actor : ""} → ${item.fase}`;
    return li;
  }));
}

let regions = [];

function fillMunicipalities(regionCode) {
  const region = regions.find((r) => r.code === regionCode);
  const chosen = $("gemeente").value;
  $("gemeente").replaceChildren(new Option("(hele regio)", ""), ...(region ? region.municipalities : []).map((m) => new Option(m.name, m.code)));
  $("gemeente").value = chosen;
}

async function loadRegions() {
  regions = await api("/regios");
  $("regio").replaceChildren(new Option("(eigen)", ""), ...regions.map((r) => new Option(r.name, r.code)));
  $("regio").addEventListener("change", () => { $("gemeente").value = ""; fillMunicipalities($("regio").value); });
  const wanted = params.get("gemeente") || "";
  const home = regions.find((r) => r.municipalities.some((m) => m.code === wanted));
  $("regio").value = params.get("regio") || (home ? home.code : "");
  fillMunicipalities($("regio").value);
  $("gemeente").value = wanted;
}

async function load() {
  setStatus("laden…");
  try {
    const indicators = await api("/indicatoren", filters());
    if (!$("regio").value && indicators[0].regio) fillMunicipalities(indicators[0].regio);  // the caller's own region
    $("cards").replaceChildren(...indicators.map(card));
    selected = selected || indicators[0].code;
    markSelected();
    await loadDetail();
    await loadJourneys();
    setStatus(`geladen: ${indicators.length} indicatoren, peildatum ${indicators[0].peildatum}`);
  } catch (error) {
    setStatus(`fout: ${error.message}`);
  }
}

async function start() {
  ["van", "tot", "peildatum"].forEach((k) => { $(k).value = params.get(k) || ""; });
  $("fase").replaceChildren(new Option("(alle)", ""), ...PHASES.map((p) => new Option(p, p)));
  $("fase").addEventListener("change", () => loadJourneys().catch((e) => setStatus(`fout: ${e.message}`)));
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); load(); });
  $("token").value = token;
  $("token-save").addEventListener("click", () => { token = $("token").value.trim(); localStorage.setItem("opvangketen-token", token); start(); });
  if (!token) { $("token-box").open = true; setStatus("plak een token (make token) om te beginnen"); return; }
  try { await loadRegions(); } catch (error) { setStatus(`fout: ${error.message}`); return; }
  await load();
}

start();
