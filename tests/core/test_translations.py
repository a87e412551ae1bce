"""The interface catalogues: Chinese is complete, the catalogue keeps up with the code, pages render."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client

from cosp.core.i18n import compile_translations
from tests.helpers import skip_or_fail

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PACKAGE_DIR = Path(settings.PACKAGE_DIR)
LOCALE_DIR = PACKAGE_DIR / "locale"
# Catalogue folder names (gettext locale names) for the six UN languages; English is the source.
CATALOGUES = ["ar", "zh_Hans", "fr", "ru", "es"]
PLURAL_FORMS = {
    "zh_Hans": "nplurals=1; plural=0;",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    ),
}
# What every page shows (header, navigation, footer): Arabic must have all of it.
PAGE_FRAME_STRINGS = [
    "COSP Platform",
    "Skip to main content",
    "United Nations Convention against Corruption",
    "Main",
    "Home",
    "States",
    "The Convention",
    "Documents",
    "Search",
    "API",
    "Language",
    "Change",
    "Log in",
    "Log out",
    "Password",
    "API documentation",
]


def read_catalogue(lang: str):
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po_file:
        return read_po(po_file, locale=lang)


def is_translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """The .mo files are built at setup (`dev`, CI); build them here too if they are missing or stale."""
    if compile_translations():
        from django.utils.translation import trans_real

        trans_real._translations = {}  # forget catalogues loaded before the .mo files existed
        trans_real._default = None


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_catalogue_exists_with_a_sound_header_and_no_fuzzy_entries(lang):
    catalogue = read_catalogue(lang)

    assert catalogue.locale_identifier == lang
    if lang in PLURAL_FORMS:
        assert catalogue.plural_forms == PLURAL_FORMS[lang]
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert not fuzzy, f"{lang}: fuzzy entries (review and clear the flag): {fuzzy}"
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalogue.check()]
    assert not problems, f"{lang}: placeholders or plural forms do not match the English: {problems}"


def test_chinese_translates_every_message():
    catalogue = read_catalogue("zh_Hans")

    untranslated = [message.id for message in catalogue if message.id and not is_translated(message)]
    assert not untranslated, f"zh_Hans: messages without a Chinese translation: {untranslated}"
    assert len(list(catalogue)) > 100


def test_arabic_translates_the_page_frame():
    catalogue = read_catalogue("ar")

    missing = [
        msgid for msgid in PAGE_FRAME_STRINGS if not catalogue.get(msgid) or not catalogue[msgid].string
    ]
    assert not missing, f"ar: header, navigation or footer strings without an Arabic translation: {missing}"


def test_the_committed_catalogue_holds_every_string_the_code_uses(tmp_path):
    """Regenerate the Chinese catalogue from a copy of the package; nothing may be new in it."""
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        skip_or_fail("GNU gettext (xgettext) is not installed: cannot check that the catalogue is complete")
    copy = tmp_path / "src" / "cosp"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "data"))
    env = {
        **os.environ,
        "COSP_DATA_DIR": str(tmp_path / "data"),
        "DJANGO_SETTINGS_MODULE": "cosp.settings",
        "PYTHONPATH": str(copy.parent),
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=copy.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    regenerated_path = copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    with regenerated_path.open("rb") as po_file:
        regenerated = {message.id for message in read_po(po_file) if message.id}
    committed = {message.id for message in read_catalogue("zh_Hans") if message.id}

    missing = sorted(map(str, regenerated - committed))
    assert not missing, (
        "The code uses strings the catalogues do not hold. Run `cosp makemessages -l zh_Hans -l ar -l fr "
        f"-l ru -l es --no-location --ignore=.venv --ignore=tests` and translate them: {missing}"
    )


def get_home(language: str) -> str:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_home_page_in_chinese():
    html = get_home("zh-hans")

    assert 'lang="zh-hans"' in html
    assert 'dir="ltr"' in html
    assert ">首页</a>" in html
    assert ">国家</a>" in html
    assert ">《公约》</a>" in html
    assert ">文件</a>" in html
    assert ">搜索</a>" in html


def test_home_page_in_arabic_reads_right_to_left():
    html = get_home("ar")

    assert 'lang="ar"' in html
    assert 'dir="rtl"' in html
    assert ">الصفحة الرئيسية</a>" in html
    assert "اتفاقية الأمم المتحدة لمكافحة الفساد" in html


def test_french_pages_render_left_to_right_falling_back_to_english():
    html = get_home("fr")

    assert 'lang="fr"' in html
    assert 'dir="ltr"' in html
    assert ">Accueil</a>" in html
    # A string without a French translation yet shows in English.
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get("/states/").content.decode()
    untranslated = "Neither signatory nor party"
    expected = read_catalogue("fr")[untranslated].string or untranslated
    assert f">{expected}</option>" in page
