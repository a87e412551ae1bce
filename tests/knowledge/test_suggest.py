"""Tag suggestions from a contribution's text, English and Chinese (plain Python, no database)."""

import pytest

from cosp.knowledge.suggest import (
    DeclarationEntry,
    TagBasis,
    TagKind,
    cited_paragraphs,
    suggest_tags,
)

pytestmark = pytest.mark.unit

PARAGRAPHS = [
    DeclarationEntry(12, frozenset({57}), frozenset({"asset_recovery"})),
    DeclarationEntry(20, frozenset({9}), frozenset({"public_procurement"})),
    DeclarationEntry(40, frozenset({46}), frozenset({"international_cooperation"})),
]


def keys(suggestions, kind=None):
    return [s.key for s in suggestions if kind is None or s.kind is kind]


def test_english_text_suggests_cited_article_keyword_theme_and_paragraphs():
    text = (
        "Our procurement law now follows article 9 of the Convention; "
        "see paragraph 40 of the political declaration."
    )
    suggestions = suggest_tags(text, "en", PARAGRAPHS)
    assert keys(suggestions, TagKind.ARTICLE) == ["article:9"]
    assert "theme:public_procurement" in keys(suggestions, TagKind.THEME)
    paragraphs = [s for s in suggestions if s.kind is TagKind.PARAGRAPH]
    # The cited paragraph first, then the one on the same article and theme.
    assert [(s.value, s.basis) for s in paragraphs] == [("40", TagBasis.CITED), ("20", TagBasis.MATCHED)]
    assert paragraphs[1].evidence == ("article 9", "public_procurement")


def test_chinese_text_suggests_articles_themes_and_cited_paragraph():
    text = "我国加强了资产追回工作，依照《联合国反腐败公约》第五十七条返还资产，并落实政治宣言第12段。"
    suggestions = suggest_tags(text, "zh", PARAGRAPHS)
    assert "article:57" in keys(suggestions, TagKind.ARTICLE)
    assert "theme:asset_recovery" in keys(suggestions, TagKind.THEME)
    assert keys(suggestions, TagKind.PARAGRAPH)[0] == "paragraph:12"


def test_a_national_law_article_is_not_the_conventions():
    suggestions = suggest_tags("《刑法》第九条规定了贿赂罪。", "zh", PARAGRAPHS)
    assert "article:9" not in keys(suggestions)
    assert "theme:bribery" in keys(suggestions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("paragraph 12 of the political declaration", [12]),
        ("paragraphs 3 and 5 of the 2021 political declaration", [3, 5]),
        ("paras. 7 to 9 of the political declaration", [7, 8, 9]),
        ("as the political declaration, paragraph 61, asks", [61]),
        ("政治宣言第12段", [12]),
        ("《政治宣言》第十二段和第十四段", [12, 14]),
        ("宣言第3、5段", [3, 5]),
        ("paragraph 4 of the report", []),
        ("第十二段", []),
    ],
)
def test_cited_paragraphs(text, expected):
    assert cited_paragraphs(text) == expected


def test_cited_paragraph_not_in_the_declaration_is_not_suggested():
    assert keys(suggest_tags("paragraph 99 of the political declaration", "en", PARAGRAPHS)) == []


def test_other_languages_get_cited_articles_only():
    suggestions = suggest_tags("La passation des marchés publics (article 9 de la Convention).", "fr", [])
    assert keys(suggestions) == ["article:9", "theme:public_procurement"]  # the article's theme, cited
    assert all(s.basis is TagBasis.CITED for s in suggestions)


def test_no_sdg_targets_are_suggested():
    suggestions = suggest_tags("Bribery and money-laundering cases rose.", "en", [])
    assert {s.kind for s in suggestions} <= {TagKind.ARTICLE, TagKind.THEME}
