import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

pytestmark = pytest.mark.unit


def visit(path: str, params: dict | None = None):
    request = RequestFactory().get(path, params or {})
    request.user = AnonymousUser()  # the layout's context processors read it
    return request


def test_the_pager_links_the_neighbouring_pages_and_keeps_the_filters():
    request = visit("/knowledge/", {"theme": "whistleblowers", "page": "2"})
    page = Paginator(range(25), 10).get_page(2)
    html = render_to_string("pager.html", {"page": page}, request=request)
    assert 'href="?theme=whistleblowers&amp;page=1"' in html
    assert 'href="?theme=whistleblowers&amp;page=3"' in html
    assert "Page 2 of 3" in html


def test_a_single_page_has_no_pager():
    page = Paginator(range(5), 10).get_page(1)
    assert render_to_string("pager.html", {"page": page}, request=visit("/")).strip() == ""
