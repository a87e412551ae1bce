"""The one text preprocessing step and the one query builder every search backend shares.

Indexing (`index_text`): text is folded (NFKD, combining marks dropped, lower-cased: "É" → "e") and cut
into tokens of two kinds:

* a run of CJK characters becomes its overlapping character bigrams followed by its last character
  alone: `资产追回` → `资产 产追 追回 回`; a one-character run stays itself (`国` → `国`). No word
  segmentation decides what can be found (segmenters miss fragments such as `约国会`; see SEARCH.md).
* any other run of letters and digits is a word (unicode61-like): `Anti-Corruption` → `anti corruption`.

The backends only ever see these tokens, separated by spaces, and never tokenize anything themselves
(FTS5's unicode61 finds nothing more to split or fold in them; PostgreSQL gets a tsvector literal), so
both return the same blocks.

Querying (`parse_query`): the query is a list of terms, all of which must match (AND). A term is a
quoted phrase or a whitespace-separated chunk; each term is a phrase of tokens built with the rules
above, so a Chinese term of two or more characters is the phrase of its bigrams and matches exactly
where the string occurs (`国会` is found inside `缔约国会议`: ranking, not matching, deals with that).

The one-character Chinese term: `资` is the first character of a bigram wherever it occurs, except
at the end of a run, where the trailing single-character token is. A prefix query `资*` therefore
finds every block containing `资`, and nothing else: recall equals substring matching exactly. The
same rules make mixed terms exact: a CJK run followed by a word in the term must end there in the text
(its trailing single character is part of the phrase), a run ending the term may continue in the text
(its last bigram is enough; a one-character run ending a term is a prefix).

English: words are matched whole, except the last word of an unquoted term of 3 characters or more,
which is a prefix (`assist` finds `assistance`); there is no stemming. Other languages match by exact
(folded) words the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import add

# CJK unified ideographs (with extension A, compatibility ideographs, the supplementary planes) and 〇.
CJK_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
_CJK_CHAR = re.compile(f"[{CJK_CLASS}]")
# A token: a CJK run, or a run of letters and digits that are not CJK.
_TOKEN = re.compile(f"([{CJK_CLASS}]+)|([^\\W_{CJK_CLASS}]+)")
_QUOTED = re.compile(r'"([^"]*)"?|(\S+)')


# Characters that never need folding: ASCII letters only need lower(), CJK nothing, and this CJK
# punctuation separates tokens whether folded or not. Text made only of them takes the fast path.
_PLAIN = re.compile(f"[\\x00-\\x7f{CJK_CLASS}，。、；：？！“”‘’（）《》〈〉【】「」『』…—·　]*\\Z")


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return kept.lower()


class _FoldTable(dict):
    """str.translate's table for folding, filled in as characters are met (translate runs in C)."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _fold_char(chr(code))
        return value


class _ResizeTable(dict):
    """Keeps the characters whose folded form is not exactly one character, drops the others."""

    def __missing__(self, code: int) -> str | None:
        value = self[code] = None if len(_fold_char(chr(code))) == 1 else chr(code)
        return value


_FOLD = _FoldTable()
_RESIZE = _ResizeTable()


def fold(text: str) -> str:
    """Lower-case and strip diacritics; CJK characters are left alone."""
    if _PLAIN.match(text):
        return text.lower()
    return text.translate(_FOLD)  # each character folded alone, as _fold_char does


def _run_tokens(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


_ASCII_WORD = re.compile("[0-9a-z]+")


def index_text(text: str) -> str:
    """The text every backend indexes: its tokens (see the module docstring) separated by spaces.

    No Python loop over characters (this is on the ingestion path): folded ASCII text (most English)
    is only words, found by one simple pattern; otherwise one pattern finds runs and words, and
    map(add) pairs a run's characters."""
    folded = fold(text)
    if folded.isascii():  # no CJK, and the word characters are [0-9a-z] (folded is lower-case)
        return " ".join(_ASCII_WORD.findall(folded))
    parts: list[str] = []
    append = parts.append
    for cjk, word in _TOKEN.findall(folded):
        if word:
            append(word)
        elif len(cjk) == 1:
            append(cjk)
        else:
            append(" ".join(map(add, cjk, cjk[1:])))
            append(cjk[-1])
    return " ".join(parts)


def index_tokens(text: str) -> list[str]:
    """The tokens of a text, in order."""
    return index_text(text).split()


def _folded_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, the index of the original character."""
    if _PLAIN.match(text):
        return text.lower(), range(len(text))
    if not text.translate(_RESIZE):  # every character folds to exactly one
        return text.translate(_FOLD), range(len(text))
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = char.lower() if char < "\x80" else _fold_char(char)
        chars.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(chars), offsets


def tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    """The tokens of `text` with the [start, end) span of original characters each covers."""
    folded, offsets = _folded_with_offsets(text)
    found: list[tuple[str, int, int]] = []
    for match in _TOKEN.finditer(folded):
        start = match.start()
        if match.group(1):
            run = match.group(1)
            for i, token in enumerate(_run_tokens(run)):
                begin = start + (i if len(token) == 2 or len(run) == 1 else len(run) - 1)
                end = begin + len(token)
                found.append((token, offsets[begin], offsets[end - 1] + 1))
        else:
            found.append((match.group(2), offsets[start], offsets[match.end() - 1] + 1))
    return found


@dataclass(frozen=True)
class Term:
    """A phrase of index tokens that must occur in this order; with `prefix`, the last one is a prefix."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)


def term_for(chunk: str, *, quoted: bool = False) -> Term | None:
    """The phrase of tokens for one term of a query (None when it has no letters, digits or CJK)."""
    segments = [(cjk, word) for cjk, word in _TOKEN.findall(fold(chunk))]
    if not segments:
        return None
    tokens: list[str] = []
    prefix = False
    for position, (cjk, word) in enumerate(segments):
        last = position == len(segments) - 1
        if cjk and not last:
            tokens.extend(_run_tokens(cjk))  # the run must end here in the text too
        elif cjk and len(cjk) == 1:
            tokens.append(cjk)
            prefix = True  # `资*`: a bigram starting with it, or a run's trailing character
        elif cjk:
            tokens.extend(cjk[i : i + 2] for i in range(len(cjk) - 1))  # the run may continue
        else:
            tokens.append(word)
            prefix = last and not quoted and len(word) >= 3
    return Term(tuple(tokens), prefix)


def parse_query(query: str) -> ParsedQuery:
    """Terms of a query: quoted phrases and whitespace-separated chunks, all required."""
    terms: list[Term] = []
    for quoted, bare in _QUOTED.findall(query):
        term = term_for(quoted, quoted=True) if quoted else term_for(bare)
        if term is not None and term not in terms:
            terms.append(term)
    return ParsedQuery(tuple(terms))


def contains_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


def _token_matches(token: str, wanted: str, prefix: bool) -> bool:
    return token.startswith(wanted) if prefix else token == wanted


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, with overlapping or touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_spans_by_tokens(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """`match_spans` computed on the token list itself: the definition `match_spans` must agree with
    (kept for the tests, and for terms `_term_pattern` cannot express)."""
    tokens = tokens_with_offsets(text)
    where: dict[str, list[int]] = {}
    for index, (token, _start, _end) in enumerate(tokens):
        where.setdefault(token, []).append(index)
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        wanted = term.tokens
        size = len(wanted)
        if size == 1 and term.prefix:
            starts = [i for token, found in where.items() if token.startswith(wanted[0]) for i in found]
        else:
            starts = where.get(wanted[0], [])
        for i in starts:
            if i + size <= len(tokens) and all(
                _token_matches(tokens[i + j][0], wanted[j], term.prefix and j == size - 1)
                for j in range(1, size)
            ):
                spans.append((tokens[i][1], tokens[i + size - 1][2]))
    return _merged(spans)


# Snippets: each term becomes one compiled pattern over the folded text that matches exactly where its
# tokens occur in the token list (`match_spans_by_tokens` is the definition; a test compares the two).
_C = f"[{CJK_CLASS}]"
_W = f"[^\\W_{CJK_CLASS}]"  # a character of a word token
_SEPARATORS = f"(?:[^\\w{CJK_CLASS}]|_)*"  # characters that are in no token


@lru_cache(maxsize=256)
def _segments(term: Term) -> tuple[tuple[str, bool], ...] | None:
    """The term as the runs it was made of: (text, is_cjk), or None for tokens no query produces."""
    segments: list[tuple[str, bool]] = []
    chain = ""  # the CJK run being rebuilt from its bigrams
    for token in term.tokens:
        if not _CJK_CHAR.match(token):
            if chain:
                return None  # a run of bigrams is closed by its trailing character, never by a word
            segments.append((token, False))
        elif len(token) == 2:
            if chain and chain[-1] != token[0]:
                return None
            chain = chain + token[1] if chain else token
        elif chain:  # the trailing character closes the run
            if chain[-1] != token:
                return None
            segments.append((chain, True))
            chain = ""
        else:
            segments.append((token, True))
    if chain:
        segments.append((chain, True))
    return tuple(segments)


@lru_cache(maxsize=256)
def _term_pattern(term: Term) -> re.Pattern[str] | None:
    """A pattern that, matched at a position where the term's first run starts, spans what the term's
    tokens cover from there (None when the term cannot be written so)."""
    segments = _segments(term)
    if not segments:
        return None
    parts = []
    for index, (segment, cjk) in enumerate(segments):
        first, last = index == 0, index == len(segments) - 1
        literal = re.escape(segment)
        if cjk:
            if not first:
                literal = f"(?<!{_C})" + literal  # the previous token ended a run or a word
            if not last:
                literal += f"(?!{_C})"  # its trailing character is in the phrase: the run ends here
            elif len(segment) == 1:
                literal += f"{_C}?"  # `资*`: the token is the bigram starting with it, if any
        else:
            literal = f"(?<!{_W})" + literal
            literal += f"{_W}*" if last and term.prefix else f"(?!{_W})"
        parts.append(literal)
    return re.compile(_SEPARATORS.join(parts))


def _folded_spans(folded: str, term: Term) -> list[tuple[int, int]] | None:
    """[start, end) spans of the folded text matched by the term (None: no pattern for it).

    Every match starts with the term's first run: str.find lists where it occurs (overlapping ones
    too, as the token scan does), the pattern is tried only there."""
    segments = _segments(term)
    pattern = _term_pattern(term)
    if not segments or pattern is None:
        return None
    needle = segments[0][0]
    plain = len(segments) == 1 and segments[0][1] and len(needle) > 1 and not term.prefix
    spans = []
    find, match = folded.find, pattern.match
    position = find(needle)
    while position >= 0:
        if plain:  # a Chinese term of 2+ characters (its bigrams): exactly where the string occurs
            spans.append((position, position + len(needle)))
        else:
            found = match(folded, position)
            if found is not None:
                spans.append(found.span())
        position = find(needle, position + 1)
    return spans


def match_spans(text: str, query: ParsedQuery) -> list[tuple[int, int]]:
    """The [start, end) spans of `text` each term of the query matches, merged and in order.

    The same token rules as the index, so a snippet marks exactly what the backends matched; found
    with str.find and one cached pattern per term over the folded text, not by listing its tokens."""
    folded, offsets = _folded_with_offsets(text)
    spans: list[tuple[int, int]] = []
    for term in query.terms:
        found = _folded_spans(folded, term)
        if found is None:
            return match_spans_by_tokens(text, query)
        spans += found
    if not isinstance(offsets, range):  # folding changed the length: back to the text's positions
        spans = [(offsets[start], offsets[end - 1] + 1) for start, end in spans]
    return _merged(spans)


# --- Query syntax for each backend --------------------------------------------------------------------


def fts5_query(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression: `"资产 产追" AND "assist" *`. Tokens never contain quotes."""
    parts = []
    for term in query.terms:
        phrase = '"' + " ".join(term.tokens) + '"'
        parts.append(phrase + " *" if term.prefix else phrase)
    return " AND ".join(parts)


def _ts_lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(query: ParsedQuery) -> str:
    """A PostgreSQL tsquery literal: `'资产' <-> '产追' & 'assist':*` (cast with ::tsquery, no parsing)."""
    parts = []
    for term in query.terms:
        lexemes = [_ts_lexeme(token) for token in term.tokens]
        if term.prefix:
            lexemes[-1] += ":*"
        phrase = " <-> ".join(lexemes)
        parts.append(f"({phrase})" if len(lexemes) > 1 else phrase)
    return " & ".join(parts)


def tsvector(text: str) -> str:
    """A PostgreSQL tsvector literal of a text's tokens with their positions (cast with ::tsvector).

    Built here rather than by to_tsvector() so PostgreSQL's parser (which keeps `CAC/COSP/2019/3` or
    `1.5` as one token) never tokenizes differently from SQLite. Positions stop at 16383 (PostgreSQL's
    limit); each lexeme keeps its first 256 positions, as PostgreSQL would."""
    positions: dict[str, list[str]] = {}
    for position, token in enumerate(index_tokens(text), start=1):
        kept = positions.setdefault(token, [])
        if len(kept) < 256:
            kept.append(str(min(position, 16383)))
    return " ".join(_ts_lexeme(token) + ":" + ",".join(pos) for token, pos in positions.items())
