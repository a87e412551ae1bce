"""The directory's pages, exports and API: contact details for every role, filters, proposals through
the forms, and the report of what each State party has not yet notified."""

import csv
import datetime as dt
import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from cosp.authorities import services
from cosp.authorities.enums import AuthorityKind, ProposalStatus, Provision, Reservation
from cosp.authorities.models import Authority, Notification, Proposal
from cosp.core.enums import Role
from tests.authorities.conftest import PEOPLE, SEES_CONTACTS

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SECRET = "mla.secret@justice.example"
PERSON = "Dr Anna Berger"


def _client(client, person, name):
    user = person(name)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def directory(austria, kenya, signatory, central_authority):
    """Austria: central authority (with contacts), a prevention authority, languages German and English;
    Kenya: a prevention authority and languages English and Swahili."""
    Authority.objects.create(
        state=austria, kind=AuthorityKind.PREVENTION, name_en="Federal Anti-Corruption Bureau"
    )
    Authority.objects.create(
        state=kenya, kind=AuthorityKind.PREVENTION, name_en="Ethics and Anti-Corruption Commission"
    )
    Notification.objects.create(
        state=austria,
        provision=Provision.MLA_LANGUAGES,
        notified_on=dt.date(2006, 1, 11),
        languages=["de", "en"],
    )
    Notification.objects.create(
        state=kenya,
        provision=Provision.MLA_LANGUAGES,
        notified_on=dt.date(2004, 1, 1),
        languages=["en", "sw"],
    )
    return central_authority


@pytest.mark.parametrize("name", list(PEOPLE))
def test_contact_details_on_pages_exports_and_api_follow_the_role(client, person, directory, name):
    client = _client(client, person, name)
    sees = SEES_CONTACTS[name]
    for url in ("/authorities/", "/authorities/AUT/"):
        page = client.get(url).content.decode()
        assert directory.name_en in page
        assert (SECRET in page) is sees, url
        assert (PERSON in page) is sees, url
    csv_text = client.get("/authorities/?format=csv").content.decode("utf-8-sig")
    assert directory.name_en in csv_text
    assert (SECRET in csv_text) is sees
    sheet = load_workbook(io.BytesIO(client.get("/authorities/?format=xlsx").content)).active
    cells = {cell.value for row in sheet.iter_rows() for cell in row}
    assert directory.name_en in cells
    assert (SECRET in cells) is sees
    listed = client.get("/api/authorities").json()
    ours = next(item for item in listed if item["id"] == directory.pk)
    assert (ours["contact"] is not None) is sees
    if sees:
        assert ours["contact"]["email"] == SECRET
        assert ours["contact"]["person"] == PERSON
    assert "email" not in ours  # contact details only under `contact`
    detail = client.get("/api/authorities/AUT").json()
    assert detail["authorities"][0]["name"] == directory.name_en
    assert (SECRET in str(detail)) is sees
    docx = client.get("/authorities/not-notified/?format=docx")
    text = _docx_text(docx.content)
    assert directory.name_en in text
    assert SECRET not in text  # the conference room paper lists names, never contacts


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"AUT", "KEN"}),
        ("?q=ethics", {"KEN"}),
        ("?q=Kenya", {"KEN"}),
        ("?q=联邦司法部", {"AUT"}),  # a name in another UN language
        ("?q=aut", {"AUT"}),
        (f"?kind={AuthorityKind.CENTRAL_AUTHORITY}", {"AUT"}),
        ("?group=AFR", {"KEN"}),
        ("?state=AUT", {"AUT"}),
        ("?language=de", {"AUT"}),
        ("?language=German", {"AUT"}),
        ("?language=en", {"AUT", "KEN"}),
        ("?language=fr", set()),
    ],
)
def test_directory_filters(client, directory, query, expected):
    listed = client.get(f"/api/authorities{query}").json()
    assert {item["state"] for item in listed} == expected
    page = client.get(f"/authorities/{query}")
    assert page.status_code == 200
    assert len(page.context["authorities"]) == len(listed)


def test_the_name_in_chinese_is_shown_in_chinese(client, directory):
    page = client.get("/authorities/AUT/", headers={"accept-language": "zh-hans"}).content.decode()
    assert "联邦司法部国际刑事事务司" in page


def test_the_not_notified_report_counts_per_provision_and_group(client, directory, austria, kenya, signatory):
    Notification.objects.create(
        state=austria,
        provision=Provision.EXTRADITION_BASIS,
        notified_on=dt.date(2006, 1, 11),
        treaty_required=False,
    )
    Notification.objects.create(
        state=kenya,
        provision=Provision.RESERVATION,
        notified_on=dt.date(2003, 12, 9),
        reservation=Reservation.MADE,
    )
    response = client.get("/authorities/not-notified/")
    report = response.context["report"]
    states = [row.state.iso3 for row in report.rows]
    assert states == ["AUT", "KEN"]  # the signatory is not a party
    rows = {row.state.iso3: row for row in report.rows}
    # Austria: central authority, prevention, languages, extradition not applicable.
    assert rows["AUT"].missing == ["23-2-d", "55-5", "asset-recovery"]
    assert rows["KEN"].missing == ["23-2-d", "44-6-a", "46-13", "55-5", "asset-recovery"]
    assert report.totals.parties == 2
    assert report.totals.missing["46-13"] == 1
    assert report.totals.missing["23-2-d"] == 2
    by_group = {g.group.code: g for g in report.groups}
    assert by_group["AFR"].missing["46-13"] == 1
    assert by_group["WEOG"].missing["46-13"] == 0
    page = response.content.decode()
    assert "Not applicable" in page
    assert "Not notified" in page
    only_afr = client.get("/authorities/not-notified/?group=AFR").context["report"]
    assert [row.state.iso3 for row in only_afr.rows] == ["KEN"]
    missing_ca = client.get("/authorities/not-notified/?provision=46-13").context["report"]
    assert [row.state.iso3 for row in missing_ca.rows] == ["KEN"]


def test_the_conference_room_paper_reads_back(client, directory):
    response = client.get("/authorities/not-notified/?format=docx")
    assert response["Content-Disposition"].endswith('.docx"')
    document = Document(io.BytesIO(response.content))
    assert any("Competent national authorities" in p.text for p in document.paragraphs)
    designated, missing, counts = document.tables
    assert designated.rows[0].cells[0].text == "State party"
    austria_row = [c.text for c in designated.rows[1].cells]
    assert austria_row[0] == "Austria"
    assert austria_row[1] == "Federal Anti-Corruption Bureau"
    assert austria_row[3] == "German, English"
    assert [c.text for c in missing.rows[2].cells][:2] == ["Kenya", "AFR"]
    assert [c.text for c in counts.rows[-1].cells][:3] == ["Total", "2", "0"]
    table = client.get("/authorities/not-notified/?format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(table)))
    assert rows[0][:3] == ["State party", "ISO code", "Regional group"]
    assert rows[1][:2] == ["Austria", "AUT"]


def test_a_focal_point_proposes_through_the_form_and_the_secretariat_approves(client, person, directory):
    client.force_login(person("focal_point"))
    response = client.post(
        f"/authorities/AUT/{directory.pk}/",
        {
            "kind": AuthorityKind.CENTRAL_AUTHORITY,
            "name_en": "Ministry of Justice",
            "email": "new@justice.example",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    directory.refresh_from_db()
    assert directory.name_en.startswith("Federal")
    state_page = client.get("/authorities/AUT/").content.decode()
    assert "Waiting for the secretariat" in state_page
    assert f"/authorities/proposals/{proposal.pk}/" in state_page

    client.force_login(person("secretariat"))
    queue = client.get("/authorities/proposals/").content.decode()
    assert "Ministry of Justice" in queue
    response = client.post(
        f"/authorities/proposals/{proposal.pk}/decide/", {"decision": "reject", "reason": ""}
    )
    assert response.status_code == 200
    assert "Say why the proposal is rejected." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    client.post(f"/authorities/proposals/{proposal.pk}/decide/", {"decision": "approve"})
    directory.refresh_from_db()
    assert directory.name_en == "Ministry of Justice"
    history = client.get("/authorities/AUT/").content.decode()
    assert "Ministry of Justice" in history
    assert re.search(r"changed: [^<]*\bname\b", history)


def test_a_refused_form_saves_nothing_and_says_why(client, person, directory):
    client.force_login(person("focal_point"))
    response = client.post(
        "/authorities/AUT/add/", {"kind": AuthorityKind.CENTRAL_AUTHORITY, "name_en": "Second"}
    )
    assert response.status_code == 200
    assert "already has a central authority" in response.content.decode()
    assert not Proposal.objects.exists()
    response = client.post(
        "/authorities/AUT/notify/",
        {"provision": Provision.MLA_LANGUAGES, "notified_on": "2020-01-01", "languages": "Elvish"},
    )
    assert "Not a language: Elvish." in response.content.decode()
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("anonymous", 302),
        ("observer", 403),
        ("third_central_authority", 403),
        ("delegate", 200),
        ("expert", 200),
        ("secretariat", 200),
    ],
)
def test_pending_proposals_are_for_the_states_officials_and_the_secretariat(
    client, person, directory, name, status
):
    proposal = services.propose_removal(directory, actor=person("focal_point"), reason="Merged")
    client = _client(client, person, name)
    assert client.get(f"/authorities/proposals/{proposal.pk}/").status_code == status
    page = client.get("/authorities/AUT/").content.decode()
    assert (f"/authorities/proposals/{proposal.pk}/" in page) is (status == 200)


def test_my_state_page_lists_what_is_missing_and_pending(client, person, directory):
    services.propose_removal(directory, actor=person("focal_point"))
    client.force_login(person("delegate"))
    page = client.get("/authorities/mine/").content.decode()
    assert "Austria" in page
    assert "Art. 23(2)(d): anti-money-laundering laws" in page
    assert "Removal" in page


def test_law_copies_are_public_once_notified_only(client, person, austria, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    proposal = services.propose_notification(
        austria,
        data={"provision": Provision.CONFISCATION_LAWS, "notified_on": dt.date(2020, 1, 1)},
        files=[SimpleUploadedFile("mla-act.txt", b"Act on extradition and mutual assistance")],
        actor=person("focal_point"),
    )
    law = proposal.files.get()
    assert client.get(f"/authorities/laws/{law.pk}/").status_code == 404
    services.approve(proposal, actor=person("secretariat"))
    [notified] = client.get("/api/authorities/AUT").json()["notifications"]
    assert notified["files"] == [f"/authorities/laws/{law.pk}/"]
    response = client.get(notified["files"][0])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Act on extradition and mutual assistance"


@pytest.mark.parametrize(("name", "sees"), [("anonymous", False), ("observer", False), ("secretariat", True)])
def test_the_history_names_contact_changes_without_their_fields_for_the_public(
    client, person, central_authority, name, sees
):
    services.propose_authority(
        central_authority.state,
        data={
            "kind": AuthorityKind.CENTRAL_AUTHORITY,
            "name_en": central_authority.name_en,
            "email": "x@y.example",
        },
        actor=person("secretariat"),
        authority=central_authority,
    )
    client = _client(client, person, name)
    page = client.get("/authorities/AUT/").content.decode()
    history = re.search(r'<table class="data history">.*?</table>', page, re.S).group(0)
    assert ("e-mail" in history) is sees
    assert ("contact details" in history) is not sees
    assert ("secretariat</td>" in history) is sees  # who changed it: the secretariat's eyes only
    assert "x@y.example" not in history


def test_the_api_answers_404_for_an_unknown_state(client, austria):
    assert client.get("/api/authorities/XYZ").status_code == 404


def test_the_secretariat_records_a_notification_through_the_form(client, person, austria):
    client.force_login(person("secretariat"))
    response = client.post(
        "/authorities/AUT/notify/",
        {
            "provision": Provision.EXTRADITION_BASIS,
            "notified_on": "2006-01-11",
            "treaty_required": "yes",
            "convention_as_basis": "no",
        },
    )
    assert response.status_code == 302
    notification = Notification.objects.get()
    assert notification.treaty_required is True
    assert notification.convention_as_basis is False
    page = client.get("/authorities/AUT/").content.decode()
    assert "The Convention is the legal basis: no." in page


@pytest.mark.parametrize("language", ["zh-hans", "ar", "fr"])
def test_every_page_renders_in_other_languages(client, person, directory, language):
    services.propose_removal(directory, actor=person("focal_point"))
    client.force_login(person("focal_point"))
    headers = {"accept-language": language}
    for url in (
        "/authorities/",
        "/authorities/AUT/",
        "/authorities/mine/",
        "/authorities/not-notified/",
        "/authorities/AUT/add/",
        "/authorities/AUT/notify/",
        f"/authorities/AUT/{directory.pk}/remove/",
    ):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        page = response.content.decode()
        direction = "rtl" if language == "ar" else "ltr"
        assert f'<html lang="{language}" dir="{direction}">' in page, url
    if language == "zh-hans":
        assert "国家主管机关" in client.get("/authorities/", headers=headers).content.decode()
    pdf = client.get("/authorities/not-notified/?format=pdf", headers=headers)
    assert pdf.content.startswith(b"%PDF")


def test_a_focal_point_sends_a_copy_of_a_law_through_the_form(client, person, austria, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(person("focal_point"))
    response = client.post(
        "/authorities/AUT/notify/",
        {
            "provision": Provision.MONEY_LAUNDERING_LAWS,
            "notified_on": "2019-05-02",
            "file": SimpleUploadedFile("aml-act.pdf", b"%PDF-1.4 act"),
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.files.get().title == "aml-act"
    assert not Notification.objects.exists()
    page = client.get(f"/authorities/proposals/{proposal.pk}/").content.decode()
    assert "aml-act" in page


def test_a_proposal_shows_contacts_only_to_whom_the_rules_allow(client, person, make_user, signatory):
    # A signatory's focal point keeps its entries, but is not an official of a State party.
    focal_point = make_user(Role.FOCAL_POINT, username="syr_focal_point", state="SYR")
    proposal = services.propose_authority(
        signatory,
        data={"kind": AuthorityKind.PREVENTION, "name_en": "Central Commission", "email": SECRET},
        actor=focal_point,
    )
    url = f"/authorities/proposals/{proposal.pk}/"
    client.force_login(focal_point)
    page = client.get(url).content.decode()
    assert "Central Commission" in page
    assert SECRET not in page
    client.force_login(person("secretariat"))
    assert SECRET in client.get(url).content.decode()


def test_a_removal_proposal_names_its_reason_field(client, person, directory):
    proposal = services.propose_removal(directory, actor=person("focal_point"), reason="Merged")
    client.force_login(person("secretariat"))
    rows = client.get(f"/authorities/proposals/{proposal.pk}/").context["rows"]
    assert rows == [("Why is it removed?", "", "Merged")]
