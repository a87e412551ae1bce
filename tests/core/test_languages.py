import pytest
from django.utils import translation

from cosp.core.languages import (
    babel_locale,
    clean_language,
    django_language,
    field_suffix,
    interface_language,
    language_label,
    un_language,
)

pytestmark = [pytest.mark.unit]


@pytest.mark.parametrize(
    ("given", "code"), [("ZH", "zh"), ("zh-Hans", "zh"), ("zh_CN", "zh"), ("French", "fr")]
)
def test_any_common_spelling_gives_the_un_code(given, code):
    assert clean_language(given) == code
    assert un_language(given) == code


def test_a_language_outside_the_six_is_refused_by_name():
    assert clean_language("de") is None
    with pytest.raises(ValueError, match="'de'"):
        un_language("de")


def test_chinese_has_its_own_code_in_the_interface_and_in_column_names():
    assert (django_language("zh"), field_suffix("zh")) == ("zh-hans", "zh_hans")
    assert (django_language("ar"), field_suffix("ar")) == ("ar", "ar")


def test_the_interface_language_as_a_un_code():
    with translation.override("zh-hans"):
        assert interface_language() == "zh"
    with translation.override(None):
        assert interface_language() == "en"


def test_english_dates_are_british_and_chinese_simplified():
    assert (babel_locale("en"), babel_locale("zh"), babel_locale("fr")) == ("en_GB", "zh_Hans", "fr")


def test_a_un_language_is_named_in_the_interface_language():
    with translation.override("en"):
        assert (language_label("zh"), language_label("ar")) == ("Chinese", "Arabic")
