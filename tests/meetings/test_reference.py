import pytest

from cosp.meetings import bureau
from cosp.meetings.models import AgendaItem, Officer, Session
from cosp.meetings.reference import load_meetings_reference

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_conference_sessions_one_to_ten_and_the_special_session_are_loaded(sessions):
    regular = Session.objects.filter(body__code="COSP", kind="regular").order_by("number")
    assert [s.number for s in regular] == list(range(1, 11))
    assert [s.slug for s in regular][:2] == ["cosp-1", "cosp-2"]
    assert sessions["cosp-7"].place_en == "Vienna"
    assert str(sessions["cosp-7"].start) == "2017-11-06"
    assert sessions["cosp-special-2021"].format == "hybrid"
    assert sessions["cosp-8"].interpretation_meetings == 18


def test_loading_twice_changes_nothing(sessions):
    before = (Session.objects.count(), AgendaItem.objects.count(), Officer.objects.count())
    load_meetings_reference()
    assert (Session.objects.count(), AgendaItem.objects.count(), Officer.objects.count()) == before


def test_the_seventh_session_agenda_has_nine_items_and_their_sub_items(sessions):
    items = AgendaItem.objects.filter(session=sessions["cosp-7"])
    assert [i.number for i in items if i.parent_id is None] == [str(n) for n in range(1, 10)]
    assert [i.number for i in items.filter(parent__number="1")] == [f"1({c})" for c in "abcdef"]
    assert items.get(number="1(f)").title_zh_hans == "一般性讨论"


def test_the_seventh_session_bureau_has_one_officer_per_regional_group(sessions):
    officers = Officer.objects.filter(session=sessions["cosp-7"]).select_related("state__regional_group")
    groups = {o.state.iso3: o.state.regional_group.code for o in officers}
    assert groups == {"GTM": "GRULAC", "NGA": "AFR", "ESP": "WEOG", "BGD": "APG", "BGR": "EEG"}
    assert officers.get(office="president").state.iso3 == "GTM"
    rows = [bureau.Officer(o.office, o.state.iso3, o.person) for o in officers]
    assert bureau.validate_bureau(rows, set(groups), groups) == []
