"""Credentials (rules 18-20): receipts, compliance, provisional participation and the bureau's report."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.meetings.credentials import (
    CredentialsSettings,
    DelegationCredentials,
    credentials_report,
    has_complied,
    join_names,
    participation_is_provisional,
    record_objection,
    record_receipt,
    submission_deadline,
    submitted_late,
)
from cosp.meetings.enums import CredentialsStatus
from tests.helpers import SHARED, skip_or_fail

pytestmark = [pytest.mark.unit]

EXAMINED = dt.date(2017, 11, 8)


def cosp7_delegations(language: str) -> list[DelegationCredentials]:
    """157 States parties represented at COSP7; all but Colombia and Mauritania had sent originals.

    The 155 others stand in as numbered placeholders; the two named ones keep their places in the list.
    """
    names = {"en": ("Colombia", "Mauritania"), "zh": ("哥伦比亚", "毛里塔尼亚")}[language]
    delegations = [
        DelegationCredentials(f"S{n:02d}", f"State {n:03d}", original_received_on=dt.date(2017, 11, 1))
        for n in range(155)
    ]
    delegations.insert(30, DelegationCredentials("COL", names[0], copy_received_on=dt.date(2017, 11, 2)))
    delegations.insert(90, DelegationCredentials("MRT", names[1]))
    return delegations


# --- Receipts and status --------------------------------------------------------------------------


def test_status_moves_from_nothing_to_copy_to_original():
    delegation = DelegationCredentials("AUT", "Austria")
    assert delegation.status is CredentialsStatus.NONE

    delegation = record_receipt(delegation, CredentialsStatus.COPY, dt.date(2017, 10, 30))
    assert delegation.status is CredentialsStatus.COPY

    delegation = record_receipt(delegation, "original", dt.date(2017, 11, 6))
    assert delegation.status is CredentialsStatus.ORIGINAL
    assert (delegation.copy_received_on, delegation.original_received_on) == (
        dt.date(2017, 10, 30),
        dt.date(2017, 11, 6),
    )


def test_a_copy_after_the_original_changes_nothing():
    delegation = DelegationCredentials("AUT", "Austria", original_received_on=dt.date(2017, 11, 6))

    assert record_receipt(delegation, CredentialsStatus.COPY, dt.date(2017, 11, 7)).status is (
        CredentialsStatus.ORIGINAL
    )


def test_a_resubmitted_original_keeps_the_first_date():
    delegation = DelegationCredentials("AUT", "Austria", original_received_on=dt.date(2017, 11, 6))

    assert record_receipt(delegation, "original", dt.date(2017, 11, 9)) == delegation


def test_nothing_cannot_be_received():
    with pytest.raises(ValueError, match="received"):
        record_receipt(DelegationCredentials("AUT", "Austria"), CredentialsStatus.NONE, EXAMINED)


def test_objections_are_recorded_once_per_objecting_state():
    delegation = DelegationCredentials("AAA", "A")

    delegation = record_objection(record_objection(delegation, "BBB"), "BBB")
    delegation = record_objection(delegation, "CCC")

    assert delegation.objected_by == ("BBB", "CCC")
    assert delegation.is_objected


def test_a_state_cannot_object_to_its_own_delegation():
    with pytest.raises(ValueError, match="own"):
        record_objection(DelegationCredentials("AAA", "A"), "AAA")


# --- Deadline and compliance ----------------------------------------------------------------------


def test_credentials_are_due_24_hours_before_the_opening_by_default():
    opening = dt.datetime(2017, 11, 6, 10, 0)

    assert submission_deadline(opening) == dt.datetime(2017, 11, 5, 10, 0)
    assert not submitted_late(dt.datetime(2017, 11, 5, 10, 0), opening)
    assert submitted_late(dt.datetime(2017, 11, 5, 10, 1), opening)


def test_the_submission_deadline_is_a_setting():
    custom = CredentialsSettings(submission_hours_before_opening=72)

    assert submission_deadline(dt.datetime(2017, 11, 6, 10, 0), custom) == dt.datetime(2017, 11, 3, 10, 0)


@pytest.mark.parametrize(
    ("copy_on", "original_on", "copy_complies", "complied"),
    [
        (None, None, False, False),
        (dt.date(2017, 11, 1), None, False, False),
        (dt.date(2017, 11, 1), None, True, True),
        (None, dt.date(2017, 11, 1), False, True),
        (None, dt.date(2017, 11, 9), False, False),  # the original came after the examination
        (dt.date(2017, 11, 9), None, True, False),  # so did the copy
    ],
)
def test_who_complied_when_the_bureau_examined_credentials(copy_on, original_on, copy_complies, complied):
    delegation = DelegationCredentials("AUT", "Austria", copy_on, original_on)

    result = has_complied(delegation, EXAMINED, CredentialsSettings(copy_complies=copy_complies))

    assert result is complied


def test_without_an_examination_date_anything_received_counts():
    assert has_complied(DelegationCredentials("AUT", "Austria", original_received_on=dt.date(2030, 1, 1)))


@pytest.mark.parametrize(
    ("report_adopted", "objected", "objection_decided", "provisional"),
    [
        (False, False, False, True),
        (True, False, False, False),
        (False, True, False, True),
        (True, True, False, True),  # the report is adopted but the objection still awaits the Conference
        (False, True, True, True),
        (True, True, True, False),
    ],
)
def test_participation_is_provisional_until_the_report_and_any_objection_are_settled(
    report_adopted, objected, objection_decided, provisional
):
    result = participation_is_provisional(
        report_adopted, objected=objected, objection_decided=objection_decided
    )

    assert result is provisional


# --- The report -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "english", "chinese"),
    [
        ([], "", ""),
        (["A"], "A", "A"),
        (["A", "B"], "A and B", "A和B"),
        (["A", "B", "C"], "A, B and C", "A、B和C"),
    ],
)
def test_names_are_joined_as_each_language_writes_lists(names, english, chinese):
    assert join_names(names, "en") == english
    assert join_names(names, "zh") == chinese


def test_the_cosp7_report_in_english():
    report = credentials_report(cosp7_delegations("en"), "en", examined_on=EXAMINED)

    assert (report.represented, report.complied) == (157, 155)
    assert report.not_complied == ("Colombia", "Mauritania")
    assert report.paragraph == (
        "Of the 157 States parties represented at the session, 155 had submitted credentials in due "
        "form; the following had not: Colombia and Mauritania."
    )


def test_the_cosp7_report_in_chinese():
    report = credentials_report(cosp7_delegations("zh"), "zh-hans", examined_on=EXAMINED)

    assert report.language == "zh"
    assert report.not_complied == ("哥伦比亚", "毛里塔尼亚")
    assert report.paragraph == (
        "本届会议有 157 个缔约国派代表出席，其中 155 个缔约国已按规定格式递交全权证书；"
        "下列缔约国尚未递交：哥伦比亚和毛里塔尼亚。"
    )


def test_counting_copies_as_compliant_changes_the_report():
    report = credentials_report(
        cosp7_delegations("en"), "en", examined_on=EXAMINED, settings=CredentialsSettings(copy_complies=True)
    )

    assert (report.complied, report.not_complied) == (156, ("Mauritania",))
    assert report.paragraph.endswith("the following had not: Mauritania.")


def test_the_cosp7_facts_match_the_sample_report():
    sample = SHARED / "samples" / "cosp7-report-2017.zh.txt"
    if not sample.exists():
        skip_or_fail(f"{sample} is missing")
    text = sample.read_text(encoding="utf-8")
    # The bureau's finding on credentials is the one paragraph that speaks of complying with them.
    paragraphs = re.findall(r"^\d+\. .*遵守全权证书.*$", text, re.MULTILINE)
    assert len(paragraphs) == 1

    assert "157 个缔约国" in paragraphs[0]
    assert "155 个" in paragraphs[0]
    assert join_names(["哥伦比亚", "毛里塔尼亚"], "zh") in paragraphs[0]


@pytest.mark.parametrize(
    ("delegations", "english", "chinese"),
    [
        (
            [],
            "No State party was represented at the session.",
            "本届会议没有缔约国派代表出席。",
        ),
        (
            [DelegationCredentials("AAA", "A", original_received_on=EXAMINED)] * 3,
            "All 3 States parties represented at the session had submitted credentials in due form.",
            "本届会议有 3 个缔约国派代表出席，均已按规定格式递交全权证书。",
        ),
        (
            [DelegationCredentials("AAA", "A", original_received_on=EXAMINED)],
            "The one State party represented at the session had submitted credentials in due form.",
            "本届会议有 1 个缔约国派代表出席，已按规定格式递交全权证书。",
        ),
        (
            [DelegationCredentials("AAA", "A")],
            "The one State party represented at the session, A, had not submitted credentials in due form.",
            "本届会议有 1 个缔约国派代表出席，未按规定格式递交全权证书：A。",
        ),
        (
            [DelegationCredentials("AAA", "A"), DelegationCredentials("BBB", "B")],
            "None of the 2 States parties represented at the session had submitted credentials in due "
            "form: A and B.",
            "本届会议有 2 个缔约国派代表出席，均未按规定格式递交全权证书：A和B。",
        ),
    ],
)
def test_the_paragraph_reads_well_at_the_edges(delegations, english, chinese):
    assert credentials_report(delegations, "en").paragraph == english
    assert credentials_report(delegations, "zh").paragraph == chinese


def test_the_report_is_written_in_english_or_chinese_only():
    with pytest.raises(ValueError, match="English or Chinese"):
        credentials_report([], "fr")


def test_the_report_lists_delegations_objected_to():
    delegations = [
        DelegationCredentials("AAA", "A", original_received_on=EXAMINED, objected_by=("BBB",)),
        DelegationCredentials("BBB", "B", original_received_on=EXAMINED),
    ]

    assert credentials_report(delegations, "en").objected == ("A",)


@given(
    received=st.lists(
        st.tuples(
            st.sampled_from(list(CredentialsStatus)), st.dates(dt.date(2017, 10, 1), dt.date(2017, 11, 30))
        ),
        max_size=40,
    )
)
@settings(max_examples=100, deadline=None)
def test_the_counts_add_up_and_keep_the_callers_order(received):
    delegations = [
        DelegationCredentials(
            f"S{n:02d}",
            f"State {n:02d}",
            copy_received_on=day if status is CredentialsStatus.COPY else None,
            original_received_on=day if status is CredentialsStatus.ORIGINAL else None,
        )
        for n, (status, day) in enumerate(received)
    ]

    report = credentials_report(delegations, "en", examined_on=EXAMINED)

    assert report.represented == len(delegations) == report.complied + len(report.not_complied)
    expected = [d.name for d in delegations if not has_complied(d, EXAMINED)]
    assert list(report.not_complied) == expected


def test_a_status_recorded_without_dates_counts_as_recorded():
    """A past session's report says who complied, not when: the status stands for the dates."""
    complied = DelegationCredentials("AUT", "Austria", recorded_status=CredentialsStatus.ORIGINAL)
    missing = DelegationCredentials("COL", "Colombia", recorded_status=CredentialsStatus.NONE)
    report = credentials_report([complied, missing], "en")
    assert (report.represented, report.complied) == (2, 1)
    assert complied.status == CredentialsStatus.ORIGINAL
