"""The values of a recovery record, each with one `clean_*` that returns the canonical form or raises
ValueError with a message saying what is wrong. Forms, the import and the services use the same ones.

Plain Python: no database, no web code.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from babel.numbers import get_currency_name, list_currencies
from django.utils.translation import gettext as _

from .enums import Measure, Offence

USD = "USD"
# The Convention was adopted in 2003; no figure of recovery under it is older.
FIRST_YEAR = 2003
# Amounts up to a thousand billion with cents: more than any State has ever recovered in a year.
MAX_AMOUNT = Decimal("1000000000000000")
CENTS = Decimal("0.01")

# ISO 4217 codes for money (Babel's list, which holds current and withdrawn codes, minus the codes for
# metals, testing and "no currency").
_NOT_MONEY = {"XXX", "XTS", "XAU", "XAG", "XPT", "XPD", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA"}
CURRENCIES = frozenset(code for code in list_currencies() if code not in _NOT_MONEY)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A telephone number: an international prefix (+ or 00) followed by at least 7 more digits, or a number
# in brackets followed by digits ("(01) 2345 678"), with the usual separators.
_PHONE = re.compile(r"(?:\+|\b00)\d[\d ().\-/]{6,}\d|\(\d{1,5}\)\s?\d[\d .\-/]{4,}\d")
_MEASURES = frozenset(Measure.values)
_OFFENCES = frozenset(Offence.values)
# "1,234,567.89": commas only as thousands separators.
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


def clean_currency(value: object) -> str:
    code = str(value or "").strip().upper()
    if not code:
        raise ValueError(_("the currency is missing"))
    if code not in CURRENCIES:
        raise ValueError(_("“%(code)s” is not an ISO 4217 currency code") % {"code": code})
    return code


def currency_label(code: str, locale: str = "en") -> str:
    """ "EUR (Euro)" in the reader's language, for choices and tables."""
    try:
        return f"{code} ({get_currency_name(code, locale=locale)})"
    except (ValueError, LookupError):
        return code


def clean_year(value: object, *, this_year: int) -> int:
    text = str(value if value is not None else "").strip()
    if text.endswith(".0"):  # spreadsheets give whole numbers as 2019.0
        text = text[:-2]
    if not text.isdigit():
        raise ValueError(_("the year “%(value)s” is not a year") % {"value": text})
    year = int(text)
    if not FIRST_YEAR <= year <= this_year:
        raise ValueError(
            _("the year %(year)s is out of range (%(first)s to %(last)s)")
            % {"year": year, "first": FIRST_YEAR, "last": this_year}
        )
    return year


def clean_amount(value: object) -> Decimal:
    """A non-negative amount with at most two decimals; "1,234.50", "1 234.50" and 1234.5 alike."""
    if isinstance(value, float):
        value = repr(value)
    text = str(value if value is not None else "").strip().replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace(" ", "").replace("_", "")
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not text:
        raise ValueError(_("the amount is missing"))
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(_("the amount “%(value)s” is not a number") % {"value": value}) from None
    if not amount.is_finite():
        raise ValueError(_("the amount “%(value)s” is not a number") % {"value": value})
    if amount < 0:
        raise ValueError(_("the amount %(value)s is negative") % {"value": value})
    if amount >= MAX_AMOUNT:
        raise ValueError(_("the amount %(value)s is too large") % {"value": value})
    if amount != amount.quantize(CENTS):
        raise ValueError(_("the amount %(value)s has more than two decimals") % {"value": value})
    return amount.quantize(CENTS)


def clean_cases(value: object) -> int:
    text = str(value if value is not None else "").strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or int(text) < 1:
        raise ValueError(
            _("the number of cases “%(value)s” is not a whole number of at least 1") % {"value": text}
        )
    return int(text)


def clean_measure(value: object) -> str:
    text = str(value or "").strip().casefold()
    if text in _MEASURES:
        return text
    for measure in Measure:
        if text in {measure.value, str(measure.label).casefold()}:
            return measure.value
    raise ValueError(
        _("the measure “%(value)s” is unknown (one of: %(known)s)")
        % {"value": value or "", "known": ", ".join(Measure.values)}
    )


def clean_offences(value: object) -> list[str]:
    """Article numbers of chapter III (15 to 25) or "other", separated by commas, semicolons or spaces;
    "art. 15" is read as 15. Empty means not stated."""
    text = str(value if value is not None else "").strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    codes = []
    for part in re.split(r"[,;/\s]+", re.sub(r"(?i)\bart(?:icle)?s?\.?", " ", text)):
        code = part.strip().casefold()
        if not code:
            continue
        if code not in _OFFENCES:
            raise ValueError(
                _("the offence “%(value)s” is unknown (article numbers 15 to 25, or “other”)")
                % {"value": part}
            )
        codes.append(code)
    return sorted(set(codes), key=lambda code: (not code.isdigit(), code.zfill(3)))


def check_no_personal_data(text: str) -> str:
    """Free text stays free of personal data: refused when it holds an e-mail address or a telephone
    number (a name cannot be told apart from other words; the help texts ask for none)."""
    text = (text or "").strip()
    if _EMAIL.search(text):
        raise ValueError(_("the text holds an e-mail address; personal data may not be stored"))
    if _PHONE.search(text):
        raise ValueError(_("the text holds a telephone number; personal data may not be stored"))
    return text


def to_usd(amount: Decimal, units_per_usd: Decimal) -> Decimal:
    """The amount in US dollars at a rate given as units of the currency per dollar, to the cent."""
    return (amount / units_per_usd).quantize(CENTS, rounding=ROUND_HALF_EVEN)


def clean_rate(value: object) -> Decimal:
    if isinstance(value, float):
        value = repr(value)
    try:
        rate = Decimal(str(value if value is not None else "").strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(_("the rate “%(value)s” is not a number") % {"value": value}) from None
    if not rate.is_finite() or rate <= 0:
        raise ValueError(_("the rate “%(value)s” is not a positive number") % {"value": value})
    if rate != rate.quantize(Decimal("0.000001")) or rate >= Decimal("100000000000000"):
        raise ValueError(
            _("the rate “%(value)s” has more than six decimals or is too large") % {"value": value}
        )
    return rate
