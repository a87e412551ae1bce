"""Name resolution: normalisation, variants seen in UN documents, and the attendance lists of two reports."""

import datetime as dt
import re

import pytest

from cosp.core.enums import ObserverCategory, OrganisationKind
from cosp.core.models import Organisation
from cosp.states.names import UnresolvedName, normalise_name, resolve, resolve_state, resolve_states

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the Republic of Korea", "republic of korea"),
        ("  Republic   of Korea. ", "republic of korea"),
        ("Bahamas (the)", "bahamas"),
        ("Côte d’Ivoire", "cote divoire"),
        ("Cote d'Ivoire", "cote divoire"),
        ("Bolivia（Plurinational State of）", "bolivia plurinational state of"),
        ("多民族 玻利维亚 国", "多民族玻利维亚国"),
        ("多民族玻利维亚国。", "多民族玻利维亚国"),
        ("ＴＵＲＫＩＹＥ", "turkiye"),
        ("", ""),
    ],
)
def test_normalise_name(text, key):
    assert normalise_name(text) == key


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Republic of Korea", "KOR"),
        ("大韩民国", "KOR"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("科特迪瓦", "CIV"),
        ("刚果民主共和国", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("委内瑞拉玻利瓦尔共和国", "VEN"),
        ("土耳其", "TUR"),
        ("土耳其共和国", "TUR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Swaziland", "SWZ"),
        ("Eswatini", "SWZ"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("前南斯拉夫的马其顿共和国", "MKD"),
        ("North Macedonia", "MKD"),
        ("Czech Republic", "CZE"),
        ("捷克共和国", "CZE"),
        ("捷克", "CZE"),
        ("the United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("大不列颠及北爱尔兰 联合王国", "GBR"),
        ("THE HOLY SEE", "VAT"),
        ("教廷", "VAT"),
        ("State of Palestine", "PSE"),
        ("巴勒斯坦国", "PSE"),
        ("European Union", "EUE"),
        ("欧洲联盟", "EUE"),
        ("the Plurinational State of Bolivia", "BOL"),
        ("Bolivia（Plurinational State of）", "BOL"),
        ("Netherlands", "NLD"),
        ("荷兰", "NLD"),
        ("Allemagne", "DEU"),  # French, from CLDR
        ("Германия", "DEU"),  # Russian, from CLDR
        ("Gambia (Republic of The)", "GMB"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
    ],
)
def test_resolve_variants(db, reference_db, text, iso3):
    assert resolve_state(text).iso3 == iso3


@pytest.mark.parametrize("text", ["Atlantis", "亚特兰蒂斯", "", "   "])
def test_unknown_name_raises_with_the_text(db, reference_db, text):
    with pytest.raises(UnresolvedName) as excinfo:
        resolve_state(text)
    assert repr(text) in str(excinfo.value)
    assert isinstance(excinfo.value, ValueError)


def test_resolve_states_keeps_order(db, reference_db):
    assert [s.iso3 for s in resolve_states(["中国", "Japan", "欧盟"])] == ["CHN", "JPN", "EUE"]


# --- Attendance lists of real reports (../shared/samples) -----------------------------------------------

# Lines that PDF extraction leaves inside a paragraph: page headers, symbols, page numbers, job numbers.
_NOISE = re.compile(r"^(?:CAC/COSP/\S+|V\.\d{2}-\d{5}.*|\d+/\d+|-?\s*\d+\s*-?|\*\d+\*)$")


def _paragraph(text: str, start: str) -> str:
    """The paragraph starting with `start`, up to its closing 。, joined over line breaks and headers."""
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith(start))
    parts = []
    for line in lines[index:]:
        stripped = line.strip()
        if not stripped or _NOISE.match(stripped):
            continue
        parts.append(stripped)
        if stripped.endswith("。"):
            break
    return "".join(parts)


def _names(paragraph: str) -> list[str]:
    """The list after the colon, names separated by 、 (names themselves may contain 和)."""
    listed = re.split(r"[：:]", paragraph, maxsplit=1)[1].rstrip("。")
    return [name.strip() for name in listed.split("、") if name.strip()]


def test_cosp7_attendance_resolves_to_parties(db, reference_db, shared_file):
    text = shared_file("samples", "cosp7-report-2017.zh.txt").read_text(encoding="utf-8")
    paragraph = _paragraph(text, "17. 《公约》的下列缔约国派代表出席了")
    names = _names(paragraph)
    assert len(names) > 150
    states = resolve_states(names)
    assert len({s.iso3 for s in states}) == len(names)  # no two names fell on one State
    report_date = dt.date(2017, 11, 10)
    for name, state in zip(names, states, strict=True):
        assert state.instrument, f"{name} ({state.iso3}) attended as a party but is not one in our data"
        assert state.instrument_deposited_on is None or state.instrument_deposited_on <= report_date, name
    signatory = _paragraph(text, "18. 《公约》签署国")
    assert "阿拉伯叙利亚共和国" in signatory
    assert resolve_state("阿拉伯叙利亚共和国").convention_status == "signatory"
    assert "欧洲联盟" in _paragraph(text, "19. 作为《公约》缔约方的区域经济一体化组织")
    assert resolve_state("欧洲联盟").instrument


def test_special_session_2021_attendance_resolves(db, reference_db, shared_file):
    text = shared_file("samples", "cosp-special-session-2021.zh.txt").read_text(encoding="utf-8")
    paragraph = _paragraph(text, "7. 《公约》的下列缔约国派代表出席了会议")
    names = _names(paragraph)
    assert len(names) > 100
    states = resolve_states(names)
    assert len({s.iso3 for s in states}) == len(names)
    assert all(s.instrument for s in states), [s.iso3 for s in states if not s.instrument]
    observers = _paragraph(text, "8. 安道尔")  # "8. 安道尔和圣马力诺派观察员出席了会议。"
    listed = observers.removeprefix("8. ").split("派观察员")[0]
    andorra, san_marino = resolve_states(listed.split("和"))
    assert (andorra.iso3, san_marino.iso3) == ("AND", "SMR")
    # Observers in 2021, so not parties then (San Marino ratified later; Andorra has not).
    for state in (andorra, san_marino):
        assert not state.instrument or state.instrument_deposited_on > dt.date(2021, 12, 31)
    assert "欧洲联盟" in _paragraph(text, "9. 作为《公约》缔约方的区域经济一体化组织")


def test_organisations_resolve_by_name_in_any_language_or_abbreviation(db, reference_db):
    ti = Organisation.objects.create(
        kind=OrganisationKind.OBSERVER,
        name_en="Transparency International",
        name_zh_hans="透明国际",
        abbreviation="TI",
        observer_category=ObserverCategory.NGO_ECOSOC,
    )

    assert resolve("透明 国际") == ti
    assert resolve("transparency international") == ti
    assert resolve("TI") == ti
    assert resolve("奥地利").iso3 == "AUT"  # States first
    with pytest.raises(UnresolvedName, match="Atlantis"):
        resolve("Atlantis Anti-Corruption League")
