"""Files people attach (laws, contributions, request papers): one check of what may be uploaded, and
one way to hand a stored file back through a view that has checked permission (never a public URL)."""

import codecs
import mimetypes
from collections.abc import Collection
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Texts people read: PDF, Word, OpenDocument and plain text.
DOCUMENT_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", ".odt", ".txt")
MAX_UPLOAD_BYTES = 10 * 2**20

_ZIP = b"PK\x03\x04"
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_CONTENT_TYPES = {".odt": "application/vnd.oasis.opendocument.text"}  # missing from some systems' tables


def _is_utf8_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)  # a cut last character is fine
    except UnicodeDecodeError:
        return False
    return True


def read_head(upload: UploadedFile, length: int = 2048) -> bytes:
    """The first bytes of an uploaded file, leaving it ready to be read from the start."""
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def upload_problem(
    name: str,
    size: int,
    head: bytes,
    *,
    suffixes: Collection[str] = DOCUMENT_SUFFIXES,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> str | None:
    """What is wrong with a file offered for upload (its name, size in bytes and first bytes), in words
    for the person uploading it; None when it may be attached."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in suffixes:
        return _("%(name)s cannot be attached: attach files of these kinds: %(kinds)s.") % {
            "name": name,
            "kinds": ", ".join(sorted(suffixes)),
        }
    if size == 0:
        return _("%(name)s is empty.") % {"name": name}
    if size > max_bytes:
        return _("%(name)s is %(size)s MB; an attachment may be at most %(limit)s MB.") % {
            "name": name,
            "size": f"{size / 2**20:.1f}",
            "limit": max_bytes // 2**20,
        }
    # The content must be what the name says, so that whoever opens it gets the document promised.
    if suffix == ".pdf" and not head.startswith(b"%PDF-"):
        return _("%(name)s is named as a PDF but is not one.") % {"name": name}
    if suffix == ".docx" and not head.startswith(_ZIP):
        return _("%(name)s is named as a Word document but is not one.") % {"name": name}
    if suffix == ".odt" and not (head.startswith(_ZIP) and _ODT_MIMETYPE in head[:100]):
        return _("%(name)s is named as an OpenDocument text but is not one.") % {"name": name}
    if suffix == ".txt" and not _is_utf8_text(head):
        return _("%(name)s is not plain text in UTF-8.") % {"name": name}
    return None


def problem_with(upload: UploadedFile, **limits) -> str | None:
    """`upload_problem` for an uploaded file (`limits`: its `suffixes` and `max_bytes`)."""
    return upload_problem(upload.name or "", upload.size or 0, read_head(upload), **limits)


def stored_file_response(stored: FieldFile, *, title: str = "", private: bool = True) -> FileResponse:
    """A stored file as a download named `title` (or its stored name). Call it only after the view
    has checked who may read the file; `private` keeps it out of shared caches."""
    try:
        stream = stored.open("rb")
    except FileNotFoundError:
        raise Http404(_("The file is missing from the storage.")) from None
    path = PurePath(stored.name)
    suffix = path.suffix.lower()
    content_type = _CONTENT_TYPES.get(suffix) or mimetypes.types_map.get(suffix) or "application/octet-stream"
    filename = f"{title}{suffix}" if title else path.name
    response = FileResponse(stream, as_attachment=True, filename=filename, content_type=content_type)
    if private:
        patch_cache_control(response, private=True, no_store=True)
    return response
