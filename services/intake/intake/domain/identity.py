"""When two records are the same person (issue 13, item 1): the BSN decides; without it, surname, first name (or
initials) and date of birth must all match after normalisation. A match on fewer fields is a possible duplicate
for central access to judge, never an automatic merge.

Normalisation: case and diacritics do not count ("Zoë" is "zoe"); a surname's tussenvoegsels ("van", "de",
"van der", "'t") count whether written apart, attached or after the name ("van der Berg", "Vanderberg",
"Berg, van der" and "Berg van der" are one surname), but a surname without them ("Berg") is another surname,
which makes the pair at most a possible duplicate. Initials ("J.", "J.P.") match a first name that starts with them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# Dutch (and the common Flemish/French/German) tussenvoegsels, as they appear in the BRP's table of voorvoegsels.
TUSSENVOEGSELS = frozenset(
    {"van", "de", "der", "den", "het", "t", "te", "ter", "ten", "in", "op", "onder", "uit", "aan", "bij", "tot", "voor"}
    | {"la", "le", "les", "du", "des", "d", "l", "von", "vom", "zu", "zum", "zur", "am", "del", "della", "da", "di", "dos"}
    | {"vd", "v"}
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


class Field(StrEnum):
    achternaam = "achternaam"
    voornaam = "voornaam"
    geboortedatum = "geboortedatum"
    alias = "alias"


class Verdict(StrEnum):
    same = "zelfde-persoon"
    possible = "mogelijke-dubbele"
    different = "verschillend"


def plain(text: str) -> str:
    """Lower case, without diacritics, with one kind of apostrophe and single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(stripped.split())


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s'.]+", text) if w]


def _surname_words(surname: str) -> list[str]:
    """The surname's words in reading order: "Berg, van der" and a trailing "Berg van der" become "van der Berg"."""
    text = plain(surname)
    if "," in text:
        name, _, prefix = text.partition(",")
        text = f"{prefix} {name}"
    words = _words(text)
    trailing = len(words)
    while trailing > 0 and words[trailing - 1] in TUSSENVOEGSELS:
        trailing -= 1
    if 0 < trailing < len(words):
        words = words[trailing:] + words[:trailing]
    return words


def surname_key(surname: str) -> str:
    """The surname with its tussenvoegsels, letters only: apart or attached is the same."""
    return _NOT_ALNUM.sub("", "".join(_surname_words(surname)))


def surname_core(surname: str) -> str:
    """The surname without leading tussenvoegsels (only when written apart): to find possible duplicates."""
    words = _surname_words(surname)
    core = list(words)
    while len(core) > 1 and core[0] in TUSSENVOEGSELS:
        core.pop(0)
    return _NOT_ALNUM.sub("", "".join(core))


def is_initials(first_name: str) -> bool:
    """ "J.", "J.P.", "j p": every part one letter."""
    parts = [p for p in re.split(r"[\s.\-]+", plain(first_name)) if p]
    return bool(parts) and all(len(p) == 1 for p in parts)


def initials(first_name: str) -> str:
    parts = [p for p in re.split(r"[\s.\-]+", plain(first_name)) if p]
    return "".join(p[0] for p in parts if p[0].isalnum())


def first_name_key(first_name: str) -> str:
    return _NOT_ALNUM.sub("", plain(first_name))


def first_names_match(a: str, b: str) -> bool:
    """Full names must be equal; where one side gives only initials, the shorter initials must begin the longer."""
    if is_initials(a) or is_initials(b):
        x, y = initials(a), initials(b)
        return bool(x and y) and (x.startswith(y) or y.startswith(x))
    return bool(first_name_key(a)) and first_name_key(a) == first_name_key(b)


def alias_key(alias: str) -> str:
    return _NOT_ALNUM.sub("", plain(alias))


@dataclass(frozen=True)
class Identity:
    """What a report says about who someone is (no BSN: the BSN is compared by its blind index)."""

    achternaam: str | None = None
    voornaam: str | None = None
    geboortedatum: date | None = None
    alias: str | None = None

    def lookup_keys(self) -> dict[str, str]:
        """Plain keys (to be blind-indexed) that find candidates, each with what it is made of: any two of the three
        fields (the surname both with and without its tussenvoegsels, the first name by its first initial), or the
        alias. Finding a candidate decides nothing: `compare` does."""
        keys: dict[str, str] = {}
        surnames = sorted({surname_key(self.achternaam), surname_core(self.achternaam)} - {""}) if self.achternaam else []
        first = initials(self.voornaam)[:1] if self.voornaam else ""
        born = self.geboortedatum.isoformat() if self.geboortedatum else ""
        for surname in surnames:
            if born:
                keys[f"ad:{surname}|{born}"] = "achternaam-geboortedatum"
            if first:
                keys[f"av:{surname}|{first}"] = "achternaam-voornaam"
        if first and born:
            keys[f"vd:{first}|{born}"] = "voornaam-geboortedatum"
        if self.alias and alias_key(self.alias):
            keys[f"al:{alias_key(self.alias)}"] = "alias"
        return keys


def matching_fields(a: Identity, b: Identity) -> list[Field]:
    fields: list[Field] = []
    if a.achternaam and b.achternaam and surname_key(a.achternaam) == surname_key(b.achternaam):
        fields.append(Field.achternaam)
    if a.voornaam and b.voornaam and first_names_match(a.voornaam, b.voornaam):
        fields.append(Field.voornaam)
    if a.geboortedatum and b.geboortedatum and a.geboortedatum == b.geboortedatum:
        fields.append(Field.geboortedatum)
    if a.alias and b.alias and alias_key(a.alias) == alias_key(b.alias):
        fields.append(Field.alias)
    return fields


def compare(a: Identity, b: Identity) -> tuple[Verdict, list[Field]]:
    """Same person only on all three of surname, first name and date of birth. Two of them, a surname that differs
    only in its tussenvoegsels with the same date of birth, or the same alias: a possible duplicate."""
    fields = matching_fields(a, b)
    names = {Field.achternaam, Field.voornaam, Field.geboortedatum}
    if names <= set(fields):
        return Verdict.same, fields
    if len(names & set(fields)) >= 2 or Field.alias in fields:
        return Verdict.possible, fields
    same_core = a.achternaam and b.achternaam and surname_core(a.achternaam) == surname_core(b.achternaam)
    if same_core and Field.geboortedatum in fields:
        return Verdict.possible, [*fields, Field.achternaam]
    return Verdict.different, fields
