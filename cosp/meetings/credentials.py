"""Credentials of States parties' delegations (rules 18-20) and the bureau's credentials report.

- Rule 18: each State party sends its representatives' credentials and the names of its delegation to
  the secretariat. A copy may come first and the original later; the status only moves forward
  (none → copy → original).
- Rule 19: the bureau examines them and reports to the Conference, which adopts the report.
- Rule 20: until then every delegation takes part provisionally; a delegation whose seating another
  State party objects to also sits provisionally, with the same rights, until the bureau has reported
  and the Conference has decided.

The report paragraph is content for the session report (English or Chinese), not interface text, so
it is written here per language rather than through the interface translations. State names come in
already translated and in the order the caller wants them listed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cosp.core.languages import clean_language
from cosp.meetings.enums import CredentialsStatus


@dataclass(frozen=True)
class CredentialsSettings:
    """When credentials are due and what counts as complying.

    The 24 hours come from the UNTOC rule 18 ("if possible" that long before the opening); the UNCAC
    wording is unconfirmed [U], so a session may change it. By default only an original received by
    the time the bureau examines credentials complies; set `copy_complies` to count copies too.
    """

    submission_hours_before_opening: int = 24
    copy_complies: bool = False


DEFAULT_SETTINGS = CredentialsSettings()


@dataclass(frozen=True)
class DelegationCredentials:
    """One State party's delegation at one session, as the credentials rules see it."""

    state: str  # ISO3
    name: str  # the State's name in the report's language, as it should be printed
    copy_received_on: dt.date | None = None
    original_received_on: dt.date | None = None
    objected_by: tuple[str, ...] = ()  # ISO3 of the States parties objecting to its seating (rule 20)
    # What a past session's report tells without dates ("155 complied"): the status, dates unknown.
    recorded_status: CredentialsStatus = CredentialsStatus.NONE

    @property
    def status(self) -> CredentialsStatus:
        if self.original_received_on is not None:
            return CredentialsStatus.ORIGINAL
        if self.copy_received_on is not None:
            return CredentialsStatus.COPY
        return CredentialsStatus(self.recorded_status)

    @property
    def is_objected(self) -> bool:
        return bool(self.objected_by)


def record_receipt(
    delegation: DelegationCredentials, kind: CredentialsStatus | str, on: dt.date
) -> DelegationCredentials:
    """The delegation after a copy or the original arrived on `on`.

    The first receipt of each kind is kept (later resubmissions do not move the date), and a copy that
    arrives after the original changes nothing, since the status never goes back.
    """
    kind = CredentialsStatus(kind)
    if kind is CredentialsStatus.COPY and delegation.copy_received_on is None:
        return replace(delegation, copy_received_on=on)
    if kind is CredentialsStatus.ORIGINAL and delegation.original_received_on is None:
        return replace(delegation, original_received_on=on)
    if kind is CredentialsStatus.NONE:
        raise ValueError("'none' is not something that can be received")
    return delegation


def record_objection(delegation: DelegationCredentials, objecting_state: str) -> DelegationCredentials:
    """The delegation after another State party objected to its seating (rule 20)."""
    if objecting_state == delegation.state:
        raise ValueError("a State party cannot object to its own delegation")
    if objecting_state in delegation.objected_by:
        return delegation
    return replace(delegation, objected_by=(*delegation.objected_by, objecting_state))


def submission_deadline(
    opening_at: dt.datetime, settings: CredentialsSettings = DEFAULT_SETTINGS
) -> dt.datetime:
    """When credentials should have reached the secretariat. Rule 18 says "if possible", so missing
    this is worth a reminder, not a refusal."""
    return opening_at - dt.timedelta(hours=settings.submission_hours_before_opening)


def submitted_late(
    received_at: dt.datetime, opening_at: dt.datetime, settings: CredentialsSettings = DEFAULT_SETTINGS
) -> bool:
    return received_at > submission_deadline(opening_at, settings)


def has_complied(
    delegation: DelegationCredentials,
    examined_on: dt.date | None = None,
    settings: CredentialsSettings = DEFAULT_SETTINGS,
) -> bool:
    """Whether the delegation's credentials were in due form when the bureau examined them (rule 19).

    Without `examined_on`, whatever has been received counts.
    """

    def in_time(received: dt.date | None) -> bool:
        return received is not None and (examined_on is None or received <= examined_on)

    if in_time(delegation.original_received_on):
        return True
    if settings.copy_complies and in_time(delegation.copy_received_on):
        return True
    # A status recorded without dates is taken as it was recorded: as received in time.
    dated = delegation.original_received_on or delegation.copy_received_on
    complying = (
        {CredentialsStatus.ORIGINAL, CredentialsStatus.COPY}
        if settings.copy_complies
        else {CredentialsStatus.ORIGINAL}
    )
    return dated is None and delegation.recorded_status in complying


def participation_is_provisional(
    report_adopted: bool, *, objected: bool = False, objection_decided: bool = False
) -> bool:
    """Whether a delegation takes part provisionally (rule 20). Provisional participation carries the
    same rights; this only says whether the question of its credentials is still open.

    Every delegation is provisional until the Conference adopts the bureau's credentials report; one
    whose seating was objected to stays so until the Conference has also decided on the objection.
    """
    if objected:
        return not (report_adopted and objection_decided)
    return not report_adopted


# --- The bureau's credentials report ----------------------------------------------------------------


def join_names(names: Sequence[str], language: str) -> str:
    """A list of names as running text: 'A, B and C' in English, 'A、B和C' in Chinese."""
    language = _report_language(language)
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if language == "zh":
        return "、".join(names[:-1]) + "和" + names[-1]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _report_language(language: str) -> str:
    code = clean_language(language)
    if code not in ("en", "zh"):
        raise ValueError(f"the credentials report is written in English or Chinese, not {language!r}")
    return code


def _paragraph_en(represented: int, complied: int, missing: Sequence[str]) -> str:
    if represented == 0:
        return "No State party was represented at the session."
    if represented == 1:
        if missing:
            return (
                f"The one State party represented at the session, {missing[0]}, had not submitted "
                "credentials in due form."
            )
        return "The one State party represented at the session had submitted credentials in due form."
    if not missing:
        return (
            f"All {represented} States parties represented at the session had submitted credentials "
            "in due form."
        )
    if complied == 0:
        return (
            f"None of the {represented} States parties represented at the session had submitted "
            f"credentials in due form: {join_names(missing, 'en')}."
        )
    return (
        f"Of the {represented} States parties represented at the session, {complied} had submitted "
        f"credentials in due form; the following had not: {join_names(missing, 'en')}."
    )


def _paragraph_zh(represented: int, complied: int, missing: Sequence[str]) -> str:
    if represented == 0:
        return "本届会议没有缔约国派代表出席。"
    opening = f"本届会议有 {represented} 个缔约国派代表出席，"
    # 均 ("all of them") only reads right when there are several.
    every = "" if represented == 1 else "均"
    if not missing:
        return opening + f"{every}已按规定格式递交全权证书。"
    if complied == 0:
        return opening + f"{every}未按规定格式递交全权证书：{join_names(missing, 'zh')}。"
    return (
        opening
        + f"其中 {complied} 个缔约国已按规定格式递交全权证书；"
        + f"下列缔约国尚未递交：{join_names(missing, 'zh')}。"
    )


@dataclass(frozen=True)
class CredentialsReport:
    represented: int
    complied: int
    not_complied: tuple[str, ...]  # names, in the order given
    objected: tuple[str, ...]  # names of delegations whose seating was objected to
    language: str
    paragraph: str


def credentials_report(
    delegations: Sequence[DelegationCredentials],
    language: str,
    *,
    examined_on: dt.date | None = None,
    settings: CredentialsSettings = DEFAULT_SETTINGS,
) -> CredentialsReport:
    """The bureau's report on credentials (rule 19): counts and the paragraph for the session report.

    `delegations` are the States parties represented at the session, with names in `language`
    ('en' or 'zh') already in the order the report lists them.
    """
    code = _report_language(language)
    missing = tuple(d.name for d in delegations if not has_complied(d, examined_on, settings))
    represented = len(delegations)
    complied = represented - len(missing)
    paragraph = (_paragraph_zh if code == "zh" else _paragraph_en)(represented, complied, missing)
    return CredentialsReport(
        represented=represented,
        complied=complied,
        not_complied=missing,
        objected=tuple(d.name for d in delegations if d.is_objected),
        language=code,
        paragraph=paragraph,
    )
