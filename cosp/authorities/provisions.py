"""The notifications and designations a State party makes to the Secretary-General (RULES.md section 2),
as rules: what each requires, when, and how to tell whether a State "has notified" it.

Plain Python: the caller gathers what a State has on record into a `Filed` (no database here), and
`status` answers for one provision. The report of what each State has not yet notified
(queries.not_notified) and the directory's State page both read these answers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from babel import Locale
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .enums import AuthorityKind, Provision, Reservation, Status, Timing


@dataclass(frozen=True)
class Requirement:
    provision: Provision
    article: int  # the Convention's article, for links and for sorting
    what: str | Promise  # what must be notified, in our words
    timing: Timing
    # Authorities of this kind are the notification (6(3), 46(13), asset recovery); None: a Notification.
    authority_kind: str | None = None
    # Whether having nothing on record counts as "not notified" in the report. A reservation is a choice,
    # not a duty: its absence is "none made".
    expected: bool = True
    # The value a Notification of this provision carries.
    value: str = ""  # "laws" | "yes_no" | "languages" | "reservation" | ""


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        Provision.PREVENTION,
        6,
        _(
            "Name and address of the authority or authorities that can help other States parties develop "
            "and implement specific measures to prevent corruption (none, one or several)."
        ),
        Timing.NO_DEADLINE,
        authority_kind=AuthorityKind.PREVENTION,
    ),
    Requirement(
        Provision.MONEY_LAUNDERING_LAWS,
        23,
        _(
            "Copies of the laws giving effect to article 23 (laundering of proceeds of crime) and of every "
            "later change, or a description of them."
        ),
        Timing.NO_DEADLINE,
        value="laws",
    ),
    Requirement(
        Provision.EXTRADITION_BASIS,
        44,
        _(
            "Only a State that makes extradition conditional on a treaty: whether it takes the Convention "
            "as the legal basis for extradition with other States parties."
        ),
        Timing.AT_DEPOSIT,
        value="yes_no",
    ),
    Requirement(
        Provision.CENTRAL_AUTHORITY,
        46,
        _(
            "The central authority that receives requests for mutual legal assistance and executes or "
            "transmits them; a region or territory with its own system may have a central authority of "
            "its own."
        ),
        Timing.AT_DEPOSIT,
        authority_kind=AuthorityKind.CENTRAL_AUTHORITY,
    ),
    Requirement(
        Provision.MLA_LANGUAGES,
        46,
        _("The languages in which the State accepts requests for mutual legal assistance."),
        Timing.AT_DEPOSIT,
        value="languages",
    ),
    Requirement(
        Provision.CONFISCATION_LAWS,
        55,
        _(
            "Copies of the laws and regulations giving effect to article 55 (international cooperation "
            "for confiscation) and of every later change, or a description of them."
        ),
        Timing.NO_DEADLINE,
        value="laws",
    ),
    Requirement(
        Provision.RESERVATION,
        66,
        _(
            "A reservation excluding the settlement of disputes under article 66(2) (arbitration, the "
            "International Court of Justice), made at signature or deposit, and its withdrawal at any time."
        ),
        Timing.ANY_TIME,
        expected=False,
        value="reservation",
    ),
    Requirement(
        Provision.ASSET_RECOVERY,
        51,
        _(
            "The focal points for asset recovery, which the Conference asked States parties to designate; "
            "its conference room papers list them beside the prevention and mutual legal assistance "
            "authorities."
        ),
        Timing.CONFERENCE_REQUEST,
        authority_kind=AuthorityKind.ASSET_RECOVERY,
    ),
)

BY_PROVISION: dict[str, Requirement] = {r.provision.value: r for r in REQUIREMENTS}
# Provisions notified by a Notification record (the others by designating authorities).
NOTIFIED_BY_RECORD = tuple(r.provision for r in REQUIREMENTS if r.authority_kind is None)
# The provisions the report of what is missing counts.
EXPECTED = tuple(r.provision for r in REQUIREMENTS if r.expected)


def requirement(provision: str) -> Requirement:
    try:
        return BY_PROVISION[provision]
    except KeyError:
        raise ValueError(f"Not a provision the Convention asks States to notify: {provision!r}") from None


@dataclass(frozen=True)
class Extradition:
    """The latest art. 44(6)(a) notification."""

    treaty_required: bool  # whether the State makes extradition conditional on a treaty
    convention_as_basis: bool | None  # its choice; None when no treaty is required


@dataclass(frozen=True)
class Filed:
    """What a State has on record, as plain data."""

    # Kinds of authority with at least one current authority for the State's main system (no territory).
    authority_kinds: frozenset[str] = frozenset()
    # Provisions with at least one Notification record (laws: with files or a description).
    records: frozenset[str] = frozenset()
    languages: tuple[str, ...] = ()  # the latest art. 46(14) languages
    extradition: Extradition | None = None
    reservation: str = ""  # the latest art. 66 value: "", "made" or "withdrawn"


def status(provision: str, filed: Filed) -> Status:
    """Whether the State has notified `provision`, by the rule of that provision."""
    rule = requirement(provision)
    if rule.authority_kind is not None:
        return Status.NOTIFIED if rule.authority_kind in filed.authority_kinds else Status.MISSING
    if rule.value == "languages":
        return Status.NOTIFIED if filed.languages else Status.MISSING
    if rule.value == "yes_no":
        if filed.extradition is None:
            return Status.MISSING
        # A State that extradites without a treaty has nothing to choose (art. 44(6) applies only to
        # States that make extradition conditional on one).
        if not filed.extradition.treaty_required:
            return Status.NOT_APPLICABLE
        return Status.NOTIFIED if filed.extradition.convention_as_basis is not None else Status.MISSING
    if rule.value == "reservation":
        return Status.NOTIFIED if filed.reservation else Status.NONE_MADE
    return Status.NOTIFIED if rule.provision in filed.records else Status.MISSING


def statuses(filed: Filed) -> dict[str, Status]:
    return {rule.provision.value: status(rule.provision, filed) for rule in REQUIREMENTS}


def missing(filed: Filed) -> list[str]:
    """The expected provisions the State has not notified, in the Convention's order."""
    return [p.value for p in EXPECTED if status(p, filed) is Status.MISSING]


# --- Values of a notification ---------------------------------------------------------------------


@cache
def _language_names() -> dict[str, str]:
    """English names of languages (lower case) → ISO 639-1 code, from CLDR through Babel."""
    names = {}
    for code, name in Locale("en").languages.items():
        if len(code) == 2:
            names[name.lower()] = code
    return names


def clean_language_code(value: str) -> str | None:
    """An ISO 639-1 code for a code or an English name ("de", "German", "zh-Hans" → "zh"), or None."""
    text = value.strip().lower().replace("_", "-")
    if not text:
        return None
    base = text.split("-")[0]
    if len(base) == 2 and base in Locale("en").languages:
        return base
    return _language_names().get(text)


def language_name(code: str, locale: str = "en") -> str:
    """A language named in the reader's language (CLDR), e.g. "de" → "German", "Allemand", "德语"."""
    try:
        return Locale.parse(locale.replace("-", "_")).languages.get(code) or code
    except (ValueError, LookupError):
        return Locale("en").languages.get(code, code)


def clean_languages(values: Iterable[str]) -> tuple[list[str], list[str]]:
    """(codes in the order given without repeats, values that name no language)."""
    codes: list[str] = []
    unknown: list[str] = []
    for value in values:
        code = clean_language_code(value)
        if code is None:
            if value.strip():
                unknown.append(value.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def value_problems(
    provision: str,
    *,
    languages: list[str] = (),
    treaty_required: bool | None = None,
    convention_as_basis: bool | None = None,
    reservation: str = "",
    description: str = "",
    has_files: bool = False,
    reservation_on_record: str = "",
) -> list[tuple[str, str | Promise]]:
    """What is wrong with a notification's value for `provision`, as (field, message) pairs.
    `reservation_on_record` is the State's latest art. 66 value ("", "made" or "withdrawn"): only a
    reservation made can be withdrawn (art. 66(4))."""
    rule = requirement(provision)
    problems: list[tuple[str, str | Promise]] = []
    if rule.authority_kind is not None:
        problems.append(("provision", _("This provision is notified by designating authorities, not here.")))
    elif rule.value == "languages" and not languages:
        problems.append(("languages", _("Name at least one language in which requests are accepted.")))
    elif rule.value == "yes_no":
        if treaty_required is None:
            problems.append(
                ("treaty_required", _("Say whether the State makes extradition conditional on a treaty."))
            )
        elif treaty_required and convention_as_basis is None:
            problems.append(
                (
                    "convention_as_basis",
                    _("Say whether the State takes the Convention as the legal basis for extradition."),
                )
            )
        elif not treaty_required and convention_as_basis is not None:
            problems.append(
                (
                    "convention_as_basis",
                    _("Only a State that requires a treaty chooses whether the Convention is the basis."),
                )
            )
    elif rule.value == "reservation" and reservation not in Reservation.values:
        problems.append(("reservation", _("Say whether the reservation is made or withdrawn.")))
    elif (
        rule.value == "reservation"
        and reservation == Reservation.WITHDRAWN
        and reservation_on_record != Reservation.MADE
    ):
        problems.append(
            ("reservation", _("The State has no reservation under art. 66(3) on record to withdraw."))
        )
    elif rule.value == "laws" and not (description.strip() or has_files):
        problems.append(("description", _("Attach a copy of the laws or describe them.")))
    return problems
