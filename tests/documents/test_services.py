import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cosp.documents import services
from cosp.documents.enums import BlockKind, ReferenceKind
from cosp.documents.models import Block, Document, DocumentVersion
from cosp.documents.search import SearchFilters, get_backend
from cosp.documents.services import IngestError, ingest_file
from tests.documents.conftest import DEMO

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NOTE_EN = DEMO / "CAC-COSP-IRG-2025-2.en.txt"
NOTE_ZH = DEMO / "CAC-COSP-IRG-2025-2.zh.txt"


def search_symbols(query: str, **filters) -> list[str]:
    page = get_backend().search(query, filters=SearchFilters(**filters), limit=50)
    return [hit.symbol for hit in page.hits]


def test_ingesting_a_note_stores_its_structure_references_and_index(registry):
    result = ingest_file(NOTE_EN)

    version = result.version
    document = version.document
    assert (document.symbol, version.language, document.body.code) == ("CAC/COSP/IRG/2025/2", "en", "IRG")
    assert result.created
    numbers = list(version.blocks.filter(kind=BlockKind.PARAGRAPH).values_list("number", flat=True))
    assert numbers == [str(n) for n in range(1, 9)]
    refs = version.references.all()
    assert {r.article for r in refs if r.kind == ReferenceKind.ARTICLE} >= {9, 33, 52, 57}
    assert {r.outcome_number for r in refs if r.kind == ReferenceKind.OUTCOME} >= {"6/1", "4/1"}
    assert {r.state.iso3 for r in refs if r.kind == ReferenceKind.STATE} >= {
        "AUT",
        "BRA",
        "KEN",
        "BOL",
        "GBR",
    }
    assert "CAC/COSP/IRG/2024/4" in {r.symbol for r in refs if r.kind == ReferenceKind.SYMBOL}
    assert search_symbols("self-assessment checklists") == ["CAC/COSP/IRG/2025/2"]


def test_both_language_versions_belong_to_one_document(registry):
    ingest_file(NOTE_EN)
    ingest_file(NOTE_ZH)

    document = Document.objects.get()
    assert sorted(document.versions.values_list("language", flat=True)) == ["en", "zh"]
    assert set(search_symbols("自评清单", language="zh")) == {"CAC/COSP/IRG/2025/2"}


def test_reingesting_the_same_symbol_and_language_updates_in_place(registry):
    first = ingest_file(NOTE_EN)
    blocks_before = Block.objects.count()

    again = ingest_file(NOTE_EN)

    assert not again.created
    assert again.version.pk == first.version.pk
    assert (Document.objects.count(), DocumentVersion.objects.count()) == (1, 1)
    assert Block.objects.count() == blocks_before
    assert len(search_symbols("self-assessment checklists")) == 1


def test_a_file_that_cannot_be_read_is_refused_by_name(registry, tmp_path):
    binary = tmp_path / "broken.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)

    with pytest.raises(IngestError, match=r"broken\.txt"):
        ingest_file(binary, symbol="CAC/COSP/2025/9")

    assert not Document.objects.exists()


def test_a_failure_after_the_file_was_stored_leaves_nothing_behind(registry, settings, monkeypatch):
    # Break the last storing step, after the version and its copy of the file were written.
    def fail(version, extracted):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_store_references", fail)

    with pytest.raises(RuntimeError, match="disk full"):
        ingest_file(NOTE_EN)

    assert not Document.objects.exists()
    assert not Block.objects.exists()
    assert [p for p in (settings.MEDIA_ROOT / "documents").rglob("*") if p.is_file()] == []


def test_a_text_without_symbol_asks_for_one(registry, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("1. A paragraph of a note without any header.\n", encoding="utf-8")

    with pytest.raises(IngestError, match="--symbol"):
        ingest_file(text)


def test_inspect_prints_the_contract_keys_without_writing(registry):
    out = StringIO()
    call_command("inspect", str(NOTE_ZH), "--format", "json", stdout=out)

    data = json.loads(out.getvalue())
    for key in ["symbol", "language", "original_language", "date", "distribution", "body", "session",
                "agenda_items", "title", "headings", "paragraphs", "footnotes", "tables", "symbols_cited",
                "articles_cited", "outcomes_cited", "rules_cited", "entities"]:  # fmt: skip
        assert key in data, key
    assert (data["symbol"], data["language"], data["original_language"]) == (
        "CAC/COSP/IRG/2025/2",
        "zh",
        "en",
    )
    assert data["rules_cited"] == [17]
    assert not Document.objects.exists()


def test_ingest_command_summarises_and_fails_when_one_file_fails(registry, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(NOTE_EN.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 of 2"):
        call_command("ingest", str(folder), stdout=out, stderr=err)

    assert "1 created, 0 updated, 1 failed" in out.getvalue()
    assert "empty.txt" in err.getvalue()
    assert Document.objects.filter(symbol="CAC/COSP/IRG/2025/2").exists()


def test_a_documents_title_is_found_by_search(registry):
    ingest_file(NOTE_EN)

    page = get_backend().search("progress made mechanism", filters=SearchFilters(), limit=5)

    assert [(hit.symbol, hit.kind) for hit in page.hits] == [("CAC/COSP/IRG/2025/2", BlockKind.TITLE)]
