"""Facts of the real samples in ../shared, established by reading them (see the comments)."""

import pytest

from cosp.documents.extraction.readers import read_file
from cosp.documents.extraction.structure import extract
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.unit]

SAMPLES = SHARED / "samples"


def sample(name, **kwargs):
    path = SAMPLES / name
    if not path.exists():
        skip_or_fail(f"../shared is absent: {path} not found")
    return extract(read_file(path), **kwargs)


@pytest.fixture(scope="module")
def cosp7():
    return sample("cosp7-report-2017.zh.txt")


@pytest.fixture(scope="module")
def special():
    return sample("cosp-special-session-2021.zh.txt")


@pytest.fixture(scope="module")
def ga_draft():
    return sample("ga-draft-resolution-2001.en.txt")


def own(doc, annex=None):
    return [p for p in doc.paragraphs if p.number and p.part is None and p.annex == annex]


def test_cosp7_header(cosp7):
    assert (cosp7.symbol, cosp7.language, cosp7.original_language) == (None, "zh", "en")
    assert (cosp7.date, cosp7.distribution, cosp7.doc_type) == ("2017-11-23", "General", "report")
    session = cosp7.session
    assert (session.number, session.kind, session.place) == (7, "regular", "维也纳")
    assert (session.start, session.end) == ("2017-11-06", "2017-11-10")


def test_cosp7_paragraphs_and_headings(cosp7):
    # The report numbers paragraphs 1-125 (paragraph 11 lost its full stop); annex II has 7 of its own.
    assert [p.number for p in own(cosp7)] == [str(n) for n in range(1, 126)]
    assert [p.number for p in own(cosp7, annex="二")] == [str(n) for n in range(1, 8)]
    chapters = [h.label for h in cosp7.headings if h.level == 1 and h.label.endswith(".")]
    assert chapters == ["一.", "二.", "三.", "四.", "五.", "六.", "七.", "八.", "九.", "十.", "十一."]
    # Chapter III has sections A-G, chapter VII A-C.
    labels = [h.label for h in cosp7.headings]
    assert labels[labels.index("三.") + 1 : labels.index("四.")] == ["A.", "B.", "C.", "D.", "E.", "F.", "G."]
    assert labels[labels.index("七.") + 1 : labels.index("八.")] == ["A.", "B.", "C."]
    outcomes = [h.label for h in cosp7.headings if h.level == 3]
    assert outcomes == [f"第7/{n}号决议" for n in range(1, 9)] + ["第7/1号决定"]
    # Resolution 7/1 has 32 operative paragraphs; 7/8 has 14.
    assert [p.number for p in cosp7.paragraphs if p.part == "第7/1号决议" and p.number] == [
        str(n) for n in range(1, 33)
    ]
    assert len([p for p in cosp7.paragraphs if p.part == "第7/8号决议" and p.number]) == 14
    assert [p.section for p in own(cosp7) if p.number in {"1", "2", "3", "17", "125"}] == [
        "A.", "B.", "二.", "D.", "十一."
    ]  # fmt: skip
    assert cosp7.annexes[0] == "联合国反腐败公约缔约国会议第七届会议收到的文件一览表"


def test_cosp7_footnotes_and_table(cosp7):
    # Footnotes 1-29, as superscripts; 19 cites the Assembly's resolution 58/4.
    assert [f.number for f in cosp7.footnotes] == [str(n) for n in range(1, 30)]
    assert cosp7.footnotes[18].text == "见大会第 58/4 号决议。"
    # Annex I: one table of documents across two pages, 38 documents under one header row.
    (table,) = cosp7.tables
    assert table.rows[0] == ["文号", "标题或说明"]
    assert len(table.rows) == 39
    assert table.rows[1] == ["CAC/COSP/2017/1", "临时议程说明"]


def test_cosp7_references(cosp7):
    refs = cosp7.references
    outcomes = {(o.body, o.kind, o.number) for o in refs.outcomes}
    assert {("COSP", "resolution", f"7/{n}") for n in range(1, 9)} <= outcomes
    assert {("COSP", "decision", "7/1"), ("COSP", "decision", "5/1")} <= outcomes
    ga = sorted(number for body, _kind, number in outcomes if body == "GA")
    assert ga == ["58/4", "69/15", "69/313", "70/1", "70/174", "71/208", "71/326"]
    cosp_resolutions = sorted(n for b, k, n in outcomes if b == "COSP" and k == "resolution" and n[0] != "7")
    assert cosp_resolutions == [
        "3/1", "3/2", "3/4", "4/1", "4/2", "4/3", "4/5", "4/6", "5/3", "5/4", "5/6",
        "6/1", "6/10", "6/2", "6/3", "6/4", "6/5", "6/6", "6/7", "6/8", "6/9",
    ]  # fmt: skip
    assert refs.rules == [17, 19, 20, 18, 56]
    articles = {(a.article, a.paragraph, a.subparagraph) for a in refs.articles}
    assert {(46, 13, None), (63, 4, "c"), (63, 4, "d"), (12, 2, "c"), (57, 4, None)} <= articles
    assert "CAC/COSP/2017/L.12/Rev.1" in refs.symbols


def test_cosp7_attendance_list_has_155_states(cosp7):
    paragraph = next(p for p in own(cosp7) if p.number == "17")
    names = paragraph.text.split("：", 1)[1].rstrip("。").split("、")
    assert len(names) == 155
    found = [e.text for e in cosp7.references.entities]
    assert set(names) <= set(found)


def test_special_session(special):
    assert (special.date, special.original_language, special.doc_type) == ("2021-05-07", "en", "report")
    session = special.session
    assert (session.number, session.kind, session.start, session.end) == (
        None,
        "special",
        "2021-05-07",
        "2021-05-07",
    )
    # 28 report paragraphs; the political declaration in chapter I numbers 86 of its own.
    assert [p.number for p in own(special)] == [str(n) for n in range(1, 29)]
    declaration = [p.number for p in special.paragraphs if p.part and p.number]
    assert declaration == [str(n) for n in range(1, 87)]
    assert [h.label for h in special.headings if h.level == 1] == ["一.", "二.", "三.", "四.", "五."]
    assert [h.title for h in special.headings if not h.label][1:] == [
        "预防措施", "刑事定罪和执法", "国际合作", "资产追回", "技术援助和信息交流",
        "反腐败是实现《2030年可持续发展议程》的推动力", "推进具有前瞻性的反腐败议程和框架",
    ]  # fmt: skip
    assert [f.number for f in special.footnotes] == ["1", "2", "3", "4", "5", "6"]
    assert special.footnotes[5].text == "A/75/810，附件。"
    refs = special.references
    assert sorted(o.number for o in refs.outcomes if o.body == "GA") == [
        "58/4",
        "69/313",
        "70/1",
        "73/191",
        "74/276",
    ]
    assert refs.rules == [4, 17]
    assert {(16, 1, None), (27, 1, None), (65, None, None)} <= {
        (a.article, a.paragraph, a.subparagraph) for a in refs.articles
    }
    attendance = next(p for p in own(special) if p.number == "7")
    assert len(attendance.text.split("：", 1)[1].rstrip("。").split("、")) == 103


def test_ga_draft_resolution(ga_draft):
    assert (ga_draft.symbol, ga_draft.language, ga_draft.distribution) == (None, "en", "Limited")
    assert (ga_draft.date, ga_draft.doc_type, ga_draft.body) == ("2001-11-28", "draft", "General Assembly")
    assert ga_draft.title == "The right to development"
    assert ga_draft.agenda_items == ["119(b)"]
    assert (ga_draft.session.number, ga_draft.session.kind) == (56, "regular")
    assert [p.number for p in ga_draft.paragraphs if p.number] == [str(n) for n in range(1, 26)]
    assert [(o.body, o.number) for o in ga_draft.references.outcomes] == [("GA", "41/128"), ("GA", "55/279")]
    # The job number and bar code at the page foot are not text.
    assert not any("66657" in p.text for p in ga_draft.paragraphs)


@pytest.mark.integration
@pytest.mark.django_db
def test_cosp7_attendance_resolves_to_states(reference_db):
    from cosp.states.names import UnresolvedName, resolve_state

    def resolve(name):
        try:
            return resolve_state(name).iso3, None
        except UnresolvedName:
            raise

    doc = sample("cosp7-report-2017.zh.txt", resolve_entity=resolve)
    paragraph = next(p for p in own(doc) if p.number == "17")
    names = set(paragraph.text.split("：", 1)[1].rstrip("。").split("、"))
    resolved = {e.text: e.iso3 for e in doc.references.entities if e.text in names}
    assert resolved["阿富汗"] == "AFG"
    assert resolved["津巴布韦"] == "ZWE"
    assert resolved["大不列颠及北爱尔兰联合王国"] == "GBR"
    assert resolved["多民族玻利维亚国"] == "BOL"
    unresolved = sorted(name for name, iso3 in resolved.items() if iso3 is None)
    assert unresolved == []
