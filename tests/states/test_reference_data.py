"""The reference data: invariants of the Convention, the loader, and agreement with ../shared/reference."""

import csv
import datetime as dt
import re
import shutil
from collections import Counter, defaultdict

import pytest

from cosp.states.enums import StateKind
from cosp.states.models import Article, Chapter, RegionalGroup, State
from cosp.states.reference import DATA_DIR, ReferenceDataError, load_reference_data

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

OPENED_FOR_SIGNATURE = dt.date(2003, 12, 9)

# RULES.md 1.2: chapter → (first article, last article).
CHAPTER_RANGES = {
    "I": (1, 4),
    "II": (5, 14),
    "III": (15, 42),
    "IV": (43, 50),
    "V": (51, 59),
    "VI": (60, 62),
    "VII": (63, 64),
    "VIII": (65, 71),
}

# RULES.md 1.3, the English titles.
ARTICLE_TITLES = {
    1: "Statement of purpose",
    2: "Use of terms",
    3: "Scope of application",
    4: "Protection of sovereignty",
    5: "Preventive anti-corruption policies and practices",
    6: "Preventive anti-corruption body or bodies",
    7: "Public sector",
    8: "Codes of conduct for public officials",
    9: "Public procurement and management of public finances",
    10: "Public reporting",
    11: "Measures relating to the judiciary and prosecution services",
    12: "Private sector",
    13: "Participation of society",
    14: "Measures to prevent money-laundering",
    15: "Bribery of national public officials",
    16: "Bribery of foreign public officials and officials of public international organizations",
    17: "Embezzlement, misappropriation or other diversion of property by a public official",
    18: "Trading in influence",
    19: "Abuse of functions",
    20: "Illicit enrichment",
    21: "Bribery in the private sector",
    22: "Embezzlement of property in the private sector",
    23: "Laundering of proceeds of crime",
    24: "Concealment",
    25: "Obstruction of justice",
    26: "Liability of legal persons",
    27: "Participation and attempt",
    28: "Knowledge, intent and purpose as elements of an offence",
    29: "Statute of limitations",
    30: "Prosecution, adjudication and sanctions",
    31: "Freezing, seizure and confiscation",
    32: "Protection of witnesses, experts and victims",
    33: "Protection of reporting persons",
    34: "Consequences of acts of corruption",
    35: "Compensation for damage",
    36: "Specialized authorities",
    37: "Cooperation with law enforcement authorities",
    38: "Cooperation between national authorities",
    39: "Cooperation between national authorities and the private sector",
    40: "Bank secrecy",
    41: "Criminal record",
    42: "Jurisdiction",
    43: "International cooperation",
    44: "Extradition",
    45: "Transfer of sentenced persons",
    46: "Mutual legal assistance",
    47: "Transfer of criminal proceedings",
    48: "Law enforcement cooperation",
    49: "Joint investigations",
    50: "Special investigative techniques",
    51: "General provision",
    52: "Prevention and detection of transfers of proceeds of crime",
    53: "Measures for direct recovery of property",
    54: "Mechanisms for recovery of property through international cooperation in confiscation",
    55: "International cooperation for purposes of confiscation",
    56: "Special cooperation",
    57: "Return and disposal of assets",
    58: "Financial intelligence unit",
    59: "Bilateral and multilateral agreements and arrangements",
    60: "Training and technical assistance",
    61: "Collection, exchange and analysis of information on corruption",
    62: (
        "Other measures: implementation of the Convention through economic development"
        " and technical assistance"
    ),
    63: "Conference of the States Parties to the Convention",
    64: "Secretariat",
    65: "Implementation of the Convention",
    66: "Settlement of disputes",
    67: "Signature, ratification, acceptance, approval and accession",
    68: "Entry into force",
    69: "Amendment",
    70: "Denunciation",
    71: "Depositary and languages",
}

# States with no regional group, by design (RULES.md 3.1): Kiribati belongs to none; the EU is no State.
NO_GROUP = {"KIR", "EUE"}


# --- Invariants of the Convention --------------------------------------------------------------------


def test_eight_chapters_with_contiguous_article_ranges(db, reference_db):
    chapters = list(Chapter.objects.order_by("number"))
    assert [c.roman for c in chapters] == list(CHAPTER_RANGES)
    assert Article.objects.count() == 71
    for chapter in chapters:
        numbers = sorted(chapter.articles.values_list("number", flat=True))
        first, last = CHAPTER_RANGES[chapter.roman]
        assert numbers == list(range(first, last + 1)), chapter.roman
    assert sum(last - first + 1 for first, last in CHAPTER_RANGES.values()) == 71


def test_every_article_has_the_english_title_and_a_chinese_one(db, reference_db):
    for article in Article.objects.all():
        assert article.title_en == ARTICLE_TITLES[article.number]
        assert article.title_zh_hans, article.number
        assert re.search(r"[\u4e00-\u9fff]", article.title_zh_hans), article.number
    assert Chapter.objects.filter(title_zh_hans__isnull=True).count() == 0


def test_chinese_titles_of_well_known_articles(db, reference_db):
    assert Chapter.objects.get(roman="I").title_zh_hans == "总则"
    assert Article.objects.get(number=5).title_zh_hans == "预防性反腐败政策和做法"
    assert Article.objects.get(number=46).title_zh_hans == "司法协助"


def test_five_regional_groups_named_in_english_and_chinese(db, reference_db):
    groups = {g.code: g for g in RegionalGroup.objects.all()}
    assert set(groups) == {"AFR", "APG", "EEG", "GRULAC", "WEOG"}
    assert groups["AFR"].name_en == "African States"
    assert groups["AFR"].abbreviation_en == "African Group"
    assert groups["AFR"].name_zh_hans == "非洲国家组"
    assert groups["WEOG"].name_zh_hans == "西欧和其他国家组"
    assert all(g.name_zh_hans and g.abbreviation_zh_hans for g in groups.values())


def test_state_codes_are_well_formed_and_unique(db, reference_db):
    states = list(State.objects.all())
    assert len(states) == reference_db["states"]
    for state in states:
        assert re.fullmatch(r"[A-Z]{2}", state.iso2), state.iso3
        assert re.fullmatch(r"[A-Z]{3}", state.iso3), state.iso3
        if state.kind == StateKind.REIO:
            assert state.m49 == ""
        else:
            assert re.fullmatch(r"\d{3}", state.m49), state.iso3
    for column in ("iso2", "iso3", "m49"):
        values = [getattr(s, column) for s in states if getattr(s, column)]
        assert len(values) == len(set(values)), column


def test_registry_covers_un_members_observers_and_the_eu(db, reference_db):
    status = Counter(State.objects.values_list("un_status", flat=True))
    assert status == {"member": 193, "observer_state": 2, "non_member": 2, "organization": 1}
    eu = State.objects.get(iso2="EU")
    assert eu.kind == StateKind.REIO
    assert eu.regional_group is None


def test_every_state_has_a_group_except_the_documented_ones(db, reference_db):
    without = set(State.objects.filter(regional_group__isnull=True).values_list("iso3", flat=True))
    assert without == NO_GROUP
    assert State.objects.get(iso3="USA").regional_group.code == "WEOG"
    assert State.objects.get(iso3="TUR").regional_group.code == "WEOG"
    assert State.objects.get(iso3="ISR").regional_group.code == "WEOG"


def test_parties_are_derived_from_the_data(db, reference_db):
    with (DATA_DIR / "states.csv").open(encoding="utf-8") as handle:
        in_file = sum(1 for row in csv.DictReader(handle) if row["instrument"])
    parties = State.objects.parties().count()
    assert parties == in_file == reference_db["parties"]
    assert 185 <= parties <= 195
    assert State.objects.parties().filter(iso3="EUE", kind=StateKind.REIO).exists()


def test_known_non_parties_and_signatories(db, reference_db):
    syria = State.objects.get(iso3="SYR")
    assert syria.convention_status == "signatory"
    for iso3 in ("PRK", "ERI"):
        assert State.objects.get(iso3=iso3).convention_status == "non_signatory"


def test_dates_are_never_before_the_convention_opened(db, reference_db):
    for state in State.objects.all():
        for date in (state.signed_on, state.instrument_deposited_on):
            assert date is None or date >= OPENED_FOR_SIGNATURE, state.iso3
        if state.instrument_deposited_on:
            assert state.instrument, state.iso3
        if state.signed_on and state.instrument_deposited_on:
            assert state.instrument_deposited_on >= state.signed_on, state.iso3


def test_names_are_the_un_names(db, reference_db):
    bolivia = State.objects.get(iso3="BOL")
    assert bolivia.short_name_en == "Bolivia (Plurinational State of)"
    assert bolivia.short_name_zh_hans == "多民族玻利维亚国"
    assert State.objects.get(iso3="TUR").short_name_en == "Türkiye"
    assert State.objects.get(iso3="CZE").short_name_zh_hans == "捷克"
    assert State.objects.get(iso3="PSE").short_name_zh_hans == "巴勒斯坦国"
    # The other four languages come from CLDR.
    assert all(
        s.short_name_fr and s.short_name_ru and s.short_name_ar and s.short_name_es
        for s in State.objects.all()
    )


# --- The loader ---------------------------------------------------------------------------------------


def test_loading_twice_changes_nothing(db, reference_db):
    before = list(State.objects.order_by("iso3").values())
    history = State.history.count()
    assert load_reference_data() == reference_db
    assert list(State.objects.order_by("iso3").values()) == before
    assert State.history.count() == history  # nothing changed, nothing saved
    assert RegionalGroup.objects.count() == 5


def test_command_prints_the_counts(db, reference_db, capsys):
    from django.core.management import call_command

    call_command("load_reference_data")
    out = capsys.readouterr().out
    assert f"parties: {reference_db['parties']}" in out
    assert "articles: 71" in out


@pytest.fixture
def broken_data(tmp_path):
    """A copy of the data folder where we can break one file."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _rewrite(path, line, old, new):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "line", "old", "new", "column"),
    [
        ("states.csv", 3, "ALB", "AL1", "iso3"),
        ("states.csv", 4, "2003-12-09", "2003-02-30", "signed_on"),
        ("states.csv", 2, ",ratification,", ",treaty,", "instrument"),
        ("articles.csv", 10, ",II,", ",IX,", "chapter_roman"),
        ("chapters.csv", 3, ",II,", ",V,", "roman"),
    ],
)
def test_a_bad_row_names_file_line_and_column_and_writes_nothing(
    db, reference_db, broken_data, file, line, old, new, column
):
    # Change something valid elsewhere, so we can see that it was not written either.
    _rewrite(broken_data / "states.csv", 11, "Austria,奥地利", "Austria,CHANGED")
    _rewrite(broken_data / file, line, old, new)
    with pytest.raises(ReferenceDataError) as excinfo:
        load_reference_data(data_dir=broken_data)
    assert f"{file}, line {line}, column {column}" in str(excinfo.value)
    assert State.objects.get(iso3="AUT").short_name_zh_hans == "奥地利"


def test_a_duplicate_code_is_reported_with_both_lines(db, reference_db, broken_data):
    _rewrite(broken_data / "states.csv", 3, "AL,ALB", "AF,ALB")
    with pytest.raises(
        ReferenceDataError, match=r"states.csv, line 3, column iso2: 'AF' already used on line 2"
    ):
        load_reference_data(data_dir=broken_data)


def test_a_deposit_before_mérida_is_refused(db, reference_db, broken_data):
    _rewrite(broken_data / "states.csv", 2, "2008-08-25", "2001-08-25")
    with pytest.raises(ReferenceDataError, match="before the Convention opened for signature"):
        load_reference_data(data_dir=broken_data)


# --- Against ../shared/reference ------------------------------------------------------------------------


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_un_official_names_resolve_to_the_right_state(db, reference_db, shared_file):
    from cosp.states.names import normalise_name, resolve_state

    # Map names to ISO codes through country-codes.csv. Some of its rows lack the UNTERM columns
    # (Côte d'Ivoire) or use another English name (Turkey/Türkiye), so try several columns each way.
    columns = ("official_name_en", "UNTERM English Formal", "UNTERM Chinese Formal", "UNTERM Chinese Short")
    codes = {}
    for row in _rows(shared_file("reference", "country-codes.csv")):
        for column in ("UNTERM English Short", "CLDR display name", "official_name_cn", *columns):
            if row[column] and row["ISO3166-1-Alpha-3"]:
                codes.setdefault(normalise_name(row[column]), row["ISO3166-1-Alpha-3"])
    failures = []
    rows = _rows(shared_file("reference", "unterm_names.csv"))
    assert len(rows) >= 197
    for row in rows:
        iso3 = next((codes[key] for c in columns if (key := normalise_name(row[c])) in codes), None)
        assert iso3, f"no ISO code for {row['official_name_en']!r} in country-codes.csv"
        for column in (
            "official_name_en",
            "UNTERM Chinese Short",
            "UNTERM English Formal",
            "UNTERM Chinese Formal",
        ):
            name = row[column]
            if not name:
                continue
            try:
                found = resolve_state(name).iso3
            except ValueError as exc:
                found = str(exc)
            if found != iso3:
                failures.append(f"{column} {name!r}: {found} instead of {iso3}")
    assert not failures, "\n".join(failures)


def test_regional_groups_agree_with_the_un_list(db, reference_db, shared_file):
    names = {
        "African Group": "AFR",
        "Asia-Pacific Group": "APG",
        "Eastern European Group": "EEG",
        "GRULAC": "GRULAC",
        "WEOG": "WEOG",
    }
    listed = defaultdict(set)
    for row in _rows(shared_file("reference", "un-regional-groups.csv")):
        assert row["Region"] in names, row["Region"]
        listed[row["Code"]].add(names[row["Region"]])
    ours = dict(State.objects.values_list("iso3", "regional_group__code"))
    problems = []
    for iso3, groups in listed.items():
        if iso3 not in ours:
            problems.append(f"{iso3} is in the UN list but not in ours")
        elif iso3 == "KIR":
            continue  # RULES.md 3.1: Kiribati belongs to no group, whatever older lists say
        elif ours[iso3] not in groups:
            problems.append(f"{iso3}: ours {ours[iso3]}, UN list {sorted(groups)}")
    for iso3, group in ours.items():
        # The US and the non-member parties are placed by us (RULES.md 3.1, data/README.md).
        if group and iso3 not in listed and iso3 not in {"USA", "VAT", "PSE", "COK", "NIU"}:
            problems.append(f"{iso3}: ours {group}, absent from the UN list")
    assert not problems, "\n".join(problems)


def test_m49_codes_agree_with_country_codes(db, reference_db, shared_file):
    m49 = {
        row["ISO3166-1-Alpha-3"]: row["M49"].zfill(3)
        for row in _rows(shared_file("reference", "country-codes.csv"))
        if row["ISO3166-1-Alpha-3"] and row["M49"]
    }
    wrong = [
        f"{s.iso3}: {s.m49} vs {m49[s.iso3]}"
        for s in State.objects.exclude(kind=StateKind.REIO)
        if m49[s.iso3] != s.m49
    ]
    assert not wrong, wrong


def test_article_titles_agree_with_the_convention(db, reference_db, shared_file):
    rows = _rows(shared_file("reference", "uncac-articles-en.csv"))
    assert len(rows) == 71
    for row in rows:
        article = Article.objects.select_related("chapter").get(number=int(row["article"]))
        assert article.title_en.casefold() == row["article_title"].strip().casefold()
        assert article.chapter.roman == row["chapter"].strip()
        assert article.chapter.title_en.casefold() == row["chapter_title"].strip().casefold()
