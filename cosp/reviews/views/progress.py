"""The public progress of the mechanism: counts per year and regional group with their charts, the same
table as CSV, and the board of each review's step and delay. Everyone may see them: they are made only
of public facts (progress.PublicReview), read with a fixed number of queries however many reviews
there are."""

from __future__ import annotations

import datetime as dt

from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, gettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from cosp.core.downloads import table_response
from cosp.states.models import RegionalGroup

from .. import progress
from ..charts import Series, stacked_bars
from ..cycles import CYCLES, get_cycle
from ..enums import Step
from ..models import CountryReview
from ..progress import COMPLETED, NOT_STARTED, STAGES, Progress, PublicReview
from ..services.workflow import plans

CURRENT_CYCLE = max(CYCLES)  # what the pages show when no cycle is asked for
# Not started grey; on time blue, late vermilion, completed green (charts.PALETTE, colour-blind safe).
_GROUP_CHART_COLOURS = ("#8C8C8C", "#0072B2", "#D55E00", "#009E73")


def public_reviews(cycle: int) -> list[PublicReview]:
    """The public facts of every review of `cycle`, in four queries whatever their number: the
    reviews with their States and groups, the reviewing States (two), and the step records."""
    reviews = list(CountryReview.objects.filter(cycle=cycle).with_parties())
    step_plans = plans(reviews)
    return [
        PublicReview(
            cycle=review.cycle,
            year=review.year,
            group=review.state.regional_group.code if review.state.regional_group else "",
            steps=step_plans[review.pk],
            summary_issued_on=review.summary_issued_on,
            state=review.state.short_name,
            iso3=review.state.iso3,
            reviewers=tuple(reviewer.state.short_name for reviewer in review.reviewers.all()),
            summary_symbol=review.summary_symbol,
        )
        for review in reviews
    ]


def stage_label(stage: str) -> str:
    if stage == NOT_STARTED:
        return gettext("Not started")
    if stage == COMPLETED:
        return gettext("Completed")
    return str(Step(stage).label)


def group_names() -> dict[str, str]:
    """Regional group code → its common name in the interface language ("" for no group)."""
    names = {group.code: group.abbreviation or group.name for group in RegionalGroup.objects.all()}
    names[""] = gettext("No regional group")
    return names


def _whole_number(value: str | None, allowed) -> int | None:
    try:
        number = int(value or "")
    except ValueError:
        return None
    return number if number in allowed else None


class CycleMixin:
    """The cycle asked for in `?cycle=`; the current one when absent or unknown."""

    @property
    def cycle(self) -> int:
        return _whole_number(self.request.GET.get("cycle"), CYCLES) or CURRENT_CYCLE

    def counts(self, names: dict[str, str]) -> Progress:
        return progress.progress(
            public_reviews(self.cycle),
            cycle=self.cycle,
            today=timezone.localdate(),
            groups=[code for code in names if code],
        )


class ProgressView(PermissionRequiredMixin, CycleMixin, TemplateView):
    permission_required = "reviews.view_public"
    template_name = "reviews/progress.html"

    def get_context_data(self, **kwargs):
        names = group_names()
        counts = self.counts(names)
        return super().get_context_data(
            title=_("Progress of the country reviews"),
            cycle=self.cycle,
            cycles=list(CYCLES),
            today=counts.today,
            counts=counts,
            stages=[(key, stage_label(key)) for key in STAGES],
            rows=_table(counts, names),
            step_chart=_step_chart(counts),
            group_chart=_group_chart(counts, names),
            **kwargs,
        )


class ProgressCsvView(PermissionRequiredMixin, CycleMixin, View):
    permission_required = "reviews.view_public"

    def get(self, request, *args, **kwargs):
        names = group_names()
        counts = self.counts(names)
        header = [
            gettext("Year"),
            gettext("Regional group"),
            *(stage_label(key) for key in STAGES),
            gettext("Late"),
            gettext("Summaries issued"),
            gettext("Reviews"),
        ]
        rows = [
            [
                row["year_label"],
                row["group_label"],
                *row["tally"].stage_counts(),
                row["tally"].late,
                row["tally"].summaries_issued,
                row["tally"].reviews,
            ]
            for row in _table(counts, names)
        ]
        return table_response("csv", header, rows, name=f"review-progress-cycle-{self.cycle}")


class BoardView(PermissionRequiredMixin, CycleMixin, TemplateView):
    permission_required = "reviews.view_public"
    template_name = "reviews/board.html"

    def get_context_data(self, **kwargs):
        cycle = self.cycle
        years = range(1, get_cycle(cycle).years + 1)
        names = group_names()
        year = _whole_number(self.request.GET.get("year"), years)
        group = self.request.GET.get("group")
        group = group if group in names and group else None
        today = timezone.localdate()
        rows = progress.board_rows(public_reviews(cycle), cycle=cycle, today=today, year=year, group=group)
        return super().get_context_data(
            title=_("Board of the country reviews"),
            cycle=cycle,
            cycles=list(CYCLES),
            years=list(years),
            year=year,
            groups=[(code, name) for code, name in names.items() if code],
            group=group,
            today=today,
            rows=[
                {"row": row, "stage": stage_label(row.stage), "group": names.get(row.review.group, "")}
                for row in rows
            ],
            **kwargs,
        )


def _table(counts: Progress, names: dict[str, str]) -> list[dict]:
    """The progress table's lines with their labels (the same for the page and the CSV)."""
    lines = []
    for row in counts.rows():
        lines.append(
            {
                "year": row.year,
                "year_label": gettext("All years")
                if row.year is None
                else gettext("Year %(year)s") % {"year": row.year},
                "group_label": gettext("All groups")
                if row.group is None
                else names.get(row.group, row.group),
                "total": row.is_total,
                "tally": row.tally,
            }
        )
    return lines


def _svg(svg: str) -> SafeString:
    # charts.py escapes every label it is given, so its output is safe to put in the page as it is.
    return mark_safe(svg)


def _step_chart(counts: Progress) -> SafeString:
    by_year = counts.stages_by_year()
    return _svg(
        stacked_bars(
            [stage_label(key) for key in STAGES],
            [Series(gettext("Year %(year)s") % {"year": year}, values) for year, values in by_year],
            title=gettext("Reviews at each step, by year of the cycle"),
            description=gettext(
                "Number of country reviews of cycle %(cycle)s at each step on %(day)s, by year of the cycle."
            )
            % {"cycle": counts.cycle, "day": _day(counts.today)},
            chart_id="chart-steps",
            rtl=get_language_bidi(),
        )
    )


def _group_chart(counts: Progress, names: dict[str, str]) -> SafeString:
    """Where the reviews of each regional group stand: not started, under way on time, late, ended.
    The four parts add up to the group's reviews."""
    tallies = [counts.by_group[code] for code in counts.groups]
    return _svg(
        stacked_bars(
            [names.get(code, code) for code in counts.groups],
            [
                Series(gettext("Not started"), [tally.not_started for tally in tallies]),
                Series(
                    gettext("Under way, on time"),
                    [tally.reviews - tally.not_started - tally.completed - tally.late for tally in tallies],
                ),
                Series(gettext("Under way, late"), [tally.late for tally in tallies]),
                Series(gettext("Completed"), [tally.completed for tally in tallies]),
            ],
            title=gettext("Reviews by regional group"),
            description=gettext(
                "Country reviews of cycle %(cycle)s by regional group on %(day)s: not started, under way "
                "on time, under way with a step late, and completed."
            )
            % {"cycle": counts.cycle, "day": _day(counts.today)},
            chart_id="chart-groups",
            rtl=get_language_bidi(),
            colours=_GROUP_CHART_COLOURS,
        )
    )


def _day(day: dt.date) -> str:
    return date_format(day, "DATE_FORMAT")


urlpatterns = [
    path("", ProgressView.as_view(), name="progress"),
    path("progress.csv", ProgressCsvView.as_view(), name="progress_csv"),
    path("board/", BoardView.as_view(), name="board"),
]
