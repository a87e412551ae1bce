"""The value checks every entry goes through (values.py): each clean function's truth table."""

from decimal import Decimal

import pytest

from cosp.recovery import values

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1250000", Decimal("1250000.00")),
        ("1,250,000.50", Decimal("1250000.50")),
        ("1 250 000.5", Decimal("1250000.50")),
        (1234.5, Decimal("1234.50")),
        (0, Decimal("0.00")),
        ("0.10", Decimal("0.10")),
    ],
)
def test_clean_amount_reads_plain_and_grouped_numbers(raw, expected):
    assert values.clean_amount(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("-5", "negative"),
        ("abc", "not a number"),
        ("1.234,56", "not a number"),
        ("", "missing"),
        ("NaN", "not a number"),
        ("1.005", "more than two decimals"),
        ("1e20", "too large"),
    ],
)
def test_clean_amount_refuses_with_the_reason(raw, reason):
    with pytest.raises(ValueError, match=reason):
        values.clean_amount(raw)


@pytest.mark.parametrize(
    ("raw", "expected"), [("2019", 2019), (2019, 2019), ("2019.0", 2019), (" 2003 ", 2003)]
)
def test_clean_year_reads_whole_years(raw, expected):
    assert values.clean_year(raw, this_year=2026) == expected


@pytest.mark.parametrize(
    ("raw", "reason"), [("2002", "out of range"), ("2027", "out of range"), ("20x9", "not a year")]
)
def test_clean_year_refuses_years_out_of_range(raw, reason):
    with pytest.raises(ValueError, match=reason):
        values.clean_year(raw, this_year=2026)


def test_clean_currency_knows_iso_4217_codes_only():
    assert values.clean_currency(" eur ") == "EUR"
    assert values.clean_currency("NGN") == "NGN"
    for bad in ("EURO", "ABC", "XAU", ""):
        with pytest.raises(ValueError, match="currency"):
            values.clean_currency(bad)


@pytest.mark.parametrize(
    ("raw", "expected"), [("frozen", "frozen"), ("Returned", "returned"), (" SEIZED ", "seized")]
)
def test_clean_measure_reads_the_four_measures(raw, expected):
    assert values.clean_measure(raw) == expected


def test_clean_measure_refuses_others_and_names_the_known_ones():
    with pytest.raises(ValueError, match="frozen, seized, confiscated, returned"):
        values.clean_measure("stolen")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15, 23", ["15", "23"]),
        ("art. 23; 15", ["15", "23"]),
        ("other 17", ["17", "other"]),
        ("", []),
        (15.0, ["15"]),
    ],
)
def test_clean_offences_reads_article_numbers(raw, expected):
    assert values.clean_offences(raw) == expected


def test_clean_offences_refuses_articles_outside_chapter_iii():
    with pytest.raises(ValueError, match="“46”"):
        values.clean_offences("15, 46")


@pytest.mark.parametrize(
    "text",
    ["Contact jane.doe@example.org", "call +41 22 123 45 67", "tel. 0041 22 123 4567", "(022) 123 4567"],
)
def test_personal_data_is_refused(text):
    with pytest.raises(ValueError, match="personal data"):
        values.check_no_personal_data(text)


@pytest.mark.parametrize(
    "text", ["Annual report 2021, p. 14", "Case files 2019-2021", "Returned under art. 57(3)"]
)
def test_ordinary_text_passes(text):
    assert values.check_no_personal_data(text) == text


def test_to_usd_divides_by_units_per_dollar_to_the_cent():
    assert values.to_usd(Decimal("900000"), Decimal("0.9")) == Decimal("1000000.00")
    assert values.to_usd(Decimal("100"), Decimal("3")) == Decimal("33.33")


def test_clean_rate_wants_a_positive_number():
    assert values.clean_rate("1,530.5") == Decimal("1530.5")
    for bad in ("0", "-1", "x", "0.0000001"):
        with pytest.raises(ValueError, match="the rate"):
            values.clean_rate(bad)
