"""The secretariat imports a work plan from a table in an ingested document (preview, then confirm;
a table with a bad row is refused and nothing is saved), and the page of one declaration paragraph
says which body discusses it, and when. The documents are ours: fixtures/work-plan.*.txt."""

from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from cosp.documents.services import ingest_file
from cosp.meetings.models import Body
from cosp.meetings.reference import load_bodies_and_sessions
from cosp.outcomes import work_plan_views
from cosp.outcomes.demo import prepare_demo_work_plan
from cosp.outcomes.models import DeclarationParagraph, DeclarationSection, WorkPlanEntry
from cosp.outcomes.queries import work_plan_coverage
from cosp.outcomes.services import import_work_plan
from cosp.outcomes.work_plan import PROBLEMS
from cosp.states.models import Article
from tests.helpers import ROLES

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FIXTURES = Path(__file__).parent / "fixtures"
PLAN = "CAC/COSP/IRG/2027/3"
PLAN_WITH_ERRORS = "CAC/COSP/IRG/2027/4"
IMPORT = "/outcomes/work-plan/import/"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def registry(reference_db, settings, tmp_path):
    """The real States, articles and bodies; uploads in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    load_bodies_and_sessions()


@pytest.fixture
def declaration(registry):
    """A declaration of 86 paragraphs in two sections; paragraph 10 has its texts, articles and themes."""
    prevention = DeclarationSection.objects.create(
        key="prevention", position=1, title_en="Prevention measures", title_zh_hans="预防措施"
    )
    other = DeclarationSection.objects.create(key="way_forward", position=2, title_en="The way forward")
    DeclarationParagraph.objects.bulk_create(
        DeclarationParagraph(number=n, section=prevention if n <= 22 else other, text_en=f"Paragraph {n}.")
        for n in range(1, 87)
    )
    tenth = DeclarationParagraph.objects.get(number=10)
    tenth.text_en = "We will make public procurement open and fair, as article 9 asks."
    tenth.text_zh_hans = "我们将按照第九条的要求，使公共采购公开和公平。"
    tenth.themes = ["prevention", "public_procurement"]
    tenth.save()
    tenth.articles.set([Article.objects.get(number=9)])
    return tenth


@pytest.fixture
def plan(registry):
    ingest_file(FIXTURES / "work-plan.en.txt")
    return ingest_file(FIXTURES / "work-plan.zh.txt").version.document


@pytest.fixture
def plan_with_errors(registry):
    return ingest_file(FIXTURES / "work-plan-errors.en.txt").version.document


def stored() -> list[tuple]:
    return sorted(
        (
            entry.pk,
            entry.year,
            entry.meeting_date,
            tuple(sorted(entry.bodies.values_list("code", flat=True))),
            tuple(sorted(entry.paragraphs.values_list("number", flat=True))),
            entry.keywords_en,
            entry.keywords_zh_hans,
        )
        for entry in WorkPlanEntry.objects.all()
    )


def an_earlier_entry(year: int = 2026) -> WorkPlanEntry:
    entry = WorkPlanEntry.objects.create(year=year, keywords_en="Entered by hand")
    entry.bodies.set([Body.objects.get(code="COSP")])
    entry.paragraphs.set([DeclarationParagraph.objects.get(number=70)])
    return entry


# --- Import ---------------------------------------------------------------------------------------


def test_the_secretariat_sees_the_rows_of_both_languages_before_anything_is_stored(
    client_as, declaration, plan
):
    page = client_as("secretariat").get(IMPORT, {"symbol": PLAN}).content.decode()

    assert "Table 1 Work plan, 2028-2031" in page
    assert "Integrity in public procurement" in page
    assert "公共采购中的廉正" in page
    assert "1-3, 10" in page
    assert "Keywords (English)" in page
    assert "Keywords (Chinese)" in page
    assert "Import 5 rows" in page
    assert 'id="problems"' not in page
    assert WorkPlanEntry.objects.count() == 0


def test_the_page_offers_the_ingested_documents_that_hold_a_table(
    client_as, declaration, plan, plan_with_errors
):
    page = client_as("secretariat").get(IMPORT).content.decode()
    assert f'<option value="{PLAN}">' in page
    assert f'<option value="{PLAN_WITH_ERRORS}">' in page


def test_confirming_stores_every_row_with_its_bodies_paragraphs_and_keywords_in_both_languages(
    client_as, declaration, plan
):
    response = client_as("secretariat").post(IMPORT, {"symbol": PLAN, "replace": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/outcomes/work-plan/"
    assert {row[1:] for row in stored()} == {
        (
            2028,
            date(2028, 6, 13),
            ("IRG",),
            (1, 2, 3, 10),
            "Integrity in public procurement",
            "公共采购中的廉正",
        ),
        (2028, None, ("WG-PREV",), (4, 5), "Codes of conduct for public officials", "公职人员行为守则"),
        (
            2029,
            date(2029, 9, 4),
            ("EG-IC", "WG-AR"),
            (41, 42, 43),
            "Return of confiscated assets",
            "返还没收的资产",
        ),
        (2030, None, ("COSP",), (86,), "Review of the work plan", "审查工作计划"),
        (
            2031,
            None,
            ("IRG",),
            (23, 24, 25),
            "Cooperation between law enforcement authorities",
            "执法机关之间的合作",
        ),
    }


def test_importing_the_same_table_twice_changes_nothing(client_as, declaration, plan):
    client = client_as("secretariat")
    client.post(IMPORT, {"symbol": PLAN, "replace": "on"})
    before, history = stored(), WorkPlanEntry.history.count()

    response = client.post(IMPORT, {"symbol": PLAN, "replace": "on"}, follow=True)

    assert stored() == before
    assert WorkPlanEntry.history.count() == history
    assert "5 rows read: 0 entries added, 0 updated, 0 removed." in response.content.decode()


def test_importing_again_puts_back_keywords_changed_since_in_place(client_as, declaration, plan):
    client = client_as("secretariat")
    client.post(IMPORT, {"symbol": PLAN, "replace": "on"})
    before, history = stored(), WorkPlanEntry.history.count()
    WorkPlanEntry.objects.filter(pk=before[0][0]).update(keywords_en="Changed by hand")

    response = client.post(IMPORT, {"symbol": PLAN, "replace": "on"}, follow=True)

    assert stored() == before
    assert WorkPlanEntry.history.count() == history + 1
    assert WorkPlanEntry.history.latest("history_id").history_user.username == "secretariat"
    assert "5 rows read: 0 entries added, 1 updated, 0 removed." in response.content.decode()


def test_replacing_removes_the_entries_the_table_does_not_list(client_as, declaration, plan):
    earlier = an_earlier_entry()

    client_as("secretariat").post(IMPORT, {"symbol": PLAN, "replace": "on"})

    assert not WorkPlanEntry.objects.filter(pk=earlier.pk).exists()
    assert WorkPlanEntry.objects.count() == 5


def test_without_replacing_the_entries_the_table_does_not_list_stay(client_as, declaration, plan):
    earlier = an_earlier_entry()

    client_as("secretariat").post(IMPORT, {"symbol": PLAN})

    assert WorkPlanEntry.objects.filter(pk=earlier.pk).exists()
    assert WorkPlanEntry.objects.count() == 6


def test_the_history_names_who_imported_the_plan(client_as, declaration, plan):
    client_as("secretariat").post(IMPORT, {"symbol": PLAN, "replace": "on"})
    assert set(WorkPlanEntry.history.values_list("history_user__username", flat=True)) == {"secretariat"}


def test_a_table_with_rows_that_cannot_be_read_is_shown_with_each_bad_cell_and_no_import_button(
    client_as, declaration, plan_with_errors
):
    page = client_as("secretariat").get(IMPORT, {"symbol": PLAN_WITH_ERRORS}).content.decode()

    assert 'id="problems"' in page
    assert "Row 3, Date or year: «13-17 Juen 2029» — Not a date or a year. (Juen)" in page
    assert "Row 4, Body: «Human Rights Council» — No body answers to this name." in page
    assert "Row 5, Paragraphs: «9-7» — A range of paragraphs that runs backwards." in page
    assert 'method="post"' not in page.split('id="preview"')[1]


def test_a_table_with_rows_that_cannot_be_read_is_refused_and_nothing_is_saved(
    client_as, declaration, plan_with_errors
):
    an_earlier_entry()
    before, history = stored(), WorkPlanEntry.history.count()

    response = client_as("secretariat").post(IMPORT, {"symbol": PLAN_WITH_ERRORS, "replace": "on"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was imported: the table has rows that cannot be read." in page
    assert "«13-17 Juen 2029»" in page
    assert stored() == before
    assert WorkPlanEntry.history.count() == history


def test_without_the_declaration_in_the_database_nothing_can_be_imported(client_as, plan):
    response = client_as("secretariat").post(IMPORT, {"symbol": PLAN, "replace": "on"})

    assert (
        "The political declaration is not in the database yet: ingest it first." in response.content.decode()
    )
    assert WorkPlanEntry.objects.count() == 0


def test_a_symbol_that_is_no_ingested_document_with_a_table_is_refused_by_the_form(
    client_as, declaration, plan
):
    page = client_as("secretariat").get(IMPORT, {"symbol": "CAC/COSP/2099/1"}).content.decode()
    assert "Select a valid choice." in page
    assert 'id="preview"' not in page


def test_every_problem_the_reader_reports_has_a_translated_message():
    assert set(work_plan_views.PROBLEM_MESSAGES) == set(PROBLEMS)


@pytest.mark.parametrize("role", list(ROLES))
def test_only_the_secretariat_opens_the_import_page(client_as, declaration, plan, role):
    response = client_as(role).get(IMPORT, {"symbol": PLAN})
    expected = {"anonymous": 302, "secretariat": 200}.get(role, 403)
    assert response.status_code == expected
    if role == "anonymous":
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", [role for role in ROLES if role != "secretariat"])
def test_no_one_but_the_secretariat_imports_and_nothing_is_saved_for_them(client_as, declaration, plan, role):
    response = client_as(role).post(IMPORT, {"symbol": PLAN, "replace": "on"})
    assert response.status_code == (302 if role == "anonymous" else 403)
    assert WorkPlanEntry.objects.count() == 0


# --- One paragraph of the declaration -------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLES))
def test_everyone_sees_a_paragraph_with_its_texts_section_articles_themes_and_who_discusses_it(
    client_as, declaration, plan, role
):
    assert import_work_plan(plan, actor=None).saved

    response = client_as(role).get("/outcomes/declaration/10/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Paragraph 10 of the political declaration" in page
    assert "We will make public procurement open and fair" in page
    assert "我们将按照第九条的要求" in page
    assert "Prevention measures" in page
    assert 'href="/states/articles/9/"' in page
    assert "Public procurement" in page
    assert "<td>2028</td><td>13 June 2028</td><td>IRG</td><td>Integrity in public procurement</td>" in page


def test_a_paragraph_no_body_discusses_says_so(client_as, declaration):
    page = client_as("anonymous").get("/outcomes/declaration/70/").content.decode()
    assert "The work plan gives this paragraph to no body yet." in page
    assert 'href="/outcomes/declaration/69/"' in page
    assert 'href="/outcomes/declaration/71/"' in page


def test_a_paragraph_the_declaration_does_not_have_answers_not_found(client_as, declaration):
    assert client_as("anonymous").get("/outcomes/declaration/87/").status_code == 404


@pytest.mark.parametrize("entries", [1, 3])
def test_the_paragraph_page_reads_the_same_number_of_queries_whatever_the_entries(
    client_as, declaration, entries
):
    bodies = list(Body.objects.filter(code__in=["IRG", "WG-PREV"]))
    for year in range(2022, 2022 + entries):
        entry = WorkPlanEntry.objects.create(year=year, keywords_en=f"Topic {year}")
        entry.bodies.set(bodies)
        entry.paragraphs.set([declaration])
    client = client_as("anonymous")

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/outcomes/declaration/10/").content.decode()

    assert page.count("<td>IRG, Prevention working group</td>") == entries
    assert len(queries) == 6


# --- The demo's illustrative plan -----------------------------------------------------------------

# The declaration's sections and their paragraphs, as the special session's report has them.
SECTIONS = [
    ("prevention", 1, 22),
    ("criminalization", 23, 31),
    ("international_cooperation", 32, 40),
    ("asset_recovery", 41, 52),
    ("technical_assistance", 53, 59),
    ("agenda_2030", 60, 71),
    ("way_forward", 72, 86),
]


@pytest.fixture
def sectioned_declaration(registry):
    for position, (key, first, last) in enumerate(SECTIONS):
        section = DeclarationSection.objects.create(key=key, position=position, title_en=key)
        DeclarationParagraph.objects.bulk_create(
            DeclarationParagraph(number=n, section=section, text_en=f"Paragraph {n}.")
            for n in range(first, last + 1)
        )


def test_the_demo_adds_no_work_plan_without_the_declaration(registry):
    assert list(prepare_demo_work_plan()) == [
        "work plan: the political declaration is not in the database, skipped"
    ]
    assert WorkPlanEntry.objects.count() == 0


def test_the_demo_plans_2022_to_2026_by_theme_marked_illustrative_and_only_once(sectioned_declaration):
    list(prepare_demo_work_plan())
    first = stored()

    assert list(prepare_demo_work_plan()) == ["work plan (illustrative): 26 entries"]
    assert stored() == first
    entries = WorkPlanEntry.objects.prefetch_related("bodies")
    assert {entry.year for entry in entries} == set(range(2022, 2027))
    assert {body.code for entry in entries for body in entry.bodies.all()} == {
        "IRG",
        "WG-PREV",
        "WG-AR",
        "EG-IC",
    }
    assert all(entry.keywords_en.endswith("(illustrative)") for entry in entries)
    assert all(entry.keywords_zh_hans.endswith("（示例）") for entry in entries)
    coverage = work_plan_coverage()
    assert [p.number for p in coverage["unassigned"]] == list(range(60, 87))
    assert [p.number for p in coverage["assigned_twice"]] == [59]


def test_the_demo_leaves_a_recorded_work_plan_alone(sectioned_declaration):
    an_earlier_entry()
    assert list(prepare_demo_work_plan()) == [
        "work plan: a work plan is already recorded, the illustrative one is not added"
    ]
    assert WorkPlanEntry.objects.count() == 1
