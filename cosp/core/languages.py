"""The six official UN languages as content languages.

Content (names, titles, documents) is keyed by the UN's two-letter codes; the interface uses Django's
codes, where Chinese is `zh-hans`. Translated model columns end in the Django code (`name_zh_hans`).
"""

UN_LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
_DJANGO_CODE = {"zh": "zh-hans"}


def clean_language(value: str | None) -> str | None:
    """Canonical UN language code for any common spelling ('ZH', 'zh-Hans', 'zh_CN', 'chinese'), or None."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-")
    aliases = {
        "chinese": "zh",
        "english": "en",
        "french": "fr",
        "russian": "ru",
        "spanish": "es",
        "arabic": "ar",
    }
    code = aliases.get(code, code.split("-")[0])
    return code if code in UN_LANGUAGES else None


def un_language(value: str | None) -> str:
    """Like clean_language, for callers that cannot go on without one: ValueError otherwise."""
    code = clean_language(value)
    if code is None:
        raise ValueError(f"Not one of the six UN languages: {value!r}")
    return code


def django_language(language: str) -> str:
    """The interface's code for a UN language: 'zh' → 'zh-hans'."""
    return _DJANGO_CODE.get(language, language)


def language_label(language: str) -> str:
    """A UN language code ("zh") named in the reader's language (settings.LANGUAGE_LABELS)."""
    from django.conf import settings

    return str(settings.LANGUAGE_LABELS.get(django_language(language), language))


def interface_language() -> str:
    """The UN code of the language the interface is in now ('zh-hans' → 'zh'); English by default."""
    from django.utils.translation import get_language

    return clean_language(get_language()) or "en"


# Babel's locale for dates in a UN language: UN English writes them the British way (6 November 2017).
_BABEL_LOCALE = {"en": "en_GB", "zh": "zh_Hans"}


def babel_locale(language: str) -> str:
    return _BABEL_LOCALE.get(language, language)


def field_suffix(language: str) -> str:
    """The suffix django-modeltranslation gives the column for a UN language: 'zh' → 'zh_hans'."""
    return django_language(language).replace("-", "_")


def translations(obj, field: str) -> dict[str, str]:
    """All six values of a translated field, keyed by UN language code (empty ones left out)."""
    values = {lang: getattr(obj, f"{field}_{field_suffix(lang)}") for lang in UN_LANGUAGES}
    return {lang: value for lang, value in values.items() if value}


def labelled_values(obj, *fields: str) -> list[dict[str, str]]:
    """One row per interface language for showing a translated object: the language's code and
    label, then each field's value in that language ("" where there is none)."""
    from django.conf import settings

    return [
        {
            "code": code,
            "label": settings.LANGUAGE_LABELS[code],
            **{field: getattr(obj, f"{field}_{code.replace('-', '_')}") or "" for field in fields},
        }
        for code, _name in settings.LANGUAGES
    ]
