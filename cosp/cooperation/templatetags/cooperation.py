"""Template helpers of the statistics page: dictionary look-ups and suppressed cells."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key, "") if mapping else ""


@register.filter
def cell(value, threshold):
    """A figure, or "<n" for a suppressed one (None)."""
    if value is None:
        return _("<%(n)s") % {"n": threshold}
    return value


@register.simple_tag
def table_cell(table, row, column, threshold):
    return cell(table.value(row, column), threshold)
