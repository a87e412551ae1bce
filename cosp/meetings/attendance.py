"""The attendance paragraphs of a session report: who attended, grouped and ordered as the UN does.

A report lists its participants in one paragraph per group (States parties, signatories, ... other
NGOs), each list in the UN's alphabetical order. Which names decide that order depends on the list's
language (SORT_LANGUAGE): the Chinese reports of COSP7 (2017) and of the 2021 special session list
every group in the order of the English names (中国 China after 智利 Chile, 大韩民国 Republic of
Korea after 卡塔尔 Qatar), not in a Chinese collation.

The UN's order compares names as written (no article or word is moved: "Republic of Korea" is under
R, "State of Palestine" under S), ignoring case, accents and punctuation, word by word.

Two things changed between the two reports, so they are options rather than rules:
- `entities_by_kind`: COSP7 lists the United Nations system by kind (Secretariat units; bodies, funds
  and programmes; convention secretariats; institutes of the crime prevention and criminal justice
  programme network; specialized agencies), alphabetically within each kind; the 2021 special
  session lists it in one alphabetical order.
- `permanent_observers_first`: COSP7 puts the entities with a permanent observer office (the
  Sovereign Order of Malta) after the United Nations system; the 2021 special session before it.

This module is plain Python: callers pass the names, in every language they have, as at the session.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .enums import AttendanceGroup

# Whose names order a list in each language. Chinese follows the English names because that is what
# the UN's Chinese reports do (see the module docstring); the others sort on their own names.
SORT_LANGUAGE: Mapping[str, str] = {"en": "en", "zh": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}

# The kinds of United Nations system entities in the order COSP7 lists them (the values of
# cosp.core.models.Organisation.UNSystemKind). An entity of no known kind comes last.
UN_SYSTEM_KIND_ORDER: tuple[str, ...] = (
    "secretariat",
    "programme",
    "convention",
    "institute",
    "specialized_agency",
    "other",
)

# The report paragraphs' wording is document text in the list's language, whatever the reader's
# interface language, so it is a table per language rather than gettext. Each entry is (one name,
# several names). Paragraph wording exists for the languages of the issue (English and Chinese).
_PARAGRAPHS: Mapping[str, Mapping[AttendanceGroup, tuple[str, str]]] = {
    "en": {
        AttendanceGroup.STATE_PARTY: (
            "The following State party to the Convention was represented at the session: {names}.",
            "The following States parties to the Convention were represented at the session: {names}.",
        ),
        AttendanceGroup.SIGNATORY: (
            "The following signatory to the Convention was represented by an observer: {names}.",
            "The following signatories to the Convention were represented by observers: {names}.",
        ),
        AttendanceGroup.NON_SIGNATORY: (
            "The following State, which has not signed the Convention, was represented by an observer: "
            "{names}.",
            "The following States, which have not signed the Convention, were represented by observers: "
            "{names}.",
        ),
        AttendanceGroup.REIO: (
            "The following regional economic integration organization party to the Convention was "
            "represented at the session: {names}.",
            "The following regional economic integration organizations parties to the Convention were "
            "represented at the session: {names}.",
        ),
        AttendanceGroup.UN_ENTITY: (
            "The following entity of the United Nations system was represented by an observer: {names}.",
            "The following Secretariat units, United Nations bodies, funds and programmes, institutes of "
            "the United Nations crime prevention and criminal justice programme network, specialized "
            "agencies and other organizations of the United Nations system were represented by "
            "observers: {names}.",
        ),
        AttendanceGroup.PERMANENT_OBSERVER: (
            "The following entity maintaining a permanent observer office at Headquarters was "
            "represented by an observer: {names}.",
            "The following entities maintaining permanent observer offices at Headquarters were "
            "represented by observers: {names}.",
        ),
        AttendanceGroup.IGO: (
            "The following intergovernmental organization was represented by an observer: {names}.",
            "The following intergovernmental organizations were represented by observers: {names}.",
        ),
        AttendanceGroup.NGO_ECOSOC: (
            "The following non-governmental organization in consultative status with the Economic and "
            "Social Council was represented by an observer: {names}.",
            "The following non-governmental organizations in consultative status with the Economic and "
            "Social Council were represented by observers: {names}.",
        ),
        AttendanceGroup.NGO_OTHER: (
            "The following other relevant non-governmental organization was represented by an observer: "
            "{names}.",
            "The following other relevant non-governmental organizations were represented by observers: "
            "{names}.",
        ),
    },
    "zh": {
        group: (text, text)  # Chinese says the same for one name and for several
        for group, text in {
            AttendanceGroup.STATE_PARTY: "下列《公约》缔约国的代表出席了本届会议：{names}。",
            AttendanceGroup.SIGNATORY: "下列《公约》签署国的观察员出席了会议：{names}。",
            AttendanceGroup.NON_SIGNATORY: "下列未签署《公约》的国家的观察员出席了会议：{names}。",
            AttendanceGroup.REIO: "下列作为《公约》缔约方的区域经济一体化组织的代表出席了本届会议：{names}。",
            AttendanceGroup.UN_ENTITY: (
                "联合国系统的下列实体（秘书处单位，机构、基金和方案，预防犯罪和刑事司法方案网研究所，"
                "专门机构及其他组织）的观察员出席了会议：{names}。"
            ),
            AttendanceGroup.PERMANENT_OBSERVER: (
                "下列在总部设有常驻观察员办公室的实体的观察员出席了会议：{names}。"
            ),
            AttendanceGroup.IGO: "下列政府间组织的观察员出席了会议：{names}。",
            AttendanceGroup.NGO_ECOSOC: (
                "下列具有经济及社会理事会咨商地位的非政府组织的观察员出席了会议：{names}。"
            ),
            AttendanceGroup.NGO_OTHER: "下列其他相关非政府组织的观察员出席了会议：{names}。",
        }.items()
    },
}
PARAGRAPH_LANGUAGES: tuple[str, ...] = tuple(_PARAGRAPHS)


@dataclass(frozen=True)
class Attendee:
    """A State, the EU or an organisation that attended, with its names as at the session."""

    group: AttendanceGroup
    names: Mapping[str, str]  # UN language code → name; "en" is required (it orders the Chinese lists)
    un_system_kind: str = ""  # for the by-kind order of the United Nations system (UN_SYSTEM_KIND_ORDER)

    def __post_init__(self) -> None:
        if not self.names.get("en"):
            raise ValueError(f"An attendee needs an English name: {dict(self.names)!r}")
        object.__setattr__(self, "group", AttendanceGroup(self.group))

    def name(self, language: str) -> str:
        """The name in `language`, or the English name where there is none (as the interface does)."""
        return self.names.get(language) or self.names["en"]


@dataclass(frozen=True)
class AttendanceList:
    """One attendance paragraph: its group, the names in order, and the paragraph's text."""

    group: AttendanceGroup
    names: tuple[str, ...]
    text: str


def sort_key(name: str) -> str:
    """The key the UN's alphabetical order compares: no case, accents or punctuation, word by word.

    Apostrophes join ("People's" → "peoples"); other punctuation separates words; a space sorts before
    any letter or digit, so shorter words come first ("Guinea" < "Guinea-Bissau" < "Guyana").
    """
    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = text.casefold().replace("'", "").replace("’", "")
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def group_order(*, permanent_observers_first: bool = False) -> tuple[AttendanceGroup, ...]:
    """The order of the report's paragraphs: AttendanceGroup's order, or the 2021 special session's."""
    groups = list(AttendanceGroup)
    if permanent_observers_first:
        groups.remove(AttendanceGroup.PERMANENT_OBSERVER)
        groups.insert(groups.index(AttendanceGroup.UN_ENTITY), AttendanceGroup.PERMANENT_OBSERVER)
    return tuple(groups)


def _check_language(language: str, supported: Iterable[str]) -> None:
    if language not in supported:
        raise ValueError(f"No attendance lists in {language!r}: the languages are {', '.join(supported)}")


def ordered_attendees(
    attendees: Iterable[Attendee],
    language: str,
    *,
    entities_by_kind: bool = False,
    permanent_observers_first: bool = False,
) -> list[tuple[AttendanceGroup, list[Attendee]]]:
    """The non-empty groups in the report's order, each with its attendees in the UN's order for a
    list in `language` (any of the six UN languages)."""
    _check_language(language, SORT_LANGUAGE)
    sort_language = SORT_LANGUAGE[language]
    by_group: dict[AttendanceGroup, list[Attendee]] = {}
    for attendee in attendees:
        by_group.setdefault(attendee.group, []).append(attendee)

    def key(attendee: Attendee) -> tuple[int, str, str, str]:
        name = attendee.name(sort_language)
        kind_rank = 0
        if entities_by_kind and attendee.group == AttendanceGroup.UN_ENTITY:
            kinds = UN_SYSTEM_KIND_ORDER
            kind_rank = (
                kinds.index(attendee.un_system_kind) if attendee.un_system_kind in kinds else len(kinds)
            )
        # The names as written break ties, so the order never depends on the order of the input.
        return kind_rank, sort_key(name), name, attendee.name(language)

    return [
        (group, sorted(by_group[group], key=key))
        for group in group_order(permanent_observers_first=permanent_observers_first)
        if group in by_group
    ]


def join_names(names: Sequence[str], language: str) -> str:
    """Names as a report runs them together: "A, B and C"; in Chinese "A和B", "A、B、C"."""
    _check_language(language, PARAGRAPH_LANGUAGES)
    if language == "zh":
        # The Chinese reports join two names with 和 and a longer list with 、 only.
        return "和".join(names) if len(names) == 2 else "、".join(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def attendance_lists(
    attendees: Iterable[Attendee],
    language: str,
    *,
    entities_by_kind: bool = False,
    permanent_observers_first: bool = False,
) -> list[AttendanceList]:
    """One list per non-empty group, in the report's order, with its paragraph in `language` ("en" or
    "zh"; for the other UN languages `ordered_attendees` gives the order, the wording is still to come).

    `entities_by_kind` and `permanent_observers_first` choose between the practices of the COSP7 report
    (by kind; permanent observers after the UN system) and of the 2021 special session (the defaults for
    the first, not the second); see the module docstring.
    """
    _check_language(language, PARAGRAPH_LANGUAGES)
    lists = []
    for group, members in ordered_attendees(
        attendees,
        language,
        entities_by_kind=entities_by_kind,
        permanent_observers_first=permanent_observers_first,
    ):
        names = tuple(member.name(language) for member in members)
        one, several = _PARAGRAPHS[language][group]
        template = one if len(names) == 1 else several
        lists.append(AttendanceList(group, names, template.format(names=join_names(names, language))))
    return lists
