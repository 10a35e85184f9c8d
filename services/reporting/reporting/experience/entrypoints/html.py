"""The questionnaire's pages, server-rendered: plain HTML and one stylesheet of our own, no script at all, so they
work on any phone, offline from a CDN, and with a screen reader (WCAG 2.1 AA: lang, labels, fieldsets with legends,
visible focus, contrast; checked with axe-core in tests/browser)."""

from __future__ import annotations

from html import escape

from reporting.experience.domain.questionnaire import Moment, Vragenlijst

STYLESHEET = "/v1/vragenlijst.css"


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="stylesheet" href="{STYLESHEET}">\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n'
    )


def formulier(vragenlijst: Vragenlijst, moment: Moment) -> str:
    parts = [
        f"<h1>{escape(vragenlijst.titel)}</h1>",
        f'<p class="inleiding">{escape(vragenlijst.inleiding)}</p>',
        f"<p>Deze vragen gaan over de hulp {escape(vragenlijst.momenten[moment])}. Alle vragen zijn vrijwillig.</p>",
        '<form method="post">',
    ]
    number = 0
    for thema in vragenlijst.themas:
        stellingen = [s for s in thema.stellingen if s.asked_at(moment)]
        if not stellingen:
            continue
        parts.append(f'<section aria-labelledby="thema-{thema.code}"><h2 id="thema-{thema.code}">{escape(thema.naam)}</h2>')
        for stelling in stellingen:
            number += 1
            parts.append(f'<fieldset><legend><span class="nummer">{number}.</span> {escape(stelling.tekst)}</legend>')
            parts.append('<div class="schaal">')
            for optie in vragenlijst.schaal:
                ident = f"{stelling.code}-{optie.waarde}"
                parts.append(
                    f'<label for="{ident}"><input type="radio" id="{ident}" name="{stelling.code}" value="{optie.waarde}"> '
                    f"{escape(optie.tekst)}</label>"
                )
            parts.append("</div></fieldset>")
        parts.append("</section>")
    verhaal, toestemming = vragenlijst.verhaal, vragenlijst.toestemming
    parts += [
        '<section aria-labelledby="verhaal-kop"><h2 id="verhaal-kop">Uw verhaal</h2>',
        f'<label for="verhaal">{escape(verhaal.vraag)}</label>',
        f'<p id="verhaal-hulp" class="hulp">{escape(verhaal.hulp)}</p>',
        f'<textarea id="verhaal" name="verhaal" rows="6" maxlength="{verhaal.max_lengte}" '
        'aria-describedby="verhaal-hulp"></textarea>',
        f"<fieldset><legend>{escape(toestemming.vraag)}</legend>",
        f'<p id="toestemming-uitleg" class="hulp">{escape(toestemming.uitleg)}</p>',
        '<label for="toestemming-ja"><input type="radio" id="toestemming-ja" name="toestemming" value="ja" '
        f'aria-describedby="toestemming-uitleg"> {escape(toestemming.ja)}</label>',
        '<label for="toestemming-nee"><input type="radio" id="toestemming-nee" name="toestemming" value="nee" '
        f'aria-describedby="toestemming-uitleg"> {escape(toestemming.nee)}</label>',
        "</fieldset></section>",
        '<button type="submit">Versturen</button>',
        "</form>",
    ]
    return _page(vragenlijst.titel, "\n".join(parts))


def bedankt() -> str:
    return _page(
        "Bedankt",
        "<h1>Bedankt!</h1>\n<p>Wij hebben uw antwoorden ontvangen. Ze helpen ons de hulp beter te maken.</p>\n"
        "<p>U kunt deze pagina nu sluiten.</p>",
    )


MELDINGEN = {
    "onbekend": ("Deze link werkt niet", "Wij kennen deze link niet. Kijk of u de hele link heeft overgenomen."),
    "verlopen": ("Deze link is verlopen", "U kunt de vragenlijst niet meer invullen: de link was maar een tijdje geldig."),
    "gebruikt": ("De vragenlijst is al ingevuld", "Met deze link is de vragenlijst al ingevuld. Dat kan maar één keer."),
}


def melding(reden: str) -> str:
    titel, tekst = MELDINGEN[reden]
    return _page(
        titel,
        f"<h1>{escape(titel)}</h1>\n<p>{escape(tekst)}</p>\n"
        "<p>Wilt u toch iets over de hulp zeggen? Vraag uw contactpersoon om een nieuwe link.</p>",
    )
