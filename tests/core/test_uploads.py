import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings
from docx import Document

from cosp.core.uploads import problem_with, stored_file_response, upload_problem

pytestmark = pytest.mark.unit

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Procurement Act")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


ODT_HEAD = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text" + b"\x00" * 20


@pytest.mark.parametrize(
    ("name", "content", "size", "problem"),
    [
        ("law.pdf", PDF, None, None),
        ("LAW.PDF", PDF, None, None),
        ("law.docx", docx_bytes(), None, None),
        ("law.odt", ODT_HEAD, None, None),
        ("law.txt", "Loi sur les marchés publics, article 4.".encode(), None, None),
        ("law.txt", "Закон о закупках".encode()[:7], None, None),  # cut inside a character
        ("law.pdf", PDF, 10 * 2**20, None),
        ("law.exe", b"MZ\x90\x00", None, "cannot be attached"),
        ("law.doc", b"\xd0\xcf\x11\xe0", None, "cannot be attached"),
        ("law", PDF, None, "cannot be attached"),
        ("law.pdf", b"", 0, "is empty"),
        ("law.pdf", PDF, 10 * 2**20 + 1, "at most 10 MB"),
        ("law.pdf", b"<html>not a pdf</html>", None, "not one"),
        ("law.docx", PDF, None, "not one"),
        ("law.odt", docx_bytes(), None, "not one"),
        ("law.txt", b"\x00\x01binary", None, "not plain text"),
        ("law.txt", b"caf\xe9 latin-1", None, "not plain text"),
    ],
)
def test_documents_must_be_texts_of_an_accepted_kind_and_size(name, content, size, problem):
    found = upload_problem(name, len(content) if size is None else size, content[:2048])

    if problem is None:
        assert found is None
    else:
        assert problem in found
        assert name in found


def test_each_use_may_accept_other_kinds_and_sizes():
    law = SimpleUploadedFile("law.rtf", b"{\\rtf1 Law}")
    assert "cannot be attached" in problem_with(law)
    assert problem_with(law, suffixes={".rtf"}) is None
    big = SimpleUploadedFile("law.pdf", PDF + b" " * 2048)
    assert "at most 0 MB" in problem_with(big, max_bytes=1024)
    assert big.read(5) == b"%PDF-"  # the check leaves the file ready to be read from the start


@pytest.mark.django_db
def test_a_stored_file_is_served_privately_under_its_title(tmp_path):
    from cosp.reviews.models import ChecklistAttachment

    with override_settings(MEDIA_ROOT=tmp_path):
        attachment = ChecklistAttachment(title="Procurement Act")
        attachment.file.save("laws/x1.odt", io.BytesIO(b"PK\x03\x04 odt"), save=False)
        response = stored_file_response(attachment.file, title=attachment.title)
        assert response["Content-Disposition"] == 'attachment; filename="Procurement Act.odt"'
        assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
        assert "private" in response["Cache-Control"]
        assert b"".join(response.streaming_content) == b"PK\x03\x04 odt"
        with pytest.raises(Http404, match="missing"):
            stored_file_response(ChecklistAttachment(file="laws/gone.pdf").file)
