"""Numbers as UN documents write them: Chinese numerals, English ordinals, Roman numerals, superscripts."""

from __future__ import annotations

import re
import unicodedata

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUPERSCRIPT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINAL_WORD = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?[a-z]+(?:th|st|nd|rd)"

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def chinese_to_int(text: str) -> int | None:
    """`四十六` → 46, `十三` → 13, `一百零二` → 102; Arabic or full-width digits pass through."""
    value = unicodedata.normalize("NFKC", text or "").strip()
    if not value:
        return None
    if value.isdigit():
        return int(value)
    total, current = 0, 0
    for char in value:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in _CN_UNITS:
            # A bare 十 means ten: 十三 is 13, not 3.
            total += (current or 1) * _CN_UNITS[char]
            current = 0
        else:
            return None
    return total + current


def int_to_chinese(number: int) -> str:
    """1 → 一, 13 → 十三, 46 → 四十六 (up to 99, as chapter and annex numbers go)."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, units = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[units] if units else "")


def ordinal_to_int(word: str) -> int | None:
    """`seventh` → 7, `Fifty-sixth` → 56, `7th` → 7."""
    value = word.strip().lower().replace("–", "-")
    if match := re.fullmatch(r"(\d+)(?:st|nd|rd|th)", value):
        return int(match.group(1))
    if value in _ORDINALS:
        return _ORDINALS[value]
    tens, _, unit = value.partition("-")
    if tens in _TENS and unit in _ORDINALS and _ORDINALS[unit] < 10:
        return _TENS[tens] + _ORDINALS[unit]
    return None


def roman_to_int(text: str) -> int | None:
    """`IV` → 4; None for anything that is not a Roman numeral."""
    value = text.strip().upper()
    if not value or any(char not in _ROMAN for char in value):
        return None
    total = 0
    for index, char in enumerate(value):
        number = _ROMAN[char]
        following = _ROMAN[value[index + 1]] if index + 1 < len(value) else 0
        total += -number if number < following else number
    return total


def superscript_to_int(text: str) -> int | None:
    """`²⁹` → 29."""
    value = text.translate(_SUPERSCRIPTS)
    return int(value) if value.isdigit() else None


def letter(index: int) -> str:
    """1 → "a": sub-paragraph (三) is "c" in English."""
    return chr(ord("a") + index - 1) if 1 <= index <= 26 else str(index)
