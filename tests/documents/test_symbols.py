"""UN document symbols: the truth table, running text, properties and the real samples."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cosp.documents.symbols import (
    DOC_TYPES,
    SUFFIXES,
    Symbol,
    base_symbol,
    clean_symbol,
    find_symbols,
    parse_symbol,
)
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.unit]

# --- the truth table: input -> canonical symbol, or None -------------------------------------------

TRUTH_TABLE = [
    # canonical forms come back unchanged
    ("CAC/COSP/2017/14", "CAC/COSP/2017/14"),
    ("CAC/COSP/IRG/2019/9/Add.1", "CAC/COSP/IRG/2019/9/Add.1"),
    ("CAC/COSP/WG.2/2016/4", "CAC/COSP/WG.2/2016/4"),
    ("CAC/COSP/WG.4/2017/4", "CAC/COSP/WG.4/2017/4"),
    ("CAC/COSP/EG.1/2016/2", "CAC/COSP/EG.1/2016/2"),
    ("CAC/COSP/S/2021/L.1", "CAC/COSP/S/2021/L.1"),
    ("CAC/COSP/2017/L.5", "CAC/COSP/2017/L.5"),
    ("CAC/COSP/2017/L.5/Rev.1", "CAC/COSP/2017/L.5/Rev.1"),
    ("CAC/COSP/2019/CRP.1", "CAC/COSP/2019/CRP.1"),
    ("CAC/COSP/2019/INF/1", "CAC/COSP/2019/INF/1"),
    ("CAC/COSP/2021/NGO/3", "CAC/COSP/2021/NGO/3"),
    ("CAC/COSP/2013/WP.2", "CAC/COSP/2013/WP.2"),
    ("CAC/COSP/2013/Misc.1", "CAC/COSP/2013/Misc.1"),
    ("CAC/COSP/IRG/2017/CRP.2", "CAC/COSP/IRG/2017/CRP.2"),
    ("CAC/COSP/2017/L.1/Rev.1/Add.2", "CAC/COSP/2017/L.1/Rev.1/Add.2"),
    ("A/58/422/Add.1/Corr.1", "A/58/422/Add.1/Corr.1"),
    ("CAC/COSP/IRG/I/3/1/Add.19", "CAC/COSP/IRG/I/3/1/Add.19"),
    ("CAC/COSP/IRG/II/2/1/Add.12", "CAC/COSP/IRG/II/2/1/Add.12"),
    ("A/RES/58/4", "A/RES/58/4"),
    ("A/75/810", "A/75/810"),
    ("A/C.3/56/L.12", "A/C.3/56/L.12"),
    ("E/RES/2004/26", "E/RES/2004/26"),
    ("E/CN.15/2015/L.3/Corr.1", "E/CN.15/2015/L.3/Corr.1"),
    ("ST/SGB/2013/4", "ST/SGB/2013/4"),
    ("CTOC/COP/2020/10", "CTOC/COP/2020/10"),
    ("A/CONF.62/122", "A/CONF.62/122"),
    # what extracted text does to them
    ("CAC / COSP / 2017 / 14", "CAC/COSP/2017/14"),
    ("ＣＡＣ／ＣＯＳＰ／２０１７／１４", "CAC/COSP/2017/14"),
    ("ＣＡＣ／ＣＯＳＰ／２０１７／Ｌ．５", "CAC/COSP/2017/L.5"),
    ("CACCOSP/IRG/2023/7", "CAC/COSP/IRG/2023/7"),
    ("CAC COSP/2017/14", "CAC/COSP/2017/14"),
    ("cac/cosp/2017/l.5/rev.1", "CAC/COSP/2017/L.5/Rev.1"),
    ("a/res/58/4", "A/RES/58/4"),
    ("CAC/COSP/2017/14。", "CAC/COSP/2017/14"),
    ("CAC/COSP/2017/14.", "CAC/COSP/2017/14"),
    ("CAC/COSP/2017/14,", "CAC/COSP/2017/14"),
    ("CAC/COSP/2017/14)", "CAC/COSP/2017/14"),
    ("CAC/COSP/2017/14；", "CAC/COSP/2017/14"),
    ("（CAC/COSP/2017/14）", "CAC/COSP/2017/14"),
    ("“CAC/COSP/2017/14”", "CAC/COSP/2017/14"),
    ("《CAC/COSP/2017/14》", "CAC/COSP/2017/14"),
    ("[CAC/COSP/2017/14](#)", "CAC/COSP/2017/14"),
    ("[CAC/COSP/2017/14](https://undocs.org/CAC/COSP/2017/14)", "CAC/COSP/2017/14"),
    ("  CAC/COSP/2017/14  ", "CAC/COSP/2017/14"),
    ("CAC/COSP/2017/14²", "CAC/COSP/2017/14"),
    ("CAC/COSP/IRG/2019/9/Add. 1", "CAC/COSP/IRG/2019/9/Add.1"),
    ("CAC/COSP/2017/L.5/Rev 1", "CAC/COSP/2017/L.5/Rev.1"),
    ("CAC/COSP/2017/L. 5/REV.1", "CAC/COSP/2017/L.5/Rev.1"),
    ("CAC/COSP/2019/INF.1", "CAC/COSP/2019/INF/1"),
    ("CAC/COSP/2019/crp.1", "CAC/COSP/2019/CRP.1"),
    ("CAC/COSP/2017/05", "CAC/COSP/2017/5"),
    ("CAC\u2215COSP\u22152017\u221514", "CAC/COSP/2017/14"),  # division slashes from PDFs
    ("CAC/COSP/2017/\u200b14", "CAC/COSP/2017/14"),  # zero-width space
    ("cac/cosp/irg/i/3/1/add_19", "CAC/COSP/IRG/I/3/1/Add.19"),  # UN Parallel Corpus ids
    ("e/cn_15/2015/5", "E/CN.15/2015/5"),
    # not symbols
    ("", None),
    ("   ", None),
    ("7/1", None),
    ("2017/18", None),
    ("CAC", None),
    ("CAC/COSP", None),
    ("CAC/COSP/2017", None),
    ("hello/world", None),
    ("HIV/AIDS", None),
    ("UTF/8", None),
    ("I-24/7", None),
    ("CAC/COSP/2017/14 and CAC/COSP/2017/15", None),
    ("CAC/COSP/2017/L.1/Add.1-4", None),  # four documents, not one
    ("CAC/COSP/2017/14/xyz", None),
    ("A/RES/58/4x", None),
    ("S/RES/2133", "S/RES/2133"),
    ("COP/10", None),
    ("CAC/COSP/1817/14", None),  # no such year
    ("https://undocs.org/CAC/COSP/2017/14", None),
]


@pytest.mark.parametrize(("text", "expected"), TRUTH_TABLE)
def test_clean_symbol_truth_table(text, expected):
    assert clean_symbol(text) == expected


def test_the_truth_table_is_large_enough():
    assert len(TRUTH_TABLE) >= 40


def test_non_strings_are_not_symbols():
    assert parse_symbol(None) is None  # type: ignore[arg-type]
    assert clean_symbol(17) is None  # type: ignore[arg-type]


# --- the value type --------------------------------------------------------------------------------


def test_the_parts_of_a_conference_symbol():
    symbol = parse_symbol("CAC/COSP/2017/L.12/Rev.1")
    assert symbol == Symbol(series="CAC/COSP", year=2017, doc_type="L", number=12, suffixes=(("Rev", 1),))
    assert symbol.session is None
    assert symbol.cycle is None


def test_a_general_assembly_resolution_has_a_session_not_a_year():
    symbol = parse_symbol("A/RES/58/4")
    assert (symbol.series, symbol.session, symbol.year, symbol.number) == ("A/RES", 58, None, 4)


def test_the_irg_cycle_series():
    symbol = parse_symbol("CAC/COSP/IRG/II/2/1/Add.12")
    assert (symbol.series, symbol.cycle, symbol.session, symbol.number) == ("CAC/COSP/IRG", "II", 2, 1)
    assert symbol.suffixes == (("Add", 12),)


@pytest.mark.parametrize(
    ("text", "base", "role", "body_prefix"),
    [
        ("CAC/COSP/2017/14", "CAC/COSP/2017/14", "original", "CAC/COSP"),
        ("CAC/COSP/2017/L.12/Rev.1", "CAC/COSP/2017/L.12", "revision", "CAC/COSP"),
        ("CAC/COSP/IRG/2016/9/Add.1", "CAC/COSP/IRG/2016/9", "addendum", "CAC/COSP/IRG"),
        ("A/58/422/Add.1/Corr.1", "A/58/422", "corrigendum", "A"),
        ("CAC/COSP/2017/L.1/Rev.1/Add.2", "CAC/COSP/2017/L.1", "addendum", "CAC/COSP"),
        ("CAC/COSP/IRG/I/3/1/Add.19", "CAC/COSP/IRG/I/3/1", "addendum", "CAC/COSP/IRG"),
        ("CAC/COSP/S/2021/L.1", "CAC/COSP/S/2021/L.1", "original", "CAC/COSP"),
        ("CAC/COSP/WG.4/2017/4", "CAC/COSP/WG.4/2017/4", "original", "CAC/COSP/WG.4"),
        ("A/RES/58/4", "A/RES/58/4", "original", "A"),
        ("E/CN.15/2015/L.3/Corr.1", "E/CN.15/2015/L.3", "corrigendum", "E/CN.15"),
        ("ST/SGB/2013/4", "ST/SGB/2013/4", "original", "ST"),
    ],
)
def test_family_and_body(text, base, role, body_prefix):
    symbol = parse_symbol(text)
    assert str(symbol.base) == base == base_symbol(text)
    assert symbol.family_role == role
    assert symbol.body_prefix == body_prefix


def test_base_symbol_of_a_non_symbol():
    assert base_symbol("7/1") is None


@pytest.mark.parametrize(
    "fields",
    [
        {"series": "cac/cosp", "number": 1},
        {"series": "CAC/COSP", "number": 1, "year": 2017, "session": 7},
        {"series": "CAC/COSP", "number": 1, "year": 17},
        {"series": "CAC/COSP", "number": 1, "doc_type": "XYZ"},
        {"series": "CAC/COSP", "number": 1, "cycle": "Q"},
        {"series": "CAC/COSP", "number": -1},
        {"series": "CAC/COSP", "number": 1, "suffixes": (("Sub", 1),)},
        {"series": "COP", "number": 10},
        {"series": "CAC/COSP", "number": 2017},
    ],
)
def test_invalid_values_are_refused(fields):
    with pytest.raises(ValueError, match=r"."):
        Symbol(**fields)


# --- running text ----------------------------------------------------------------------------------


def test_find_symbols_in_chinese():
    text = (
        "缔约国会议收到了秘书处的说明（CAC/COSP/2017/5），另见CAC/COSP/2017/5号文件和"
        "[CAC/COSP/IRG/2017/CRP.2](#)。根据第 7/1 号决议和大会第 58/4 号决议，2017/18 年度预算"
        "载于ＣＡＣ／ＣＯＳＰ／２０１７／１３；报告草稿（CAC/COSP/2017/L.1 和 Add.1-4）获得通过。"
        "刑警组织 I-24/7 网络和 HIV/AIDS 方案不在此列。"
    )
    assert find_symbols(text) == [
        "CAC/COSP/2017/5",
        "CAC/COSP/IRG/2017/CRP.2",
        "CAC/COSP/2017/13",
        "CAC/COSP/2017/L.1",
        "CAC/COSP/2017/L.1/Add.1",
        "CAC/COSP/2017/L.1/Add.2",
        "CAC/COSP/2017/L.1/Add.3",
        "CAC/COSP/2017/L.1/Add.4",
    ]


def test_find_symbols_in_english():
    text = (
        "Recalling its resolution 7/1 and General Assembly resolution 58/4 (A/RES/58/4), and having "
        "considered the report of the Secretary-General (A/58/422 and Add.1-2), the note by the "
        "Secretariat (E/CN.15/2015/L.3 and Corr.1) and the draft CAC/COSP/2017/L.12/Rev.1, see also "
        "https://undocs.org/CAC/COSP/2019/3 and www.unodc.org/CAC/COSP/2019/4 for the 2017/18 budget; "
        "the executive summary CAC/COSP/IRG/I/3/1/Add.19 and CAC / COSP / 2017 /\n14 (a PDF line break)."
    )
    assert find_symbols(text) == [
        "A/RES/58/4",
        "A/58/422",
        "A/58/422/Add.1",
        "A/58/422/Add.2",
        "E/CN.15/2015/L.3",
        "E/CN.15/2015/L.3/Corr.1",
        "CAC/COSP/2017/L.12/Rev.1",
        "CAC/COSP/IRG/I/3/1/Add.19",
        "CAC/COSP/2017/14",
    ]


def test_find_symbols_ranges_and_continuations():
    assert find_symbols("A/58/422/Add.1–3") == ["A/58/422/Add.1", "A/58/422/Add.2", "A/58/422/Add.3"]
    assert find_symbols("A/58/422/Add.1 and Add.2") == ["A/58/422/Add.1", "A/58/422/Add.2"]
    assert find_symbols("X CAC/COSP/2017/L.3/Rev.1 和 Corr.1") == [
        "CAC/COSP/2017/L.3/Rev.1",
        "CAC/COSP/2017/L.3/Rev.1/Corr.1",
    ]
    # an implausible range is read as its first element only
    assert find_symbols("A/58/422/Add.1-2003") == ["A/58/422/Add.1"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7/1",
        "第 7/1 号决议",
        "2017/18",
        "2017/2018",
        "UTF/8",
        "HIV/AIDS",
        "and/or 5",
        "https://x.org/A/58/4",
    ],
)
def test_find_symbols_false_positives(text):
    assert find_symbols(text) == []


# --- properties ------------------------------------------------------------------------------------

SERIES = [
    "CAC/COSP",
    "CAC/COSP/IRG",
    "CAC/COSP/WG.2",
    "CAC/COSP/WG.4",
    "CAC/COSP/EG.1",
    "CAC/COSP/S",
    "A",
    "A/RES",
    "E",
    "E/RES",
    "E/CN.15",
    "A/C.3",
    "ST/SGB",
    "CTOC/COP",
]


@st.composite
def symbols(draw):
    series = draw(st.sampled_from(SERIES))
    cycle = year = session = None
    if series == "CAC/COSP/IRG" and draw(st.booleans()):
        cycle = draw(st.sampled_from(["I", "II"]))
        session = draw(st.integers(1, 5))
    elif draw(st.integers(0, 3)):
        year = draw(st.integers(2006, 2030))
    else:
        session = draw(st.integers(1, 80))
    return Symbol(
        series=series,
        cycle=cycle,
        year=year,
        session=session,
        doc_type=draw(st.none() | st.sampled_from(sorted(DOC_TYPES))),
        number=draw(st.integers(1, 99)),
        suffixes=tuple(
            draw(st.lists(st.tuples(st.sampled_from(sorted(SUFFIXES)), st.integers(1, 20)), max_size=3))
        ),
    )


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(symbols())
def test_str_then_parse_is_the_identity(symbol):
    assert parse_symbol(str(symbol)) == symbol
    assert clean_symbol(str(symbol)) == str(symbol)


@given(symbols(), st.data())
def test_noisy_renderings_parse_to_the_same_symbol(symbol, data):
    parts = str(symbol).split("/")
    noisy = parts[0]
    for part in parts[1:]:
        noisy += " " * data.draw(st.integers(0, 2)) + "/" + " " * data.draw(st.integers(0, 2)) + part
    if data.draw(st.booleans()):
        noisy = _full_width(noisy)
    noisy += data.draw(st.sampled_from(["", "。", ".", "，", "）"]))
    assert parse_symbol(noisy) == symbol
    assert parse_symbol(noisy.lower()) == symbol
    # Running text needs an upper-case organ ("and/or 5" is no symbol); suffixes may be any case.
    assert find_symbols(f"见{noisy}号文件") == [str(symbol)]


@given(st.text(alphabet="CAOSPRGILNF/.0123456789 adv-", max_size=30))
def test_clean_symbol_is_idempotent(text):
    cleaned = clean_symbol(text)
    if cleaned is not None:
        assert clean_symbol(cleaned) == cleaned


@given(symbols())
def test_clean_symbol_is_idempotent_on_symbols(symbol):
    once = clean_symbol(_full_width(str(symbol)) + "。")
    assert clean_symbol(once) == once


# --- the real samples ------------------------------------------------------------------------------

# Established by reading the report of the seventh session (CAC/COSP/2017/14, Chinese):
# annex I, "documents before the Conference", lists 36 symbols ...
COSP7_ANNEX_I = {
    *(f"CAC/COSP/2017/{n}" for n in range(1, 14)),
    "CAC/COSP/2015/10",
    "CAC/COSP/WG.2/2016/4",
    "CAC/COSP/WG.2/2017/4",
    "CAC/COSP/EG.1/2016/2",
    "CAC/COSP/WG.4/2016/5",
    "CAC/COSP/WG.4/2017/4",
    "CAC/COSP/2017/INF/1",
    "CAC/COSP/2017/INF/2",
    *(f"CAC/COSP/2017/CRP.{n}" for n in (1, 2, 3, 5, 6, 7, 8)),  # no CRP.4 in the list
    *(f"CAC/COSP/2017/NGO/{n}" for n in range(1, 9)),
}
# ... and the body cites 18 more: the draft resolutions and decisions acted on in chapter VIII
# (paras 116-119), the draft report "CAC/COSP/2017/L.1 和 Add.1-4" (para 122: the report and its
# four addenda), and two IRG documents in footnote 29 and chapter IV.
COSP7_CITED_ELSEWHERE = {
    "CAC/COSP/2017/L.1",
    *(f"CAC/COSP/2017/L.1/Add.{n}" for n in range(1, 5)),
    "CAC/COSP/2017/L.2",
    "CAC/COSP/2017/L.3/Rev.3",
    "CAC/COSP/2017/L.4/Rev.2",
    "CAC/COSP/2017/L.5",
    "CAC/COSP/2017/L.6",
    "CAC/COSP/2017/L.7/Rev.1",
    "CAC/COSP/2017/L.8/Rev.1",
    "CAC/COSP/2017/L.9/Rev.1",
    "CAC/COSP/2017/L.10/Rev.2",
    "CAC/COSP/2017/L.11/Rev.1",
    "CAC/COSP/2017/L.12/Rev.1",
    "CAC/COSP/IRG/2016/9/Add.1",
    "CAC/COSP/IRG/2017/CRP.2",
}
# The special session's report (2021) cites two: the draft political declaration it approved
# (paras 22 and 27) and the Secretary-General's report in footnote 6. Resolution numbers such as
# 73/191 and 74/276 are outcomes, not symbols.
SPECIAL_SESSION_2021 = {"CAC/COSP/S/2021/L.1", "A/75/810"}


def _sample(name: str) -> str:
    path = SHARED / "samples" / name
    if not path.exists():
        skip_or_fail(f"../shared is absent: {path} not found")
    return path.read_text(encoding="utf-8")


def test_cosp7_report_symbols():
    found = find_symbols(_sample("cosp7-report-2017.zh.txt"))
    assert len(COSP7_ANNEX_I) == 36
    assert len(COSP7_CITED_ELSEWHERE) == 18
    assert len(found) == len(set(found))
    assert set(found) == COSP7_ANNEX_I | COSP7_CITED_ELSEWHERE
    assert found[0] == "CAC/COSP/2017/L.12/Rev.1"  # first mention: the table of contents


def test_special_session_report_symbols():
    assert set(find_symbols(_sample("cosp-special-session-2021.zh.txt"))) == SPECIAL_SESSION_2021


def test_a_resolution_text_without_symbols():
    # Resolutions 41/128 and 55/279 are cited by number only; "virus/acquired" is not a symbol.
    assert find_symbols(_sample("ga-draft-resolution-2001.en.txt")) == []


def test_long_runs_of_slashes_are_read_in_linear_time():
    # Series are at most six parts long; unbounded, this took seconds (each start rescanned the run).
    assert find_symbols("WG.2 / " * 3000) == []
    assert find_symbols("A / " * 2000 + "x") == []
