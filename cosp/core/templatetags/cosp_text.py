"""Template filters for text people write: annotations and notes in Markdown."""

from django import template
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

register = template.Library()

# Raw HTML is escaped and unsafe link schemes (javascript:, data:) are refused by markdown-it itself,
# so what it renders is safe to mark as such.
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")


@register.filter
def markdown(text: str) -> str:
    return mark_safe(_MARKDOWN.render(text or ""))
