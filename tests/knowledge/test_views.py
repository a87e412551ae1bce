"""The repository's pages: browsing with filters, counts, exports, the submission form with its
suggestions, the submitter's actions and the secretariat's moderation."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cosp.knowledge.enums import ContributionStatus
from cosp.knowledge.models import Contribution, Moderation

from .conftest import CHINESE, ENGLISH, pdf

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def published_set(people, make_contribution):
    """Four published contributions and one draft, with different submitters, years and tags."""
    return {
        "procurement": make_contribution(title="Procurement reform"),
        "recovery": make_contribution(
            title="资产追回工作",
            text=CHINESE,
            language="zh",
            year=2022,
            articles=[57],
            paragraphs=[12],
            themes=["asset_recovery"],
        ),
        "ti": make_contribution(
            organisation=people.ti,
            title="Civil society monitoring",
            text="Civil society monitors bribery cases.",
            year=2024,
            articles=[13, 15],
            paragraphs=[],
            themes=["participation_of_society", "bribery"],
        ),
        "kenya": make_contribution(
            organisation=people.kenya,
            actor=people.kenya_focal_point,
            title="Mutual legal assistance in Kenya",
            text="Our central authority answers requests.",
            year=2024,
            articles=[46],
            paragraphs=[40],
            themes=["mutual_legal_assistance"],
        ),
        "draft": make_contribution(ContributionStatus.DRAFT, title="Unfinished draft", themes=["bribery"]),
    }


def titles(response) -> set[str]:
    return {c.title for c in response.context["page"]}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"procurement", "recovery", "ti", "kenya"}),
        ("?state=AUT", {"procurement", "recovery"}),
        ("?state=ken", {"kenya"}),
        ("?organisation={ti}", {"ti"}),
        ("?theme=bribery", {"ti"}),
        ("?theme=asset_recovery", {"recovery"}),
        ("?paragraph=12", {"recovery"}),
        ("?article=46", {"kenya"}),
        ("?year=2024", {"ti", "kenya"}),
        ("?language=zh", {"recovery"}),
        ("?year=2024&article=15", {"ti"}),
        ("?q=追回", {"recovery"}),
        ("?q=procure", {"procurement"}),
    ],
)
def test_browse_filters(client, people, published_set, query, expected):
    response = client.get("/knowledge/" + query.format(ti=people.ti.pk))
    assert response.status_code == 200
    assert titles(response) == {published_set[key].title for key in expected}


def test_contribution_page_shows_text_tags_files_and_language(client, people, make_contribution):
    contribution = make_contribution(files=[pdf("annual-report.pdf")])
    body = client.get(f"/knowledge/{contribution.pk}/").content.decode()
    assert "beneficial owners" in body
    assert "Public procurement" in body  # the theme and the article
    assert "/states/articles/9/" in body
    assert "?paragraph=20" in body
    assert f"/knowledge/{contribution.pk}/files/{contribution.files.get().pk}/" in body
    assert "English" in body
    assert "Moderation" not in body  # the moderation record is for the circle


def test_counts_per_theme_paragraph_and_year(client, published_set):
    response = client.get("/knowledge/counts/")
    counts = response.context["counts"]
    assert counts.total == 4
    by_theme = {key: count for key, _label, count in counts.by_theme}
    assert by_theme["bribery"] == 1  # the draft is not counted
    assert by_theme["public_procurement"] == 1
    assert by_theme["money_laundering"] == 0
    assert counts.by_paragraph == [(12, 1), (20, 1), (40, 1)]
    assert counts.by_year == [(2022, 1), (2023, 1), (2024, 2)]
    assert {code: n for code, _label, n in counts.by_language}["zh"] == 1
    assert [n for _label, n in counts.by_kind] == [3, 1]  # State delegations, observers
    assert "Freezing, seizure and confiscation" in response.content.decode()


def test_csv_export_of_the_filtered_list(client, published_set):
    response = client.get("/knowledge/?year=2024&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Number", "Title", "Submitted by"]
    assert sorted(row[1] for row in rows[1:]) == [
        "Civil society monitoring",
        "Mutual legal assistance in Kenya",
    ]
    kenya = next(row for row in rows if row[1].startswith("Mutual"))
    assert kenya[3] == "KEN"
    assert kenya[7] == "46"
    assert kenya[8] == "40"


def test_xlsx_export_reads_back_with_chinese(client, published_set):
    response = client.get("/knowledge/?language=zh&format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Title"
    assert len(rows) == 2
    assert rows[1][1] == "资产追回工作"
    assert rows[1][4] == 2022
    assert rows[1][5] == "zh"
    assert rows[1][6] == "Asset recovery and return"
    assert rows[1][10].endswith(f"/knowledge/{published_set['recovery'].pk}/")


def test_export_leaves_out_unpublished(client, published_set):
    response = client.get("/knowledge/?format=csv")
    assert "Unfinished draft" not in response.content.decode("utf-8-sig")


# --- The submission form ---------------------------------------------------------------------------------


def form_data(**fields):
    return {
        "title": "Asset recovery",
        "language": "zh",
        "text": CHINESE,
        "year": "2024",
        **fields,
    }


def test_suggest_shows_suggestions_and_saves_nothing(client, people):
    client.force_login(people.focal_point)
    response = client.post("/knowledge/submit/", form_data(organisation=people.austria.pk, suggest="1"))
    assert response.status_code == 200
    values = [s.value for s in response.context["suggestions"]]
    assert "article:57" in values
    assert "theme:asset_recovery" in values
    assert "paragraph:12" in values
    assert not Contribution.objects.exists()


def test_applying_a_suggestion_puts_it_in_the_form_only(client, people):
    client.force_login(people.focal_point)
    response = client.post(
        "/knowledge/submit/", form_data(organisation=people.austria.pk, apply="theme:asset_recovery")
    )
    form = response.context["form"]
    assert form.initial["themes"] == ["asset_recovery"]
    chosen = [s.value for s in response.context["suggestions"] if s.chosen]
    assert chosen == ["theme:asset_recovery"]
    assert not Contribution.objects.exists()
    response = client.post(
        "/knowledge/submit/",
        form_data(organisation=people.austria.pk, themes=["asset_recovery"], paragraphs=["12"], save="1"),
    )
    contribution = Contribution.objects.get()
    assert response.url == f"/knowledge/{contribution.pk}/"
    assert contribution.themes == ["asset_recovery"]
    assert list(contribution.articles.all()) == []  # the article was suggested, never chosen
    assert [p.number for p in contribution.declaration_paragraphs.all()] == [12]


def test_submission_with_a_bad_file_saves_nothing_and_says_why(client, people):
    client.force_login(people.focal_point)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/knowledge/submit/",
        form_data(organisation=people.austria.pk, file=SimpleUploadedFile("virus.exe", b"MZ"), save="1"),
    )
    assert response.status_code == 200
    assert "virus.exe cannot be attached" in response.content.decode()
    assert not Contribution.objects.exists()


def test_observer_is_offered_its_own_organisation_only(client, people):
    client.force_login(people.observer)
    response = client.get("/knowledge/submit/")
    assert response.context["form"].fields["organisation"].choices == [
        (str(people.ti.pk), "Transparency International")
    ]
    response = client.post("/knowledge/submit/", form_data(organisation=people.other_ngo.pk, save="1"))
    assert response.status_code == 200
    assert not Contribution.objects.exists()


def test_secretariat_enters_a_contribution_for_any_state_party(client, people, make_state):
    make_state("BRA", short_name_en="Brazil")  # a party without a delegation yet
    client.force_login(people.secretariat)
    choices = dict(client.get("/knowledge/submit/").context["form"].fields["organisation"].choices)
    assert choices["state:BRA"] == "Brazil"
    assert choices["state:KEN"] == "Kenya"
    response = client.post("/knowledge/submit/", form_data(organisation="state:BRA", save="1"))
    contribution = Contribution.objects.get()
    assert response.url == f"/knowledge/{contribution.pk}/"
    assert contribution.organisation.state.iso3 == "BRA"
    assert contribution.created_by == people.secretariat


def test_submit_and_withdraw_pages(client, people, make_contribution):
    contribution = make_contribution(ContributionStatus.DRAFT)
    client.force_login(people.focal_point)
    assert client.get(f"/knowledge/{contribution.pk}/submit/").status_code == 200
    response = client.post(f"/knowledge/{contribution.pk}/submit/")
    assert response.url == f"/knowledge/{contribution.pk}/"
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.SUBMITTED
    # Submitted: no more editing or submitting, withdrawing still possible.
    assert client.get(f"/knowledge/{contribution.pk}/edit/").status_code == 403
    assert client.post(f"/knowledge/{contribution.pk}/submit/").status_code == 403
    client.post(f"/knowledge/{contribution.pk}/withdraw/")
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.WITHDRAWN


def test_edit_page_of_a_returned_contribution_shows_the_reason(client, people, make_contribution):
    contribution = make_contribution(ContributionStatus.RETURNED, files=[pdf()])
    client.force_login(people.focal_point)
    response = client.get(f"/knowledge/{contribution.pk}/edit/")
    body = response.content.decode()
    assert "Please add the year of the reform." in body
    assert response.context["form"].initial["themes"] == ["public_procurement"]
    assert "remove_files" in response.context["form"].fields
    response = client.post(
        f"/knowledge/{contribution.pk}/edit/",
        {
            "organisation": people.austria.pk,
            "title": "Procurement reform (2022)",
            "language": "en",
            "text": ENGLISH,
            "year": "2022",
            "themes": ["public_procurement"],
            "remove_files": [contribution.files.get().pk],
            "save": "1",
        },
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.title == "Procurement reform (2022)"
    assert not contribution.files.exists()


# --- Moderation -----------------------------------------------------------------------------------------


def test_queue_lists_submitted_ones_oldest_first(client, people, make_contribution):
    first = make_contribution(ContributionStatus.SUBMITTED, title="First in")
    second = make_contribution(ContributionStatus.SUBMITTED, title="Second in")
    make_contribution(ContributionStatus.DRAFT, title="Not yet submitted")
    client.force_login(people.secretariat)
    response = client.get("/knowledge/moderation/")
    assert list(response.context["contributions"]) == [first, second]
    assert "Not yet submitted" not in response.content.decode()


def test_moderation_publishes_or_returns_with_a_reason(client, people, make_contribution):
    contribution = make_contribution(ContributionStatus.SUBMITTED)
    client.force_login(people.secretariat)
    response = client.post(f"/knowledge/{contribution.pk}/moderate/", {"decision": "returned", "note": ""})
    assert response.status_code == 200
    assert "Say why" in response.content.decode()
    assert not Moderation.objects.exists()
    response = client.post(
        f"/knowledge/{contribution.pk}/moderate/", {"decision": "returned", "note": "Shorten it."}
    )
    assert response.url == "/knowledge/moderation/"
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.RETURNED
    # Returned: the moderation page refuses until it is submitted again.
    assert client.get(f"/knowledge/{contribution.pk}/moderate/").status_code == 403
    client.force_login(people.focal_point)
    body = client.get(f"/knowledge/{contribution.pk}/").content.decode()
    assert "Shorten it." in body
    assert "Moderation" in body
    client.post(f"/knowledge/{contribution.pk}/submit/")
    client.force_login(people.secretariat)
    client.post(f"/knowledge/{contribution.pk}/moderate/", {"decision": "published", "note": ""})
    contribution.refresh_from_db()
    assert contribution.status == ContributionStatus.PUBLISHED
    assert list(Moderation.objects.values_list("action", flat=True)) == ["returned", "published"]


@pytest.mark.parametrize("path", ["/knowledge/", "/knowledge/counts/", "/knowledge/{pk}/"])
def test_pages_render_in_chinese_and_arabic(client, published_set, path):
    for language in ("zh-hans", "ar"):
        response = client.get(
            path.format(pk=published_set["recovery"].pk), headers={"accept-language": language}
        )
        assert response.status_code == 200
        assert f'lang="{language}"' in response.content.decode()


def _queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_list_reads_as_many_queries_for_three_contributions_as_for_one(client, people, make_contribution):
    # Each has its State, articles, paragraphs and themes on the page: read together, not per row.
    make_contribution(title="Procurement reform 1", articles=(9,), paragraphs=(20,))
    one = _queries_for(client, "/knowledge/")
    make_contribution(title="Procurement reform 2", articles=(9, 13), paragraphs=(12,))
    make_contribution(organisation=people.ti, title="Civil society monitoring", articles=(13,))
    assert _queries_for(client, "/knowledge/") == one
