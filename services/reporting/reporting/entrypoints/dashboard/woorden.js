// Names and plain Dutch for the dashboard and the journey page: what a policy maker and a case worker read
// instead of codes. Providers: the ids of placement's reference facilities (placement/voorzieningen.yaml).
"use strict";

const WOORDEN = {
  aanbieders: {
    "leger-des-heils": "Leger des Heils", ribw: "RIBW", limor: "LIMOR", "creating-balance": "Creating Balance",
  },
  organisatiesoorten: {
    "lokale-toegang": "lokaal team", gemeente: "gemeente", "centrale-toegang": "centrale toegang",
    zorgaanbieder: "zorgaanbieder", woningcorporatie: "woningcorporatie", systeem: "het systeem",
  },
  fasen: {
    gemeld: "gemeld", onderzoek: "in onderzoek", besloten: "besluit genomen", "in-opvang": "in de opvang",
    "op-wachtlijst": "op de wachtlijst", geplaatst: "geplaatst", uitstroomgereed: "klaar om uit te stromen",
    aanbod: "woning aangeboden", gehuisvest: "gehuisvest", overgedragen: "warm overgedragen", afgesloten: "afgesloten",
  },
  gebeurtenissen: {
    "melding-geregistreerd": "Melding van dak- of thuisloosheid geregistreerd",
    "onderzoek-gestart": "Onderzoek naar de ondersteuningsbehoefte gestart",
    "beschikking-afgegeven": "Besluit (beschikking) genomen",
    "beslistermijn-nadert": "De beslistermijn van 8 weken loopt bijna af",
    "beslistermijn-verstreken": "De beslistermijn van 8 weken is verstreken",
    "kort-verblijf-toegekend": "Kort verblijf buiten de eigen regio toegekend",
    "melding-afgesloten": "Melding afgesloten",
    "verantwoordelijke-gemeente-gewijzigd": "Andere verantwoordelijke gemeente vastgesteld",
    "verwijzing-aangemaakt": "Doorverwezen naar een andere organisatie",
    "verwijzing-beoordeeld": "Doorverwijzing beoordeeld",
    "toestemming-verleend": "Toestemming voor het delen van gegevens gegeven",
    "toestemming-ingetrokken": "Toestemming voor het delen van gegevens ingetrokken",
    "preventiezaak-geopend": "Preventiezaak geopend",
    "persoon-gewist": "Persoonsgegevens gewist op verzoek",
    "aangemeld-op-wachtlijst": "Op de wachtlijst gezet",
    "opname-geregistreerd": "Opgenomen in de opvang",
    "opname-geweigerd": "Niet opgenomen (geweigerd)",
    "plaatsing-gerealiseerd": "Geplaatst in een voorziening",
    "checklist-item-afgerond": "Punt van de checklist afgerond (ID-bewijs, zorgverzekering of inkomen)",
    "kort-verblijf-verlengd": "Kort verblijf verlengd",
    "ondersteuningsplan-vastgesteld": "Ondersteuningsplan vastgesteld",
    "trajectcontrole-uitgevoerd": "Trajectcontrole uitgevoerd",
    "trajectcontrole-achterstallig": "Trajectcontrole is achterstallig",
    "uitstroomgereed-verklaard": "Klaar verklaard om uit te stromen naar een woning",
    "uitgestroomd": "Uitgestroomd uit de voorziening",
    "verblijf-nadert-maximum": "Het verblijf nadert de maximale duur",
    "verblijf-maximum-overschreden": "Het verblijf duurt langer dan de maximale duur",
    "client-verhuisd-bij-aanbiederuitval": "Verhuisd omdat de aanbieder uitviel",
    "wachtlijst-aanbod-gedaan": "Plaats aangeboden vanaf de wachtlijst",
    "wachtlijst-aanbod-afgewezen": "Aangeboden plaats afgewezen",
    "wachtlijst-verlaten": "Van de wachtlijst af",
    "kandidaat-aangemeld": "Aangemeld als kandidaat voor een woning",
    "match-voorgesteld": "Passende woning voorgesteld",
    "aanbod-gedaan": "Woning aangeboden",
    "aanbod-geaccepteerd": "Woning geaccepteerd",
    "aanbod-afgewezen": "Woning afgewezen",
    "aanbod-vastgelopen": "Woningaanbod vastgelopen",
    "drie-maanden-termijn-overschreden": "Langer dan 3 maanden tussen uitstroomklaar en woning",
    verhuisd: "Verhuisd naar de woning",
    "warme-overdracht-gestart": "Warme overdracht aan de gemeente gestart",
    "warme-overdracht-bevestigd": "Warme overdracht bevestigd",
    "nazorgplan-opgesteld": "Nazorgplan opgesteld voor het lokale team",
    "nazorgcontact-vastgelegd": "Nazorgcontact vastgelegd",
    "terugvalsignaal-gemeld": "Signaal van terugval: preventie gestart",
  },
};

function naamAanbieder(id) { return id ? WOORDEN.aanbieders[id] || id : ""; }
function naamFase(code) { return WOORDEN.fasen[code] || code; }
function zin(gebeurtenis) { return WOORDEN.gebeurtenissen[gebeurtenis] || gebeurtenis.replaceAll("-", " "); }
function datum(iso) {
  if (!iso) return "–";
  const d = new Date(iso.length === 10 ? iso + "T12:00:00" : iso);
  return d.toLocaleDateString("nl-NL", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Amsterdam" });
}
function moment(iso) {
  if (!iso) return "–";
  return new Date(iso).toLocaleString("nl-NL", {
    day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/Amsterdam" });
}
function getal(value, digits = 1) {
  return Number(value).toLocaleString("nl-NL", { maximumFractionDigits: digits });
}
