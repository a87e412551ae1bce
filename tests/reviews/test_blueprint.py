"""The outline of the country review report and of the executive summary (RULES 4.8)."""

import pytest
from django.utils.translation import get_language

from cosp.reviews import blueprint
from cosp.reviews.blueprint import ArticleRef, Document, Level
from cosp.reviews.findings import FindingType

pytestmark = [pytest.mark.unit]

# Articles of chapters II, III and V (titles are ours; the outline only passes them through).
CATALOGUE = [
    ArticleRef(5, "II", "Preventive policies"),
    ArticleRef(9, "II", "Public procurement"),
    ArticleRef(15, "III", "Bribery of national public officials"),
    ArticleRef(46, "IV", "Mutual legal assistance"),
    ArticleRef(52, "V", "Prevention and detection of transfers of proceeds of crime"),
]
PARTS = ("summary", "observations", "good-practices", "challenges", "assistance")


def keys(entries) -> list[str]:
    return [entry.key for entry in entries]


def test_report_outline_of_cycle_2_follows_the_blueprint_article_by_article():
    entries = blueprint.report_outline(2, CATALOGUE, {"II": "Preventive measures", "V": "Asset recovery"})

    assert keys(entries) == [
        "introduction",
        "process",
        "process-direct-dialogue",
        "executive-summary",
        "implementation",
        "chapter-II",
        "article-5",
        *(f"article-5-{part}" for part in PARTS),
        "article-9",
        *(f"article-9-{part}" for part in PARTS),
        "chapter-V",
        "article-52",
        *(f"article-52-{part}" for part in PARTS),
    ]


def test_report_outline_of_cycle_1_reviews_chapters_III_and_IV_only():
    entries = blueprint.report_outline(1, CATALOGUE)

    assert {entry.article for entry in entries if entry.article} == {15, 46}
    assert [e.key for e in entries if e.level is Level.SECTION] == ["chapter-III", "chapter-IV"]


def test_report_headings_name_the_chapter_and_the_article_with_their_titles():
    entries = {e.key: e for e in blueprint.report_outline(2, CATALOGUE, {"II": "Preventive measures"})}

    assert entries["chapter-II"].heading == "Chapter II. Preventive measures"
    assert entries["chapter-V"].heading == "Chapter V"  # no title given: the numeral alone
    assert entries["article-9"].heading == "Article 9. Public procurement"
    assert entries["article-9-challenges"].heading == "(d) Challenges and recommendations"


def test_report_parts_take_the_findings_of_their_type():
    entries = {e.key: e for e in blueprint.report_outline(2, CATALOGUE)}

    assert entries["article-9-summary"].finding_types == ()
    assert entries["article-9-observations"].finding_types == (FindingType.OBSERVATION,)
    assert entries["article-9-good-practices"].finding_types == (FindingType.GOOD_PRACTICE,)
    assert entries["article-9-challenges"].finding_types == (
        FindingType.CHALLENGE,
        FindingType.RECOMMENDATION,
    )
    assert entries["article-9-assistance"].finding_types == (FindingType.TECHNICAL_ASSISTANCE_NEED,)
    assert entries["article-9-assistance"].article == 9
    assert entries["article-9-assistance"].chapter == "II"


def test_only_the_visit_paragraph_and_the_parts_where_applicable_are_optional():
    entries = blueprint.report_outline(2, CATALOGUE)

    optional = {entry.key for entry in entries if entry.optional}
    assert optional == {"process-direct-dialogue"} | {
        f"article-{n}-{part}" for n in (5, 9, 52) for part in ("good-practices", "challenges", "assistance")
    }


def test_headings_are_not_written_and_the_summary_is_reproduced_in_its_chapter():
    entries = {e.key: e for e in blueprint.report_outline(2, CATALOGUE)}

    assert not entries["chapter-II"].has_text
    assert not entries["article-9"].has_text
    assert not entries["executive-summary"].has_text
    assert entries["executive-summary"].includes_summary
    assert [e.key for e in blueprint.report_outline(2, CATALOGUE) if e.includes_summary] == [
        "executive-summary"
    ]


def test_summary_outline_goes_chapter_by_chapter_in_its_own_structure():
    entries = blueprint.summary_outline(2, CATALOGUE, {"II": "Preventive measures", "V": "Asset recovery"})

    assert keys(entries) == [
        "introduction",
        "chapter-II",
        "chapter-II-observations",
        "chapter-II-good-practices",
        "chapter-II-challenges",
        "chapter-II-assistance",
        "chapter-V",
        "chapter-V-observations",
        "chapter-V-good-practices",
        "chapter-V-challenges",
        "chapter-V-assistance",
    ]
    by_key = {e.key: e for e in entries}
    assert by_key["introduction"].heading == "Introduction: overview of the legal and institutional framework"
    assert by_key["chapter-V-challenges"].heading == "Challenges in implementation"
    assert by_key["chapter-V-challenges"].chapter == "V"
    assert by_key["chapter-V-challenges"].article is None


@pytest.mark.parametrize("document", list(Document))
def test_keys_are_unique_and_slugs(document):
    entries = blueprint.outline(document, 2, CATALOGUE)

    assert len(set(keys(entries))) == len(entries)
    assert all(key.replace("-", "").isalnum() for key in keys(entries))


def test_written_entries_are_those_with_text():
    entries = blueprint.report_outline(2, CATALOGUE)

    written = blueprint.written_entries(entries)

    assert all(entry.has_text for entry in written)
    assert "article-9" not in keys(written)
    assert "article-9-summary" in keys(written)


def test_entry_by_key_finds_one_or_none():
    entries = blueprint.summary_outline(2)

    assert blueprint.entry_by_key(entries, "chapter-II-assistance").level is Level.SECTION
    assert blueprint.entry_by_key(entries, "article-9") is None


def test_an_unknown_document_or_cycle_is_refused_by_name():
    with pytest.raises(ValueError, match="not a document"):
        blueprint.outline("minutes", 2, CATALOGUE)
    with pytest.raises(ValueError, match="no review cycle 7"):
        blueprint.report_outline(7, CATALOGUE)


def test_headings_are_read_in_the_documents_language(monkeypatch):
    # The catalogues may not have these strings yet: mark each heading with the language it was read in.
    monkeypatch.setattr(blueprint, "_", lambda message: f"[{get_language()}] {message}")

    entries = {e.key: e for e in blueprint.report_outline(2, CATALOGUE, language="zh")}

    assert entries["introduction"].heading == "[zh-hans] Introduction"
    assert entries["article-9"].heading == "[zh-hans] Article 9. Public procurement"


def test_demoting_goes_one_level_down_and_stops_at_the_bottom():
    assert Level.CHAPTER.demoted() is Level.SECTION
    assert Level.SECTION.demoted() is Level.SUBHEADING
    assert Level.PART.demoted() is Level.PART
