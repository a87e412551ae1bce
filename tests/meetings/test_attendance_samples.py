"""The attendance lists reproduce the attendance paragraphs of two real Chinese session reports.

For each sample report and each attendance paragraph: read the names the report lists, resolve each
to our registry (a State or an observer organisation), shuffle them, build the attendees from OUR data
(names as at the session, group, kind) and generate the Chinese lists; they must hold the same
entities in the same order, under the same names, as the report.
"""

import random
import re
from dataclasses import dataclass
from datetime import date

import pytest

from cosp.core.models import Organisation
from cosp.meetings.attendance import Attendee, attendance_lists
from cosp.meetings.enums import AttendanceGroup
from cosp.meetings.organisations import load_observer_organisations, names_in_year
from cosp.meetings.services import attendance_group_for
from cosp.states.models import State
from cosp.states.names import UnresolvedName, resolve_organisation, resolve_state
from cosp.states.reference import ReferenceDataError
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

G = AttendanceGroup


@dataclass(frozen=True)
class Sample:
    file: str
    opened: date
    paragraphs: dict[int, AttendanceGroup]  # the attendance paragraphs by number, in the report's order
    counts: dict[int, int]  # how many names each paragraph lists (read by hand, to check the reading)
    entities_by_kind: bool
    permanent_observers_first: bool


SAMPLES = {
    "cosp7-2017": Sample(
        file="cosp7-report-2017.zh.txt",
        opened=date(2017, 11, 6),
        paragraphs={
            17: G.STATE_PARTY,
            18: G.SIGNATORY,
            19: G.REIO,
            20: G.UN_ENTITY,
            21: G.PERMANENT_OBSERVER,
            22: G.IGO,
            23: G.NGO_ECOSOC,
            24: G.NGO_OTHER,
        },
        counts={17: 155, 18: 1, 19: 1, 20: 10, 21: 1, 22: 16, 23: 18, 24: 54},
        entities_by_kind=True,
        permanent_observers_first=False,
    ),
    "special-session-2021": Sample(
        file="cosp-special-session-2021.zh.txt",
        opened=date(2021, 5, 7),
        paragraphs={
            7: G.STATE_PARTY,
            8: G.NON_SIGNATORY,
            9: G.REIO,
            10: G.PERMANENT_OBSERVER,
            11: G.UN_ENTITY,
            12: G.IGO,
            13: G.NGO_ECOSOC,
            14: G.NGO_OTHER,
        },
        counts={7: 103, 8: 2, 9: 1, 10: 1, 11: 8, 12: 15, 13: 19, 14: 19},
        entities_by_kind=False,
        permanent_observers_first=True,
    ),
}

# Organisations whose English name we could not establish, and whose rendering from the Chinese does
# not sort where the report puts them (organisations.csv marks them "inferred"). They must be in the
# list; their place is not checked. Each must really be out of place, so the list stays true.
UNPLACED = {
    "cosp7-2017": {"national-anti-corruption-network", "sacred-transparency-peace", "living-environment"},
    "special-session-2021": {
        "world-peace-organization",
        "anti-corruption-expert-review",
        "young-leaders-burkina-faso",
    },
}

# Our Chinese short names that differ from the reports' (states.csv is not this test's to change).
STATE_NAME_DIFFERENCES = {"DOM": ("多米尼加", "多米尼加共和国")}  # ours, the reports'

# Organisations renamed between the two reports: the 2017 report uses the former name (English,
# Chinese or both), the 2021 report the current one. names_in_year gives each year's.
RENAMED = {
    "order-of-malta": ("马耳他主权军事教团", "马耳他主权教团"),
    "interpol": ("国际刑事警察组织（刑警组织）", "国际刑事警察组织（国际刑警组织）"),
    "alliance-ngos-ccpcj": ("非政府组织预防犯罪和刑事司法联盟", "预防犯罪和刑事司法非政府组织联盟"),
    "uncac-coalition": ("联合国反腐败公约民间社会之友联盟（又称反腐败公约联盟）", "反腐败公约民间社会联合会"),
}

_HEADING = re.compile(r"^[A-Z]\.\s*(与会|出席)情况\s*$")
_NUMBERED = re.compile(r"^(\d+)\.\s")
_SECTION = re.compile(r"^([一二三四五六七八九十]+|[A-Z])\.\s")
# A list follows the first full-width colon after "出席了" (names such as "第 19 条：…" hold colons too).
_LIST = re.compile(r"出席了[^：]*?：(?P<names>.*)。$")
# The paragraphs that name one entity (or two joined by 和) in a sentence instead of a list.
_SENTENCE = re.compile(
    r"^(?:《公约》签署国|作为《公约》缔约方的区域经济一体化组织|在总部设有常驻观察员办公室的实体)?"
    r"(?P<names>.+?)派(?:观察员|代表|员)出席了会议。$"
)


@pytest.fixture(scope="module")
def observer_organisations(reference_db, django_db_blocker):
    """The States (reference_db) and our observer organisations, loaded once and removed afterwards."""
    with django_db_blocker.unblock():
        count = load_observer_organisations()
    yield count
    with django_db_blocker.unblock():
        Organisation.objects.exclude(code="").delete()
        Organisation.history.exclude(code="").delete()


def read_paragraphs(sample: Sample) -> dict[int, str]:
    """The attendance paragraphs' text, with the lines a page break split joined again."""
    path = SHARED / "samples" / sample.file
    if not path.exists():
        skip_or_fail(f"../shared is absent: {path} not found")
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if _HEADING.match(line.strip()))
    paragraphs: dict[int, str] = {}
    current = None
    for line in lines[start + 1 :]:
        line = line.strip()
        if not line:
            continue
        if (numbered := _NUMBERED.match(line)) and int(numbered.group(1)) in sample.paragraphs:
            current = int(numbered.group(1))
            paragraphs[current] = line[numbered.end() :]
        elif numbered or _SECTION.match(line):
            if paragraphs.keys() == sample.paragraphs.keys():
                break
            current = None
        elif current is not None:
            paragraphs[current] += line  # the rest of a paragraph after a page break
    return paragraphs


def entity_of(entity: State | Organisation) -> tuple[str, str]:
    return ("state", entity.iso3) if isinstance(entity, State) else ("organisation", entity.code)


def find(text: str) -> State | Organisation | None:
    """The State or organisation a report's name stands for, or None."""
    for resolver in (resolve_state, resolve_organisation):
        try:
            return resolver(text)
        except UnresolvedName:
            pass
    return None


def read_names(paragraph: str) -> list[tuple[str, State | Organisation]]:
    """The names a paragraph lists, each with what it resolves to.

    Names are separated by 、 (and, where the conversion slipped, by ，), yet some names hold a 、
    themselves ("反对种族主义、种族中心主义和地方主义协会"): fragments are joined until they resolve.
    Two names may be joined by 和 ("安道尔和圣马力诺").
    """
    match = _LIST.search(paragraph) or _SENTENCE.search(paragraph)
    assert match, f"not an attendance paragraph: {paragraph[:60]}"
    fragments = [fragment.strip() for fragment in re.split(r"[、，]", match.group("names"))]
    if len(fragments) == 1 and find(fragments[0]) is None:
        fragments = fragments[0].split("和")
    names = []
    while fragments:
        for size in range(1, len(fragments) + 1):
            text = "、".join(fragments[:size])
            if (entity := find(text)) is not None:
                names.append((text, entity))
                del fragments[:size]
                break
        else:
            pytest.fail(f"no State or organisation answers to {fragments[0]!r}")
    return names


def attendee_for(entity: State | Organisation, sample: Sample) -> Attendee:
    """An attendee from our data as at the session: its names, its group and its kind."""
    if isinstance(entity, State):
        return Attendee(group=state_group(entity, sample.opened), names=state_names(entity))
    return Attendee(
        group=attendance_group_for(entity),
        names=names_in_year(entity, sample.opened.year),
        un_system_kind=entity.un_system_kind,
    )


def state_names(state: State) -> dict[str, str]:
    names = {"en": state.short_name_en, "zh": state.short_name_zh_hans}
    return {language: name for language, name in names.items() if name}


def state_group(state: State, on: date) -> AttendanceGroup:
    """Party, signatory or neither on a date (an instrument without a date counts as long deposited)."""
    if state.kind == "reio":
        return G.REIO
    if state.instrument and (state.instrument_deposited_on is None or state.instrument_deposited_on <= on):
        return G.STATE_PARTY
    if state.signed_on and state.signed_on <= on:
        return G.SIGNATORY
    return G.NON_SIGNATORY


def same_text(ours: str, theirs: str) -> bool:
    """Equal but for spacing (the reports space Latin letters and digits off from Chinese)."""
    return "".join(ours.split()) == "".join(theirs.split())


@pytest.fixture(scope="module")
def samples(observer_organisations, django_db_blocker):
    """Each sample's paragraphs as (number, group, [(name as printed, entity)]), read once."""
    with django_db_blocker.unblock():
        return {
            key: [
                (number, sample.paragraphs[number], read_names(text))
                for number, text in read_paragraphs(sample).items()
            ]
            for key, sample in SAMPLES.items()
        }


@pytest.mark.parametrize("key", SAMPLES)
def test_every_name_in_the_attendance_paragraphs_is_read_and_resolved(samples, key):
    counts = {number: len(names) for number, _group, names in samples[key]}

    assert counts == SAMPLES[key].counts


@pytest.mark.parametrize("key", SAMPLES)
def test_our_data_puts_every_participant_in_the_paragraph_the_report_puts_it_in(samples, key):
    sample = SAMPLES[key]

    misplaced = [
        (number, text, attendee_for(entity, sample).group)
        for number, group, names in samples[key]
        for text, entity in names
        if attendee_for(entity, sample).group != group
    ]

    assert misplaced == []


@pytest.mark.parametrize("key", SAMPLES)
def test_chinese_lists_name_the_same_entities_in_the_same_order_as_the_report(samples, key):
    sample = SAMPLES[key]
    entities = [entity for _number, _group, names in samples[key] for _text, entity in names]
    shuffled = random.Random(sample.opened.toordinal()).sample(entities, k=len(entities))
    attendees = [(attendee_for(entity, sample), entity_of(entity)) for entity in shuffled]
    entity_by_name = {(attendee.group, attendee.name("zh")): entity for attendee, entity in attendees}
    assert len(entity_by_name) == len(attendees)  # a name identifies its entity within a list

    lists = attendance_lists(
        [attendee for attendee, _entity in attendees],
        "zh",
        entities_by_kind=sample.entities_by_kind,
        permanent_observers_first=sample.permanent_observers_first,
    )

    assert [item.group for item in lists] == [group for _number, group, _names in samples[key]]
    unplaced = {("organisation", code) for code in UNPLACED[key]}
    for item, (number, _group, names) in zip(lists, samples[key], strict=True):
        ours = [entity_by_name[item.group, name] for name in item.names]
        theirs = [entity_of(entity) for _text, entity in names]
        assert sorted(ours) == sorted(theirs), f"paragraph {number}"
        assert _without(ours, unplaced) == _without(theirs, unplaced), f"paragraph {number}"
        for entity in unplaced & set(theirs):
            others = unplaced - {entity}
            assert _without(ours, others) != _without(theirs, others), (
                f"paragraph {number}: {entity[1]} now sorts where the report has it; take it out of UNPLACED"
            )


def _without(entities: list[tuple[str, str]], left_out: set[tuple[str, str]]) -> list[tuple[str, str]]:
    return [entity for entity in entities if entity not in left_out]


@pytest.mark.parametrize("key", SAMPLES)
def test_chinese_lists_print_the_names_the_report_prints(samples, key):
    sample = SAMPLES[key]
    differences = []
    for _number, _group, names in samples[key]:
        for text, entity in names:
            ours = attendee_for(entity, sample).name("zh")
            if not same_text(ours, text):
                differences.append((entity_of(entity), ours, text))

    known = [(("state", iso3), ours, theirs) for iso3, (ours, theirs) in STATE_NAME_DIFFERENCES.items()]
    assert differences == known


@pytest.mark.parametrize(("key", "position"), [("cosp7-2017", 0), ("special-session-2021", 1)])
def test_renamed_organisations_appear_under_the_name_of_the_year(samples, key, position):
    printed = {
        entity_of(entity)[1]: text
        for _number, _group, names in samples[key]
        for text, entity in names
        if isinstance(entity, Organisation)
    }

    assert {code: printed[code] for code in RENAMED if code in printed} == {
        code: names[position] for code, names in RENAMED.items()
    }


@pytest.mark.usefixtures("observer_organisations")
def test_former_names_resolve_through_resolve_organisation():
    assert resolve_organisation("马耳他主权军事教团").code == "order-of-malta"


@pytest.mark.usefixtures("observer_organisations")
def test_loading_the_organisations_twice_changes_nothing():
    before = list(Organisation.objects.exclude(code="").order_by("code").values())

    count = load_observer_organisations()

    assert count == len(before)
    assert list(Organisation.objects.exclude(code="").order_by("code").values()) == before


def test_an_invalid_organisations_file_names_each_problem_and_writes_nothing(tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_text(
        "code,name_en,name_zh,abbreviation,observer_category,un_system_kind,"
        "former_name_en,former_name_zh,former_name_until,name_en_status\n"
        "good,Good,好,,igo,,,,,known\n"
        "bad,Bad,,,club,agency,Old,,,guessed\n",
        encoding="utf-8",
    )

    with pytest.raises(ReferenceDataError) as raised:
        load_observer_organisations(path)

    assert raised.value.problems == [
        "organisations.csv, line 3, column name_zh: is empty",
        "organisations.csv, line 3, column observer_category: 'club' is not one of "
        "['signatory', 'non_signatory', 'entity', 'un_body', 'igo', 'ngo_ecosoc', 'ngo_other']",
        "organisations.csv, line 3, column un_system_kind: 'agency' is not one of "
        "['secretariat', 'programme', 'convention', 'institute', 'specialized_agency', 'other']",
        "organisations.csv, line 3, column name_en_status: 'guessed' is not one of ['inferred', 'known']",
        "organisations.csv, line 3, column former_name_until: a former name needs the last year it was "
        "used, and only a former name does",
    ]
    assert not Organisation.objects.filter(code="good").exists()
