"""Resolve the way a State (or the EU) is written in a UN document to its registry entry.

UN documents name States in many ways: short or formal, with or without "the", old names
("Swaziland", "the former Yugoslav Republic of Macedonia"), and, in text extracted from PDFs,
with stray spaces inside Chinese names and full-width brackets. `normalise_name` reduces all of these
to one key; the index maps keys to States and is built once from the database (all six languages'
short and formal names) plus the alias table in data/name_aliases.csv.
"""

from __future__ import annotations

import csv
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from cosp.core.enums import OrganisationKind
from cosp.core.models import Organisation

from .models import State

ALIASES_CSV = Path(__file__).resolve().parent / "data" / "name_aliases.csv"

_NAME_FIELDS = tuple(
    f"{field}_{lang}"
    for field in ("short_name", "formal_name")
    for lang in ("en", "zh_hans", "ar", "fr", "ru", "es")
)
# English and Chinese are the UN names we keep in our own data; they win over CLDR's other languages
# if two States ever normalise to the same key.
_PREFERRED_FIELDS = ("short_name_en", "formal_name_en", "short_name_zh_hans", "formal_name_zh_hans")

_APOSTROPHES = str.maketrans(dict.fromkeys("’‘`´′ʼ＇", "'"))
# Articles UNTERM puts in brackets after a short name: "Bahamas (the)", "Afghanistan (l')".
_BRACKETED_ARTICLE = re.compile(r"\(\s*(?:the|l'|le|la|les|el|los|las)\s*\)", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LEADING_THE = re.compile(r"^(?:the\s+)+")
_TRAILING_THE = re.compile(r"(?:\s+the)+$")


class UnresolvedName(ValueError):
    """No State (or more than one) answers to this name."""

    def __init__(self, text: str, reason: str = "no State or organization is known by this name") -> None:
        self.text = text
        super().__init__(f"Cannot resolve {text!r}: {reason}")


def normalise_name(text: str) -> str:
    """The lookup key for a name: case, accents, width, brackets, apostrophes, "the" and spacing folded."""
    value = unicodedata.normalize("NFKC", text or "")  # full-width （）、letters and digits → ASCII
    value = value.translate(_APOSTROPHES)
    value = _BRACKETED_ARTICLE.sub(" ", value)
    # Drop accents (Côte, Türkiye, São Tomé) so that ASCII spellings match too.
    value = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    value = value.casefold()
    # Punctuation (brackets, commas, stops, apostrophes, hyphens, Chinese 、。) is never significant.
    value = value.replace("'", "")  # d'Ivoire and d Ivoire and dIvoire alike
    value = "".join(" " if unicodedata.category(c)[0] in "PSZC" else c for c in value)
    value = " ".join(value.split())
    value = _TRAILING_THE.sub("", _LEADING_THE.sub("", value))
    if _CJK.search(value):
        # Chinese has no word spaces; PDF extraction inserts them at random.
        value = value.replace(" ", "")
        value = value.removeprefix("的")
    return value


class _Index:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.keys: dict[str, str] | None = None
        self.ambiguous: set[str] = set()


_index = _Index()


def clear_name_cache() -> None:
    """Forget the index; the next lookup rebuilds it from the database."""
    with _index.lock:
        _index.keys = None
        _index.ambiguous = set()


def _read_aliases() -> list[tuple[str, str]]:
    with ALIASES_CSV.open(encoding="utf-8", newline="") as handle:
        return [(row["alias"], row["iso3"].strip().upper()) for row in csv.DictReader(handle)]


def alias_names() -> list[str]:
    """The other names States go by in UN documents (old names, common short forms)."""
    return [alias for alias, _iso3 in _read_aliases()]


def _build() -> tuple[dict[str, str], set[str]]:
    # Two tiers: UN English/Chinese names and aliases first; CLDR's other languages only fill gaps.
    tiers: tuple[dict[str, set[str]], dict[str, set[str]]] = ({}, {})
    known: set[str] = set()
    for row in State.objects.values("iso3", *_NAME_FIELDS):
        known.add(row["iso3"])
        for field in _NAME_FIELDS:
            if key := normalise_name(row[field] or ""):
                tiers[field not in _PREFERRED_FIELDS].setdefault(key, set()).add(row["iso3"])
    for alias, iso3 in _read_aliases():
        if iso3 in known:  # an alias for a State not (yet) loaded is simply unused
            tiers[0].setdefault(normalise_name(alias), set()).add(iso3)
    keys: dict[str, str] = {}
    ambiguous: set[str] = set()
    for tier in reversed(tiers):  # the preferred tier overwrites
        for key, codes in tier.items():
            if len(codes) == 1:
                keys[key] = next(iter(codes))
                ambiguous.discard(key)
            else:
                keys.pop(key, None)
                ambiguous.add(key)
    return keys, ambiguous


def _lookup(key: str) -> tuple[str | None, bool]:
    with _index.lock:
        if not _index.keys:  # an empty registry is not cached: it is about to be loaded
            _index.keys, _index.ambiguous = _build()
        return _index.keys.get(key), key in _index.ambiguous


def resolve_state(text: str) -> State:
    """The State (or the EU) that `text` names, in any of the six languages; else UnresolvedName."""
    key = normalise_name(text)
    if not key:
        raise UnresolvedName(text, "the name is empty")
    iso3, ambiguous = _lookup(key)
    if ambiguous:
        raise UnresolvedName(text, "the name fits more than one State")
    # The index holds ISO codes, not rows, so a reloaded registry never yields a stale object.
    state = State.objects.filter(iso3=iso3).first() if iso3 else None
    if state is None:
        raise UnresolvedName(text)
    return state


def resolve_states(texts: Iterable[str]) -> list[State]:
    """Resolve each name in order; the first unresolved one raises UnresolvedName."""
    return [resolve_state(text) for text in texts]


def resolve_organisation(text: str) -> Organisation:
    """The observer organisation or secretariat that `text` names (any language, or its abbreviation).

    Organisations are few and change often, so they are matched without a cached index.
    """
    key = normalise_name(text)
    if key:
        languages = ("en", "zh_hans", "ar", "fr", "ru", "es")
        # Former names too: a report of an earlier year names a renamed organisation by its old name.
        fields = [f"{name}_{lang}" for name in ("name", "former_name") for lang in languages]
        fields.append("abbreviation")
        candidates = Organisation.objects.exclude(kind=OrganisationKind.STATE).values("pk", *fields)
        matches = {row["pk"] for row in candidates if key in {normalise_name(row[f] or "") for f in fields}}
        if len(matches) == 1:
            return Organisation.objects.get(pk=matches.pop())
        if matches:
            raise UnresolvedName(text, "the name fits more than one organization")
    raise UnresolvedName(text, "no organization is known by this name")


def resolve(text: str) -> State | Organisation:
    """A State (or the EU) if one answers to `text`, else an organisation; else UnresolvedName."""
    try:
        return resolve_state(text)
    except UnresolvedName:
        try:
            return resolve_organisation(text)
        except UnresolvedName:
            raise UnresolvedName(text) from None
