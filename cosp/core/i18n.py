"""Compiling the interface translations without GNU gettext, so a fresh machine needs only Python."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def compile_translations() -> list[Path]:
    """Write django.mo next to every django.po under LOCALE_PATHS when it is missing or older."""
    written = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            written.append(mo_path)
    return written
