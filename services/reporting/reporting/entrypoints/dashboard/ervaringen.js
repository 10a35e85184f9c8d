// Clients' experience on the dashboard (GET /v1/ervaringen): per theme, the trend of safety, and safety next to the
// refusals for lack of place (docs/experience.md). Groups under 5 answers come back suppressed and show "–".
"use strict";

function maand(iso) { return iso ? iso.slice(0, 7) : ""; }

function procent(share) { return share === null || share === undefined ? "–" : `${getal(share * 100, 0)}%`; }

function ervaringRij(t) {
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = t.naam;
  tr.appendChild(th);
  const cells = t.onderdrukt ? ["minder dan 5", "–", "–"] : [getal(t.aantal, 0), getal(t.gemiddelde, 1), procent(t.aandeelPositief)];
  cells.forEach((text) => { const td = document.createElement("td"); td.textContent = text; tr.appendChild(td); });
  return tr;
}

async function loadErvaringen(indicators) {
  const f = filters();
  const eigen = (indicators || [])[0] || {};  // a local team or municipal council: its own municipality, as the cards
  const waarvan = f.gemeente || eigen.gemeente ? { gemeente: f.gemeente || eigen.gemeente } : { regio: f.regio };
  const result = await api("/ervaringen", { ...waarvan, van: maand(f.van), tot: maand(f.tot) });
  const waar = result.gemeente ? naamGemeente(result.gemeente) : naamRegio(result.regio);
  $("ervaringen-titel").textContent = `Ervaringen per thema – ${waar}, ${result.van} t/m ${result.tot}`;
  $("ervaringen").querySelector("tbody").replaceChildren(...result.themas.map(ervaringRij));
  const veiligheid = result.themas.find((t) => t.thema === "veiligheid");
  const weigeringen = (indicators || []).find((i) => i.code === "weigeringen-plaatsgebrek");
  const veilig = veiligheid && !veiligheid.onderdrukt
    ? `Veiligheid: ${procent(veiligheid.aandeelPositief)} positief (${getal(veiligheid.aantal, 0)} antwoorden)`
    : "Veiligheid: te weinig antwoorden om te tonen";
  const naast = weigeringen ? ` · naast: ${weigeringen.titel.toLowerCase()} ${show(weigeringen.waarde, weigeringen.eenheid)}` : "";
  $("ervaringen-naast").textContent = veilig + naast;
  const trend = result.trend.map((m) => m.themas.find((t) => t.thema === "veiligheid"));
  draw("ervaring-trend", "line", result.trend.map((m) => m.periode),
    trend.map((t) => (t && !t.onderdrukt ? Math.round(t.aandeelPositief * 100) : null)), "Veiligheid: % positief");
}
