"""Search over blocks: the same tests run on SQLite (Tantivy, the embedded default) and on PostgreSQL
(tsvector); the outbox that keeps Tantivy consistent is tested on both databases.

Chinese recall is checked against plain substring matching over a few hundred generated paragraphs.
"""

import random
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from cosp.documents.enums import BlockKind, Distribution, DocumentType, Language, ReferenceKind
from cosp.documents.models import Block, Document, DocumentVersion, Reference
from cosp.documents.search import SearchFilters, get_backend, index_text, parse_query, snippet
from cosp.documents.search.text import tokens_with_offsets
from cosp.meetings.models import Body

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def search_index_dir(settings, tmp_path):
    """A Tantivy index folder of its own for every test."""
    settings.COSP_SEARCH_INDEX_DIR = str(tmp_path / "search-index")
    return tmp_path / "search-index"


def index_rows() -> int:
    """How many blocks the default backend's index holds."""
    backend = get_backend()
    if backend.vendor == "tantivy":
        backend.catch_up()
        return backend.document_count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM documents_block_search")
        return cursor.fetchone()[0]


def empty_index() -> None:
    backend = get_backend()
    if backend.vendor == "tantivy":
        backend.catch_up()
    backend._clear()


# Words that combine into other words across their boundaries: 缔约国 + 会议 contains 国会, 约国会.
ZH_WORDS = [
    "缔约国",
    "会议",
    "资产",
    "追回",
    "国际",
    "合作",
    "私营部门",
    "腐败",
    "预防",
    "技术援助",
    "秘书处",
    "执行情况",
    "审议",
    "机制",
    "公约",
    "第五章",
    "国会",
    "议员",
    "打击",
    "洗钱",
    "联合国",
    "反腐败",
    "报告",
]
ZH_PUNCT = ["，", "。", "；", "、", "", "", "", ""]


def make_version(symbol: str, language: str, texts: list[str], **document_fields) -> DocumentVersion:
    """A document `symbol` with one version in `language` whose paragraphs are `texts`, indexed."""
    document, _ = Document.objects.get_or_create(
        symbol=symbol, defaults={"base_symbol": symbol, **document_fields}
    )
    version = DocumentVersion.objects.create(document=document, language=language)
    Block.objects.bulk_create(
        Block(version=version, position=i, kind=BlockKind.PARAGRAPH, number=str(i + 1), text=text)
        for i, text in enumerate(texts)
    )
    get_backend().index_versions([version.pk])
    return version


def chinese_paragraphs(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    paragraphs = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(3, 12)):
            parts.append(rng.choice(ZH_WORDS) + rng.choice(ZH_PUNCT))
        paragraphs.append("".join(parts))
    return paragraphs


def found(query: str, **filters) -> set[int]:
    page = get_backend().search(query, filters=SearchFilters(**filters), limit=10_000)
    assert page.total == len(page.hits)
    return {hit.block_id for hit in page.hits}


def containing(term: str, version: DocumentVersion | None = None) -> set[int]:
    blocks = Block.objects.all() if version is None else version.blocks.all()
    return {block.id for block in blocks if term in block.text}


@pytest.fixture
def chinese_corpus():
    fixed = ["缔约国资产追回", "私营部门腐败预防", "国会议员出席了缔约国会议。"]
    return make_version("CAC/COSP/2019/3", Language.ZH, fixed + chinese_paragraphs(297))


def test_backend_matches_the_database():
    assert get_backend().vendor == ("postgresql" if connection.vendor == "postgresql" else "tantivy")


# --- Chinese: exactly the substring matches --------------------------------------------------------------


def _terms_from(paragraphs: list[str], length: int, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    text = "".join(paragraphs)
    terms = set()
    while len(terms) < count:
        start = rng.randrange(len(text) - length)
        term = text[start : start + length]
        if all("\u4e00" <= c <= "\u9fff" for c in term):
            terms.add(term)
    return sorted(terms)


@pytest.mark.parametrize("length", [1, 2, 3, 4, 5])
def test_chinese_terms_find_exactly_the_paragraphs_containing_them(chinese_corpus, length):
    paragraphs = list(chinese_corpus.blocks.values_list("text", flat=True))
    terms = _terms_from(paragraphs, length, 25, seed=length)
    for term in terms:
        assert found(term) == containing(term), term


@pytest.mark.parametrize(
    "term",
    [
        "国会",
        "约国会",
        "国会议",
        "约国会议",
        "约国资产",
        "产追",
        "门腐",
        "国",
        "援",
        "处",
        "洗",
        "钱",
        "联合国反腐败",
        "议员",
    ],
)
def test_chinese_phrases_across_word_boundaries(chinese_corpus, term):
    expected = containing(term)
    assert expected, f"the corpus should contain {term}"
    assert found(term) == expected


def test_a_one_character_term_at_the_end_of_a_run_is_found():
    version = make_version("CAC/COSP/2019/4", Language.ZH, ["追回资产。", "资产追回", "国", "中国，", "国家"])
    blocks = list(version.blocks.order_by("position"))
    assert found("产") == {blocks[0].id, blocks[1].id}
    assert found("国") == {blocks[2].id, blocks[3].id, blocks[4].id}
    assert found("回") == {blocks[0].id, blocks[1].id}


def test_several_chinese_terms_are_all_required(chinese_corpus):
    expected = containing("资产") & containing("秘书处")
    assert expected
    assert found("资产 秘书处") == expected
    assert found("资产　秘书处") == expected  # a full-width space separates terms too


def test_mixed_chinese_and_digits():
    version = make_version(
        "CAC/COSP/2019/5", Language.ZH, ["《公约》第5条规定", "第15条", "第5条约定", "第五条"]
    )
    blocks = list(version.blocks.order_by("position"))
    assert found("第5条") == {blocks[0].id, blocks[2].id}
    assert found("5条约") == {blocks[2].id}


# --- English and other languages -------------------------------------------------------------------------

ENGLISH = [
    "The Conference of the States Parties adopted resolution 8/2 on asset recovery.",
    "Technical assistance for asset recovery was requested by several States.",
    "The secretariat provided technical and legal assistance.",
    "Assistance, technical in nature, was offered.",
    "Recovery of stolen assets remains a priority for the Conference.",
]


@pytest.fixture
def english():
    return make_version("CAC/COSP/2019/6", Language.EN, ENGLISH)


def _ids(version: DocumentVersion, *positions: int) -> set[int]:
    return set(version.blocks.filter(position__in=positions).values_list("id", flat=True))


def test_english_words_and_prefixes(english):
    assert found("recovery") == _ids(english, 0, 1, 4)
    assert found("ASSET") == _ids(english, 0, 1, 4)  # case-folded; the last word is a prefix: assets
    assert found("assist") == _ids(english, 1, 2, 3)
    assert found('"asset"') == _ids(english, 0, 1)  # quoted: the whole word only


def test_english_phrases_and_and(english):
    assert found('"technical assistance"') == _ids(english, 1)
    assert found("technical assistance") == _ids(english, 1, 2, 3)
    assert found("conference recovery") == _ids(english, 0, 4)


def test_other_languages_by_exact_terms():
    version = make_version(
        "CAC/COSP/2019/7",
        Language.FR,
        [
            "La Conférence des États parties",
            "Coopération internationale",
            "Конференция государств-участников",
        ],
    )
    assert found("conference etats") == _ids(version, 0)
    assert found("ÉTATS") == _ids(version, 0)
    assert found("coopération") == _ids(version, 1)
    assert found("государств") == _ids(version, 2)


def test_a_query_without_words_finds_nothing(english):
    page = get_backend().search(" ,.;  ", filters=SearchFilters())
    assert page.hits == []
    assert page.total == 0


# --- Filters ------------------------------------------------------------------------------------------


@pytest.fixture
def filtered():
    cosp, _ = Body.objects.get_or_create(
        code="COSP", defaults={"name": "Conference", "symbol_prefix": "CAC/COSP"}
    )
    irg, _ = Body.objects.get_or_create(code="IRG", defaults={"name": "IRG", "symbol_prefix": "CAC/COSP/IRG"})
    text = "资产追回 asset recovery"
    versions = {
        "cosp_zh": make_version(
            "CAC/COSP/2019/10",
            Language.ZH,
            [text],
            body=cosp,
            date=date(2019, 12, 16),
            doc_type=DocumentType.REPORT,
        ),
        "irg_en": make_version(
            "CAC/COSP/IRG/2021/2",
            Language.EN,
            [text],
            body=irg,
            date=date(2021, 6, 14),
            doc_type=DocumentType.SECRETARIAT_NOTE,
        ),
        "restricted": make_version(
            "CAC/COSP/2019/CRP.9",
            Language.EN,
            [text],
            body=cosp,
            date=date(2019, 12, 17),
            distribution=Distribution.RESTRICTED,
        ),
    }
    Reference.objects.create(version=versions["irg_en"], kind=ReferenceKind.ARTICLE, article=52, text="52")
    return {name: set(version.blocks.values_list("id", flat=True)) for name, version in versions.items()}


def test_filters(filtered, make_user):
    everything = filtered["cosp_zh"] | filtered["irg_en"] | filtered["restricted"]
    assert found("资产追回") == everything
    assert found("资产追回", body="COSP") == filtered["cosp_zh"] | filtered["restricted"]
    assert found("资产追回", body="IRG") == filtered["irg_en"]
    assert found("资产追回", year=2021) == filtered["irg_en"]
    assert found("资产追回", doc_type=DocumentType.REPORT) == filtered["cosp_zh"]
    assert found("资产追回", language=Language.ZH) == filtered["cosp_zh"]
    assert found("资产追回", article=52) == filtered["irg_en"]
    assert found("资产追回", article=5) == set()
    assert found("资产追回", body="COSP", year=2021) == set()
    public = make_user(None, username="public")
    assert found("资产追回", visible_to=public) == filtered["cosp_zh"] | filtered["irg_en"]


# --- Ranking, snippets, pages --------------------------------------------------------------------------


def test_more_occurrences_rank_first():
    version = make_version(
        "CAC/COSP/2019/11",
        Language.ZH,
        ["关于资产的报告，其他事项，会议记录。", "资产追回：资产、资产和资产的返还。", "缔约国会议。"],
    )
    page = get_backend().search("资产", filters=SearchFilters())
    assert [hit.block_id for hit in page.hits] == [
        version.blocks.get(position=1).id,
        version.blocks.get(position=0).id,
    ]
    assert page.hits[0].score > page.hits[1].score


def test_hits_carry_what_the_result_list_needs():
    version = make_version("CAC/COSP/2019/12", Language.ZH, ["资产追回"])
    Block.objects.create(version=version, position=1, kind=BlockKind.FOOTNOTE, number="3", text="资产脚注")
    get_backend().index_versions([version.pk])
    hits = {hit.kind: hit for hit in get_backend().search("资产", filters=SearchFilters()).hits}
    assert hits[BlockKind.PARAGRAPH].anchor == "para-1"
    assert hits[BlockKind.FOOTNOTE].anchor == "fn-3"
    assert hits[BlockKind.PARAGRAPH].symbol == "CAC/COSP/2019/12"
    assert hits[BlockKind.PARAGRAPH].language == "zh"
    assert hits[BlockKind.PARAGRAPH].version_id == version.pk
    assert str(hits[BlockKind.PARAGRAPH].snippet) == "<mark>资产</mark>追回"


def test_snippets_escape_html_and_mark_matches():
    make_version("CAC/COSP/2019/13", Language.EN, ['<script>alert("x")</script> asset & recovery'])
    (hit,) = get_backend().search("recovery", filters=SearchFilters()).hits
    assert "<script>" not in hit.snippet
    assert str(hit.snippet) == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; asset &amp; <mark>recovery</mark>"
    )


def test_snippets_of_long_text_show_the_match():
    text = "前言" * 200 + "缔约国会议" + "结语" * 200
    result = str(snippet(text, parse_query("国会")))
    assert "缔约<mark>国会</mark>议" in result
    assert result.startswith("…")
    assert result.endswith("…")
    assert len(result) < 300


def test_snippet_marks_match_the_tokens():
    assert str(snippet("Asset recovery; ASSETS", parse_query("asset"))) == (
        "<mark>Asset</mark> recovery; <mark>ASSETS</mark>"
    )
    assert str(snippet("第5条约定", parse_query("5条约"))) == "第<mark>5条约</mark>定"


def test_pages_and_total():
    make_version("CAC/COSP/2019/14", Language.ZH, [f"资产{'追回' * i}" for i in range(45)])
    backend = get_backend()
    first = backend.search("资产", filters=SearchFilters(), limit=20)
    third = backend.search("资产", filters=SearchFilters(), limit=20, offset=40)
    assert first.total == third.total == 45
    assert len(first.hits) == 20
    assert len(third.hits) == 5
    assert not {h.block_id for h in first.hits} & {h.block_id for h in third.hits}


# --- Keeping the index consistent ---------------------------------------------------------------------


def test_removing_a_version_removes_its_hits(chinese_corpus):
    assert found("资产")
    get_backend().remove_versions([chinese_corpus.pk])
    assert found("资产") == set()


def test_deleting_blocks_removes_their_rows(chinese_corpus):
    assert found("资产")
    chinese_corpus.document.delete()
    assert found("资产") == set()
    assert index_rows() == 0


def test_reindexing_a_version_replaces_its_rows(chinese_corpus):
    before = found("国会")
    get_backend().index_versions([chinese_corpus.pk])
    assert found("国会") == before


def test_rebuild_gives_the_same_results(chinese_corpus, english, capsys):
    queries = ["国会", "资", "约国会议", "technical assistance", "资产 秘书处"]

    def ranked(query: str) -> list[tuple[float, int]]:
        # Blocks of equal score may come in any order (Tantivy: the order they sit in the index).
        page = get_backend().search(query, filters=SearchFilters(), limit=10_000)
        return sorted((-hit.score, hit.block_id) for hit in page.hits)

    before = {q: ranked(q) for q in queries}
    empty_index()
    assert found("国会") == set()
    call_command("rebuild_search_index")
    assert "Indexed 305 blocks" in capsys.readouterr().out
    after = {q: ranked(q) for q in queries}
    assert after == before


def test_a_failed_transaction_leaves_no_index_rows():
    from django.db import transaction

    def ingest_then_crash():
        with transaction.atomic():
            make_version("CAC/COSP/2019/15", Language.ZH, ["资产追回"])
            raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        ingest_then_crash()
    assert found("资产") == set()


# --- Symbols ------------------------------------------------------------------------------------------


def test_a_symbol_goes_to_the_document(english):
    page = get_backend().search("CAC/COSP/2019/6", filters=SearchFilters())
    assert page.redirect_symbol == "CAC/COSP/2019/6"
    assert page.hits == []


def test_a_symbol_without_a_document_is_searched_as_text(english):
    page = get_backend().search("CAC/COSP/2030/1", filters=SearchFilters())
    assert page.redirect_symbol is None


def test_a_restricted_document_is_not_a_redirect_for_the_public(filtered, make_user):
    public = make_user(None, username="public")
    page = get_backend().search("CAC/COSP/2019/CRP.9", filters=SearchFilters(visible_to=public))
    assert page.redirect_symbol is None


# --- The preprocessing itself (no database needed, cheap to run on both) -------------------------------


def test_index_text():
    assert index_text("资产追回") == "资产 产追 追回 回"
    assert index_text("国") == "国"
    assert index_text("Anti-Corruption, É 第5条") == "anti corruption e 第 5 条"
    assert [t for t, *_ in tokens_with_offsets("缔约国会议")] == ["缔约", "约国", "国会", "会议", "议"]


# Pieces of mixed text: Chinese runs, English, accents, ligatures, final sigma, digits, punctuation,
# compatibility and supplementary-plane ideographs, underscores.
MIXED_PIECES = [
    "资产", "追回", "国", "会议", "缔约国", "第5条", "Anti-Corruption", "ÉTATS", "état", "naïve",
    "ﬁnance", "Σίσυφος", "_x_", "a_b", "5", "12.3", "CAC/COSP/2019/3", " ", "，", "。", "\t", "“",
    "”", "《公约》", "assist", "assistance", "ASSETS", "asset", "recovery", "〇", "丽", "\U00020001",
    "Straße", "İstanbul", "ǅ", "e\u0301", "\u0301",
]  # fmt: skip


def mixed_texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = ["".join(rng.choice(MIXED_PIECES) for _ in range(rng.randint(1, 25))) for _ in range(count)]
    return texts + chinese_paragraphs(50, seed) + ENGLISH


def _index_text_before(text: str) -> str:
    """index_text as it was written first (per-character folding, no ASCII shortcut)."""
    import unicodedata
    from operator import add

    from cosp.documents.search.text import _TOKEN

    def fold_char(char: str) -> str:
        decomposed = unicodedata.normalize("NFKD", char)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()

    parts = []
    for cjk, word in _TOKEN.findall("".join(map(fold_char, text))):
        if not cjk:
            parts.append(word)
        elif len(cjk) == 1:
            parts.append(cjk)
        else:
            parts.append(" ".join(map(add, cjk, cjk[1:])))
            parts.append(cjk[-1])
    return " ".join(parts)


def test_index_text_is_unchanged_on_mixed_text():
    for text in mixed_texts(2000, seed=11):
        assert index_text(text) == _index_text_before(text), text


def test_match_spans_agree_with_the_token_scan():
    from cosp.documents.search.text import match_spans, match_spans_by_tokens

    texts = mixed_texts(120, seed=12)
    rng = random.Random(13)
    queries = [
        "国",
        "资产追回",
        "5条约",
        "asset",
        "as",
        "assist recovery",
        '"asset recovery"',
        "etat",
        "fi",
        "σ",
    ]
    for _ in range(60):
        text = rng.choice(texts)
        start = rng.randrange(len(text))
        chunk = text[start : start + rng.randint(1, 8)]
        queries += [chunk, f'"{chunk}"']
    for query in queries:
        parsed = parse_query(query)
        for text in texts:
            assert match_spans(text, parsed) == match_spans_by_tokens(text, parsed), (query, text)


# --- Tantivy: the outbox, crashes, rebuilds, several processes (on both databases) --------------------


def _page_ids(page) -> set[int]:
    return {hit.block_id for hit in page.hits}


def _tantivy(path, **options):
    from cosp.documents.search.tantivy_backend import TantivyBackend

    return TantivyBackend(path, **options)


def _plain_version(symbol: str, texts: list[str]) -> DocumentVersion:
    document = Document.objects.create(symbol=symbol, base_symbol=symbol)
    version = DocumentVersion.objects.create(document=document, language=Language.ZH)
    Block.objects.bulk_create(
        Block(version=version, position=i, kind=BlockKind.PARAGRAPH, number=str(i + 1), text=text)
        for i, text in enumerate(texts)
    )
    return version


def _pending_changes() -> list[tuple[int, str]]:
    from cosp.documents.models import SearchIndexChange

    return list(SearchIndexChange.objects.exclude(action="epoch").values_list("version_id", "action"))


def test_tantivy_catches_up_with_rows_whose_commit_hook_never_ran(search_index_dir):
    backend = _tantivy(search_index_dir)
    backend.catch_up()
    version = _plain_version("CAC/COSP/2019/20", ["资产追回", "缔约国会议"])
    # The test's transaction never commits: as after a crash between the commit and the hook.
    backend.index_versions([version.pk])
    assert _pending_changes() == [(version.pk, "index")]
    assert backend.document_count() == 0
    page = backend.search("资产")
    assert _page_ids(page) == set(version.blocks.filter(position=0).values_list("id", flat=True))
    assert page.total == 1
    assert _pending_changes() == []
    assert backend.document_count() == 2


def test_tantivy_applying_a_change_twice_is_harmless(search_index_dir):
    from cosp.documents.models import SearchIndexChange

    backend = _tantivy(search_index_dir)
    version = _plain_version("CAC/COSP/2019/21", ["资产追回", "资产"])
    backend.index_versions([version.pk])
    backend.catch_up()
    # A crash after Tantivy committed but before the rows were deleted: the row is applied again.
    SearchIndexChange.objects.create(version_id=version.pk, action="index")
    backend.catch_up()
    assert backend.document_count() == 2
    assert backend.search("资产").total == 2


def test_tantivy_applies_changes_after_the_commit(search_index_dir, django_capture_on_commit_callbacks):
    backend = _tantivy(search_index_dir)
    backend.catch_up()
    version = _plain_version("CAC/COSP/2019/22", ["资产追回"])
    with django_capture_on_commit_callbacks(execute=True):
        backend.index_versions([version.pk])
    assert _pending_changes() == []
    assert backend.document_count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        backend.remove_versions([version.pk])
    assert backend.document_count() == 0


def test_tantivy_rebuilds_an_index_from_another_database(search_index_dir):
    backend = _tantivy(search_index_dir)
    version = _plain_version("CAC/COSP/2019/23", ["资产追回", "私营部门"])
    backend.index_versions([version.pk])
    assert backend.search("私营").total == 1
    # The index folder now claims another database (a restored backup, a test's rolled-back epoch).
    backend.folder.set_epoch(12345)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM documents_searchindexchange")
    assert backend.search("私营").total == 1
    assert backend.folder.epoch() != 12345


def test_tantivy_rebuild_from_the_database(search_index_dir):
    backend = _tantivy(search_index_dir)
    version = _plain_version("CAC/COSP/2019/24", ["资产追回", "私营部门", "腐败"])
    backend.index_versions([version.pk])
    backend.catch_up()
    backend._clear()
    assert backend.search("腐败").total == 0
    assert backend.rebuild() == 3
    assert backend.search("腐败").total == 1
    assert _pending_changes() == []


def test_tantivy_two_processes_see_each_others_writes(search_index_dir):
    first = _tantivy(search_index_dir, private=True)
    second = _tantivy(search_index_dir, private=True)
    assert first.folder is not second.folder  # two Tantivy handles, as in two processes
    first.catch_up()
    version = _plain_version("CAC/COSP/2019/25", ["资产追回", "缔约国会议"])
    assert second.search("会议").total == 0
    first.index_versions([version.pk])
    first.catch_up()
    assert _pending_changes() == []
    assert second.search("会议").total == 1  # nothing left to apply: second reloads its reader
    second.remove_versions([version.pk])
    second.catch_up()
    assert first.search("会议").total == 0


def test_tantivy_filters_keep_the_top_and_the_total(search_index_dir):
    backend = _tantivy(search_index_dir)
    kept = _plain_version("CAC/COSP/2019/26", ["资产"] * 3)
    other = _plain_version("CAC/COSP/2019/27", ["资产资产资产"] * 30)
    backend.index_versions([kept.pk, other.pk])
    page = backend.search("资产", filters=SearchFilters(language=Language.ZH), limit=5)
    assert page.total == 33
    DocumentVersion.objects.filter(pk=other.pk).update(language=Language.EN)
    page = backend.search("资产", filters=SearchFilters(language=Language.ZH), limit=5)
    assert page.total == 3
    assert _page_ids(page) == set(kept.blocks.values_list("id", flat=True))
    assert backend.search("资产", filters=SearchFilters(language=Language.FR)).total == 0


def test_tantivy_english_prefix_phrases_are_not_capped(search_index_dir):
    backend = _tantivy(search_index_dir)
    words = [f"corruption{suffix}" for suffix in range(80)]
    version = _plain_version("CAC/COSP/2019/28", [f"anti-{word}" for word in words])
    backend.index_versions([version.pk])
    assert backend.search("anti-corruption", limit=100).total == 80


@pytest.mark.postgres_only
def test_postgres_dense_queries_rank_candidates_and_count_everything(monkeypatch):
    from cosp.documents.search import postgres

    monkeypatch.setattr(postgres, "RANK_ALL", 10)
    monkeypatch.setattr(postgres, "CANDIDATES", 15)
    make_version("CAC/COSP/2019/29", Language.ZH, [f"资产{'追回' * i}" for i in range(45)])
    backend = get_backend()
    first = backend.search("资产", filters=SearchFilters(), limit=20)
    assert first.total == 45
    assert len(first.hits) == 20
    assert len(backend.search("资产", filters=SearchFilters(), limit=20, offset=40).hits) == 5
    assert found("资产") == containing("资产")
