"""Outcomes stored from reports ingested through the real pipeline (`ingest_file`, the documents
signal, the outcomes receiver): the samples in ../shared against the facts established by reading them
(see test_samples_outcomes.py and test_samples_declaration.py), our English excerpt, and small
reports written here for what the samples cannot show (a second language, an outcome recalled before
it is stored)."""

from datetime import date

import pytest

from cosp.documents.models import Block, Document
from cosp.documents.services import ingest_file
from cosp.meetings.models import Body, Session
from cosp.outcomes import receivers
from cosp.outcomes.demo import EXAMPLE_REPORT
from cosp.outcomes.models import (
    DeclarationParagraph,
    DeclarationSection,
    Mandate,
    Outcome,
    Paragraph,
    Sponsor,
)
from cosp.outcomes.services import link_citing_paragraphs, update_mandate
from tests.outcomes.conftest import COSP7_SYMBOL, SPECIAL_SESSION_SYMBOL, sample
from tests.outcomes.test_samples_outcomes import COSP7_COUNTS, COSP7_SPONSORS, COSP7_TITLES

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

R, D = "resolution", "decision"
EXCERPT = EXAMPLE_REPORT

# Operative paragraphs of which the classifier proposes a mandate to the secretariat, as its author
# established by reading them ("请秘书处" / "还请秘书处" ... and "请联合国毒品和犯罪问题办公室").
SECRETARIAT_MANDATES = {
    "7/1": {"18", "22", "25", "26", "29", "30", "31"},
    "7/4": {"1", "2", "3", "5"},
    "7/6": {"6", "7", "12", "13", "15", "16", "17", "19", "22"},
}

# Small reports of our own, in the form of the real ones: resolution 6/1 in English and in Chinese
# (the seventh session recalls 6/1 five times) and resolution 10/4 (our English excerpt recalls it).
RESOLUTION_6_1_EN = """United Nations CAC/COSP/2015/90
Conference of the States Parties to the United Nations Convention against Corruption
Distr.: General
20 November 2015
Original: English

Report of the Conference of the States Parties to the United Nations Convention against Corruption on its sixth session

I. Resolutions adopted by the Conference

1. The Conference adopted the following resolution at its sixth session:

Resolution 6/1

Keeping the review of implementation going

The Conference of the States Parties to the United Nations Convention against Corruption,

Recalling its resolution 3/1 on the review of implementation,

1. Decides to keep the review of implementation going;

2. Requests the secretariat to report on the review to the Conference at its seventh session.

II. Action taken by the Conference

2. At its 10th meeting, on 6 November 2015, the Conference adopted a draft resolution entitled "Keeping the review of implementation going" (CAC/COSP/2015/L.1), sponsored by Austria and Peru (for the text, see chapter I, resolution 6/1).
"""  # noqa: E501 - one line per paragraph, as the reports are

RESOLUTION_6_1_ZH = """联合国 CAC/COSP/2015/90
联合国反腐败公约缔约国会议
Distr.: General
20 November 2015
Chinese
Original: English

联合国反腐败公约缔约国会议第六届会议报告

一. 缔约国会议通过的决议

1. 缔约国会议在第六届会议上通过了下列决议：

第 6/1 号决议

继续开展实施情况审议

联合国反腐败公约缔约国会议，

回顾其关于实施情况审议的第 3/1 号决议，

1. 决定继续开展实施情况审议；

2. 请秘书处就审议情况向缔约国会议第七届会议报告。

二. 缔约国会议采取的行动

2. 在 2015 年 11 月 6 日第 10 次会议上，缔约国会议通过了题为“继续开展实施情况审议”的决议草案（CAC/COSP/2015/L.1），提案国为奥地利和秘鲁（案文见第一章，第 6/1 号决议）。
"""  # noqa: E501 - one line per paragraph, as the reports are

RESOLUTION_10_4_EN = """United Nations CAC/COSP/2023/90
Conference of the States Parties to the United Nations Convention against Corruption
Distr.: General
22 December 2023
Original: English

Report of the Conference of the States Parties to the United Nations Convention against Corruption on its tenth session

I. Resolutions adopted by the Conference

1. The Conference adopted the following resolution at its tenth session:

Resolution 10/4

Digital tools for the prevention of corruption

The Conference of the States Parties to the United Nations Convention against Corruption,

Noting the spread of electronic procurement,

1. Encourages States parties to make use of digital tools for the prevention of corruption.

II. Action taken by the Conference

2. At its 9th meeting, on 15 December 2023, the Conference adopted a draft resolution entitled "Digital tools for the prevention of corruption" (CAC/COSP/2023/L.2), sponsored by Peru (for the text, see chapter I, resolution 10/4).
"""  # noqa: E501 - one line per paragraph, as the reports are


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def cosp7_outcomes() -> dict[tuple[str, str], Outcome]:
    return {(o.kind, o.number): o for o in Outcome.objects.filter(document__symbol=COSP7_SYMBOL)}


def snapshot() -> dict:
    """Every outcome row's id, the links between them, and the number of history rows."""
    models = (Outcome, Paragraph, Sponsor, Mandate, DeclarationSection, DeclarationParagraph)
    rows = {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in models}
    rows["cites"] = sorted(Paragraph.cites.through.objects.values_list("paragraph_id", "outcome_id"))
    rows["articles"] = sorted(Paragraph.articles.through.objects.values_list("paragraph_id", "article_id"))
    rows["history"] = {model.__name__: model.history.count() for model in models}
    return rows


# --- the seventh session's report ----------------------------------------------------------------------


def test_the_cosp7_report_stores_eight_resolutions_and_one_decision_with_their_chinese_titles(cosp7_report):
    outcomes = cosp7_outcomes()

    assert {key: outcome.title_zh_hans for key, outcome in outcomes.items()} == COSP7_TITLES
    assert {outcome.title_en for outcome in outcomes.values()} <= {"", None}  # no English version yet
    assert {outcome.body.code for outcome in outcomes.values()} == {"COSP"}


def test_each_cosp7_outcome_stores_the_preambular_and_operative_paragraphs_counted_by_reading(cosp7_report):
    found = {
        key: (
            outcome.paragraphs.filter(kind="preambular").count(),
            outcome.paragraphs.filter(kind="operative").count(),
        )
        for key, outcome in cosp7_outcomes().items()
    }

    assert found == COSP7_COUNTS


def test_each_cosp7_outcome_belongs_to_the_seventh_session_and_to_the_report(cosp7_report):
    seventh = Session.objects.get(body__code="COSP", number=7)

    for key, outcome in cosp7_outcomes().items():
        assert (outcome.session, outcome.document) == (seventh, cosp7_report), key
        # All nine were adopted at the 13th meeting, on 10 November 2017 (the action-taken chapter).
        assert (outcome.adopted_on, outcome.adopted_at_meeting) == (date(2017, 11, 10), 13), key
        assert outcome.draft_symbols == COSP7_SPONSORS[key][0], key


@pytest.mark.parametrize("key", [pytest.param(key, id=f"{key[0]}-{key[1]}") for key in COSP7_SPONSORS])
def test_cosp7_sponsors_are_stored_as_states_in_the_reports_order_with_those_who_joined_later(
    cosp7_report, key
):
    _symbols, first, later = COSP7_SPONSORS[key]
    sponsors = cosp7_outcomes()[key].sponsors.select_related("state")

    assert all(sponsor.state is not None and sponsor.name == "" for sponsor in sponsors)
    assert [s.state.iso3 for s in sponsors if not s.joined_later] == first.split()
    assert [s.state.iso3 for s in sponsors if s.joined_later] == later.split()


def test_cosp7_sponsors_keep_the_group_they_spoke_for(cosp7_report):
    groups = {
        (s.outcome.number, s.state.iso3): s.on_behalf_of
        for s in Sponsor.objects.filter(outcome__document=cosp7_report)
        .exclude(on_behalf_of="")
        .exclude(state__iso3="EUE")
        .select_related("outcome", "state")
    }
    eu_groups = set(
        Sponsor.objects.filter(outcome__document=cosp7_report, state__iso3="EUE").values_list(
            "on_behalf_of", flat=True
        )
    )

    assert groups == {
        ("7/1", "NGA"): "非洲国家组成成员国中的《公约》缔约国",
        ("7/6", "AGO"): "《公约》缔约国中的非洲国家组成成员国",
        ("7/6", "IRN"): "《公约》缔约国中的 77 国集团和中国成员国",
    }
    assert eu_groups == {"欧洲联盟及其成员国"}


def test_mandates_to_the_secretariat_are_proposed_in_the_paragraphs_checked_by_hand(cosp7_report):
    outcomes = cosp7_outcomes()

    for number, expected in SECRETARIAT_MANDATES.items():
        mandates = Mandate.objects.filter(paragraph__outcome=outcomes[R, number], addressee="secretariat")
        assert set(mandates.values_list("paragraph__number", flat=True)) == expected, number
        assert {(m.confirmed, m.status) for m in mandates} == {(False, "open")}


def test_a_paragraph_keeps_its_lettered_sub_paragraphs_one_per_line(cosp7_report):
    paragraph = cosp7_outcomes()[R, "7/1"].paragraphs.get(number="28")

    lines = paragraph.text_zh_hans.split("\n")
    assert [line[:3] for line in lines[1:]] == ["(a)", "(b)", "(c)", "(d)"]
    assert lines[0].startswith("还欣见资产追回问题")


def test_a_paragraph_links_the_convention_articles_it_cites(cosp7_report):
    # 7/1 paragraph 7 names articles 12, 14, 40 and 52 ("第十二条、第十四条、第四十条和第五十二条"); 7/5
    # paragraph 3 articles 5, 7 and 8.
    outcomes = cosp7_outcomes()
    seven = outcomes[R, "7/1"].paragraphs.get(number="7")
    three = outcomes[R, "7/5"].paragraphs.get(number="3")

    assert sorted(seven.articles.values_list("number", flat=True)) == [12, 14, 40, 52]
    assert sorted(three.articles.values_list("number", flat=True)) == [5, 7, 8]


def test_reingesting_the_cosp7_report_changes_nothing(cosp7_report):
    before = snapshot()

    ingest_file(sample("cosp7-report-2017.zh.txt"), symbol=COSP7_SYMBOL, language="zh")

    assert snapshot() == before


def test_reingesting_keeps_a_mandate_the_secretariat_confirmed_and_corrected(cosp7_report):
    mandate = Mandate.objects.filter(
        paragraph__outcome__kind=R, paragraph__outcome__number="7/4", paragraph__number="5"
    ).get()
    update_mandate(
        mandate, actor=None, action="Report to the Implementation Review Group", status="in_progress"
    )
    count = Mandate.objects.count()

    ingest_file(sample("cosp7-report-2017.zh.txt"), symbol=COSP7_SYMBOL, language="zh")

    mandate.refresh_from_db()
    assert (mandate.confirmed, mandate.action, mandate.status) == (
        True,
        "Report to the Implementation Review Group",
        "in_progress",
    )
    assert Mandate.objects.count() == count


# --- outcomes recalled -----------------------------------------------------------------------------------


def test_a_resolution_recalled_is_linked_when_it_arrives_after_the_report_recalling_it(
    cosp7_report, tmp_path
):
    ingest_file(write(tmp_path, "cosp6.zh.txt", RESOLUTION_6_1_ZH))

    resolution = Outcome.objects.get(kind=R, number="6/1")
    citing = {
        (p.outcome.kind, p.outcome.number, p.number or f"preamble {p.position}")
        for p in resolution.cited_by.all()
    }
    # Lines 284, 344, 358, 448 and 668 of the sample: "第 6/1 号决议" in these paragraphs.
    assert citing == {
        (R, "7/3", "preamble 0"),
        (R, "7/4", "preamble 1"),
        (R, "7/4", "1"),
        (R, "7/6", "preamble 2"),
        (D, "7/1", "a"),
    }
    assert link_citing_paragraphs(resolution) == 0  # linked once


def test_a_resolution_already_stored_is_linked_when_a_report_recalling_it_is_ingested(
    ingestion_registry, tmp_path
):
    ingest_file(write(tmp_path, "cosp10.en.txt", RESOLUTION_10_4_EN))
    twelve = Session.objects.create(
        body=Body.objects.get(code="COSP"), number=12, start=date(2027, 12, 6), end=date(2027, 12, 10)
    )

    ingest_file(EXCERPT, symbol="CAC/COSP/2027/15")

    recalled = Outcome.objects.get(kind=R, number="10/4")
    # "Bearing in mind its resolution 10/4" (12/1); decision 12/1 recalls 11/3, which is not stored.
    assert [(p.outcome.number, p.position) for p in recalled.cited_by.all()] == [("12/1", 1)]
    assert not Paragraph.objects.filter(
        outcome__session=twelve, outcome__kind=D, cites__isnull=False
    ).exists()


# --- languages -------------------------------------------------------------------------------------------


def test_the_english_excerpt_fills_the_english_texts_of_the_twelfth_sessions_outcomes(ingestion_registry):
    twelve = Session.objects.create(
        body=Body.objects.get(code="COSP"), number=12, start=date(2027, 12, 6), end=date(2027, 12, 10)
    )

    ingest_file(EXCERPT, symbol="CAC/COSP/2027/15")

    outcomes = {(o.kind, o.number): o for o in Outcome.objects.filter(session=twelve)}
    assert {key: (o.title_en, o.title_zh_hans or "") for key, o in outcomes.items()} == {
        (R, "12/1"): ("Open data on the beneficial owners of bidders in public procurement", ""),
        (R, "12/2"): ("Strengthening the role of supreme audit institutions in preventing corruption", ""),
        (D, "12/1"): ("Venue of the fourteenth session of the Conference", ""),
    }
    counts = {
        key: (o.paragraphs.filter(kind="preambular").count(), o.paragraphs.filter(kind="operative").count())
        for key, o in outcomes.items()
    }
    assert counts == {(R, "12/1"): (4, 4), (R, "12/2"): (3, 4), (D, "12/1"): (0, 3)}
    procurement = outcomes[R, "12/1"]
    assert (
        procurement.paragraphs.get(number="3")
        .text_en.split("\n")[2]
        .startswith("(b) Giving procurement officials access")
    )
    assert {o.adopted_on for o in outcomes.values()} == {date(2027, 12, 10)}
    sponsors = [
        (s.state.iso3, s.joined_later, s.on_behalf_of) for s in procurement.sponsors.select_related("state")
    ]
    assert sponsors == [
        ("TTO", False, ""),
        (
            "NGA",
            False,
            "the States parties to the Convention that are members of the Group of African States",
        ),
        ("NOR", False, ""),
        ("BRA", True, ""),
        ("VCT", True, ""),
        ("EUE", True, "the European Union and its member States"),
    ]
    secretariat = Mandate.objects.get(paragraph__outcome=procurement, addressee="secretariat")
    assert (secretariat.paragraph.number, secretariat.report_to) == ("2", "conference")


def test_the_chinese_and_english_versions_of_a_report_fill_one_outcome(ingestion_registry, tmp_path):
    ingest_file(write(tmp_path, "cosp6.zh.txt", RESOLUTION_6_1_ZH))
    before = snapshot()

    ingest_file(write(tmp_path, "cosp6.en.txt", RESOLUTION_6_1_EN))

    resolution = Outcome.objects.get(kind=R, number="6/1")
    assert (resolution.title_zh_hans, resolution.title_en) == (
        "继续开展实施情况审议",
        "Keeping the review of implementation going",
    )
    texts = [(p.text_zh_hans[:2], p.text_en.split(" ")[0]) for p in resolution.paragraphs.all()]
    assert texts == [("回顾", "Recalling"), ("决定", "Decides"), ("请秘", "Requests")]
    after = snapshot()
    # The same rows: the English version adds no paragraph, sponsor or mandate.
    for model in ("Outcome", "Paragraph", "Sponsor", "Mandate"):
        assert after[model] == before[model], model
    assert [s.state.iso3 for s in resolution.sponsors.all()] == ["AUT", "PER"]
    mandate = Mandate.objects.get(paragraph__outcome=resolution)
    assert (mandate.addressee, mandate.due_session.number) == ("secretariat", 7)


# --- the special session ---------------------------------------------------------------------------------


def test_the_special_session_report_stores_86_declaration_paragraphs_in_seven_sections(
    special_session_report,
):
    sections = [(s.key, s.paragraphs.count()) for s in DeclarationSection.objects.order_by("position")]

    assert sections == [
        ("prevention", 22),
        ("criminalization", 9),
        ("international_cooperation", 9),
        ("asset_recovery", 12),
        ("technical_assistance", 7),
        ("agenda_2030", 12),
        ("way_forward", 15),
    ]
    assert list(DeclarationParagraph.objects.values_list("number", flat=True)) == list(range(1, 87))
    assert DeclarationParagraph.objects.get(number=52).section.title_zh_hans == "资产追回"
    assert not Outcome.objects.filter(document=special_session_report).exists()


def test_reingesting_the_special_session_report_changes_nothing(special_session_report):
    before = snapshot()

    ingest_file(sample("cosp-special-session-2021.zh.txt"), symbol=SPECIAL_SESSION_SYMBOL, language="zh")

    assert snapshot() == before


# --- failure ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("step", ["find_outcomes", "parse_declaration"])
def test_a_failing_receiver_leaves_nothing_of_the_file_behind(
    ingestion_registry, settings, tmp_path, monkeypatch, step
):
    # find_outcomes fails before anything is stored; parse_declaration after the outcomes were stored.
    settings.MEDIA_ROOT = tmp_path / "media"
    twelve = Session.objects.create(
        body=Body.objects.get(code="COSP"), number=12, start=date(2027, 12, 6), end=date(2027, 12, 10)
    )

    def fail(*args, **kwargs):
        raise RuntimeError("the extraction broke")

    monkeypatch.setattr(receivers, step, fail)

    with pytest.raises(RuntimeError, match="the extraction broke"):
        ingest_file(EXCERPT, symbol="CAC/COSP/2027/15")

    assert not Document.objects.filter(symbol="CAC/COSP/2027/15").exists()
    assert not Block.objects.filter(version__document__symbol="CAC/COSP/2027/15").exists()
    assert not Outcome.objects.filter(session=twelve).exists()
    assert [path for path in (tmp_path / "media").rglob("*") if path.is_file()] == []
