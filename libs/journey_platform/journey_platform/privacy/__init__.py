"""The processing log ("Logboek Dataverwerkingen"): who processed whose personal data, why, when, with what outcome."""
