"""The dashboard's definitions page (dashboard/definities.html), rendered from docs/indicators.md.

Each indicator card links to its definition here, one click away. Regenerate after changing the document:
`python -m reporting.entrypoints.dashboard_definitions` (tests/unit/test_dashboard_definitions.py checks it).
"""

from __future__ import annotations

import re
import sys
from html import escape
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parents[4]
SOURCE = ROOT / "docs" / "indicators.md"
TARGET = Path(__file__).resolve().parent / "dashboard" / "definities.html"
_ITEM = re.compile(r"^\d+\. \*\*`(?P<code>[a-z0-9-]+)`\*\*(?P<rest>.*?)(?=^\d+\. \*\*`|\Z)", re.M | re.S)
_HEADED = re.compile(r"^### `(?P<code>[a-z0-9-]+)`(?P<title>[^\n]*)\n(?P<body>.*?)(?=^##|\Z)", re.M | re.S)

_PAGE = """<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <title>Definities van de indicatoren – Opvangketen</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="dashboard.css">
</head>
<body>
  <header>
    <p class="terug"><a href="./">← Terug naar de regionale monitor</a></p>
    <h1>Definities van de indicatoren</h1>
  </header>
  <main class="definities">
    <p class="uitleg">De exacte definities zoals de monitor ze berekent (docs/indicators.md, in het Engels; codes tussen
      haakjes zijn de namen in de API).</p>
{body}
  </main>
</body>
</html>
"""


def section(markdown: str, heading: str) -> str:
    start = markdown.index(heading)
    following = markdown.find("\n## ", start + len(heading))
    return markdown[start + len(heading) : following if following != -1 else None]


def render(markdown: str) -> str:
    md = MarkdownIt("commonmark")
    parts = ['    <section id="algemeen" aria-labelledby="algemeen-kop">', '      <h2 id="algemeen-kop">Algemene begrippen</h2>']
    parts.append(f'<div lang="en">{md.render(section(markdown, "## Common definitions")).strip()}</div>')
    parts.append("    </section>")
    for item in _HEADED.finditer(section(markdown, "## The seed's indicators")):  # one heading per indicator
        code = item["code"]
        title = item["title"].strip().removeprefix("— ").strip()
        parts += [
            f'    <section id="def-{code}" aria-labelledby="kop-{code}">',
            f'      <h2 id="kop-{code}">{escape(code)}</h2>',
            f'      <div lang="en"><p>{md.renderInline(title)}</p>{md.render(item["body"]).strip()}</div>',
            "    </section>",
        ]
    for heading in ("## Other indicators", "## What the seeds ask for"):  # a numbered item per indicator
        for item in _ITEM.finditer(section(markdown, heading)):
            code = item["code"]
            text = " ".join(line.strip() for line in item["rest"].strip().splitlines())
            parts += [
                f'    <section id="def-{code}" aria-labelledby="kop-{code}">',
                f'      <h2 id="kop-{code}">{escape(code)}</h2>',
                f'      <p lang="en">{md.renderInline(text.removeprefix("— ").strip())}</p>',
                "    </section>",
            ]
    parts.append('    <section id="grenzen" aria-labelledby="grenzen-kop">\n      <h2 id="grenzen-kop">Bekende grenzen</h2>')
    parts.append(f'<div lang="en">{md.render(section(markdown, "## Known limits")).strip()}</div>')
    parts.append("    </section>")
    return _PAGE.format(body="\n".join(parts))


def main() -> None:
    html = render(SOURCE.read_text(encoding="utf-8"))
    if "--check" in sys.argv:
        sys.exit(0 if TARGET.read_text(encoding="utf-8") == html else 1)
    TARGET.write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main()
