"""The thematic implementation report and the regional supplementary addenda (RULES.md 4.10) as
documents: blocks for `cosp.core.exports`, which writes them as DOCX and PDF in the UN layout.

Pure functions from a `thematic.Compilation` and the names it needs (chapter and article titles, the
regional group's name, already in the document's language) to blocks and bytes; the labels the
document adds come from the interface catalogues in the language asked for. The page of the
compilation shows the same blocks, so the secretariat sees on screen the draft it downloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override

from cosp.core.exports import (
    Block,
    BlockKind,
    Masthead,
    docx_from_blocks,
    pdf_from_blocks,
    pdf_language,
    un_language,
)
from cosp.core.languages import babel_locale, django_language

from ..enums import AssistanceType, FindingType
from ..findings import theme_by_key
from ..thematic import NO_ASSISTANCE_TYPE, NO_THEME, Compilation, Count, FindingGroup, Part

# Lettered sections run A-Z (core.exports.section_letter); a longer list gets unnumbered headings.
_MAX_LETTERED = 26


@dataclass(frozen=True)
class ThematicNames:
    """What the document names, in its language."""

    chapter_title: str  # "Preventive measures"
    article_titles: Mapping[int, str] = field(default_factory=dict)  # 9 → "Public procurement ..."
    group_name: str = ""  # "African States", for an addendum


def title(compilation: Compilation, names: ThematicNames) -> str:
    """ "Thematic implementation report", or "Regional supplementary addendum: <group>"."""
    if compilation.group:
        return _("Regional supplementary addendum: %(group)s") % {
            "group": names.group_name or compilation.group
        }
    return _("Thematic implementation report")


def kind_label(kind: str) -> str:
    try:
        return str(FindingType(kind).label)
    except ValueError:
        return kind


def assistance_label(assistance_type: str) -> str:
    if assistance_type == NO_ASSISTANCE_TYPE:
        return _("Type not stated")
    try:
        return str(AssistanceType(assistance_type).label)
    except ValueError:
        return assistance_type


def theme_label(theme: str) -> str:
    if theme == NO_THEME:
        return _("Findings with no theme")
    try:
        return str(theme_by_key(theme).label)
    except KeyError:
        return theme


def article_heading(number: int, names: ThematicNames) -> str:
    heading = _("Article %(number)s") % {"number": number}
    article_title = names.article_titles.get(number, "")
    return f"{heading}. {article_title}" if article_title else heading


# The subheading over each kind's groups.
def _kind_heading(kind: str) -> str:
    headings = {
        FindingType.CHALLENGE: _("Most common challenges"),
        FindingType.RECOMMENDATION: _("Most common recommendations"),
        FindingType.GOOD_PRACTICE: _("Good practices"),
        FindingType.OBSERVATION: _("Observations"),
        FindingType.TECHNICAL_ASSISTANCE_NEED: _("Technical-assistance needs as worded in the reports"),
    }
    return str(headings.get(kind, kind_label(kind)))


def _number(value: int, language: str) -> str:
    return format_decimal(value, locale=babel_locale(language))


def _counted(count: Count, language: str) -> str:
    """ "12 findings from 7 States"."""
    findings = ngettext("%(count)s finding", "%(count)s findings", count.findings) % {
        "count": _number(count.findings, language)
    }
    states = ngettext("from %(count)s State", "from %(count)s States", count.states) % {
        "count": _number(count.states, language)
    }
    return f"{findings} {states}"


def _heading_kind(count: int) -> BlockKind:
    return BlockKind.SECTION if count <= _MAX_LETTERED else BlockKind.SUBHEADING


def _kinds_table(by_kind: Mapping[str, Count], language: str) -> Block:
    rows = [(_("Type of finding"), _("Findings"), _("States"))]
    rows += [
        (kind_label(kind), _number(count.findings, language), _number(count.states, language))
        for kind, count in by_kind.items()
    ]
    return Block(BlockKind.TABLE, rows=tuple(rows))


def _assistance_table(part_or_compilation: Part | Compilation, language: str) -> Block:
    rows = [(_("Type of assistance"), _("Findings"), _("States"))]
    rows += [
        (
            assistance_label(need.assistance_type),
            _number(need.findings, language),
            _number(need.states, language),
        )
        for need in part_or_compilation.assistance
    ]
    return Block(BlockKind.TABLE, rows=tuple(rows))


def _with_place(group: FindingGroup, by_theme: bool) -> str:
    """The example wording and where it is: the paragraphs of the article (article view), or the
    article (theme view). One cell, so the table keeps three columns that fit a PDF page."""
    paragraphs = ", ".join(group.paragraphs)
    if by_theme:
        place = _("article %(number)s") % {"number": group.article}
        if paragraphs:
            place += f" ({paragraphs})"
    elif paragraphs:
        place = ngettext("paragraph %(numbers)s", "paragraphs %(numbers)s", len(group.paragraphs)) % {
            "numbers": paragraphs
        }
    else:
        return group.example
    return f"{group.example} ({place})"


def _part_blocks(
    part: Part, heading: str, heading_kind: BlockKind, language: str, *, by_theme: bool
) -> list[Block]:
    blocks = [Block(heading_kind, heading)]
    if not part.total.findings:
        blocks.append(Block(BlockKind.PARAGRAPH, _("The reports compiled have no findings on it.")))
        return blocks
    summary = _counted(part.total, language)
    if by_theme and part.related:
        articles = ", ".join(str(number) for number in part.related)
        summary += "; " + ngettext("article %(articles)s", "articles %(articles)s", len(part.related)) % {
            "articles": articles
        }
    elif any(theme != NO_THEME for theme in part.related):
        themes = "; ".join(theme_label(str(theme)) for theme in part.related if theme != NO_THEME)
        summary += "; " + _("themes: %(themes)s") % {"themes": themes}
    blocks.append(Block(BlockKind.PARAGRAPH, summary + "."))
    for kind in part.kinds:
        blocks.append(Block(BlockKind.SUBHEADING, _kind_heading(kind)))
        rows = [(_("Example wording"), _("Findings"), _("States"))]
        rows += [
            (_with_place(group, by_theme), _number(group.findings, language), _number(group.states, language))
            for group in part.groups[kind]
        ]
        blocks.append(Block(BlockKind.TABLE, rows=tuple(rows)))
        left_off = part.left_off.get(kind)
        if left_off:
            findings = ngettext(
                "A further %(findings)s finding has other wording",
                "A further %(findings)s findings have other wording",
                left_off.findings,
            ) % {"findings": _number(left_off.findings, language)}
            groups = ngettext(
                "(%(groups)s group not shown).", "(%(groups)s groups not shown).", left_off.groups
            ) % {"groups": _number(left_off.groups, language)}
            blocks.append(Block(BlockKind.TEXT, f"{findings} {groups}"))
    if part.assistance:
        blocks.append(Block(BlockKind.SUBHEADING, _("Technical-assistance needs by type")))
        blocks.append(_assistance_table(part, language))
    return blocks


def thematic_blocks(compilation: Compilation, names: ThematicNames, language: str) -> list[Block]:
    """The document: introduction with counts by type of finding, then the findings by article, by
    theme, and the technical-assistance needs by type."""
    code = un_language(language)
    with override(django_language(code)):
        return _blocks(compilation, names, code)


def _blocks(compilation: Compilation, names: ThematicNames, language: str) -> list[Block]:
    subject = _("Chapter %(chapter)s of the Convention (%(title)s), review cycle %(cycle)s") % {
        "chapter": compilation.chapter,
        "title": names.chapter_title,
        "cycle": compilation.cycle,
    }
    blocks = [
        Block(BlockKind.TITLE, title(compilation, names)),
        Block(BlockKind.TEXT, subject),
        Block(BlockKind.TEXT, _("First draft compiled by the platform, for the secretariat to edit.")),
        Block(BlockKind.CHAPTER, _("Introduction")),
    ]
    reports = ngettext(
        "%(count)s agreed country review report",
        "%(count)s agreed country review reports",
        compilation.reviews,
    ) % {"count": _number(compilation.reviews, language)}
    if compilation.group:
        scope = _(
            "This addendum compiles the findings on chapter %(chapter)s of %(reports)s of States of the "
            "%(group)s: %(counted)s."
        )
    else:
        scope = _("This report compiles the findings on chapter %(chapter)s of %(reports)s: %(counted)s.")
    blocks.append(
        Block(
            BlockKind.PARAGRAPH,
            scope
            % {
                "chapter": compilation.chapter,
                "reports": reports,
                "group": names.group_name or compilation.group,
                "counted": _counted(compilation.total, language),
            },
        )
    )
    blocks.append(
        Block(
            BlockKind.PARAGRAPH,
            _(
                "Findings of the same type on the same article and theme with similar wording are grouped. "
                "Each group gives the wording of one of its findings as an example, how many findings it "
                "holds and from how many States. The figures count findings and States; they do not rank "
                "or score any State."
            ),
        )
    )
    if compilation.total.findings:
        blocks.append(_kinds_table(compilation.by_kind, language))

    blocks.append(Block(BlockKind.CHAPTER, _("Findings by article")))
    heading_kind = _heading_kind(len(compilation.articles))
    for part in compilation.articles:
        blocks += _part_blocks(
            part, article_heading(int(part.key), names), heading_kind, language, by_theme=False
        )

    blocks.append(Block(BlockKind.CHAPTER, _("Findings by theme")))
    if not compilation.themes:
        blocks.append(Block(BlockKind.PARAGRAPH, _("The reports compiled have no findings on this chapter.")))
    heading_kind = _heading_kind(len(compilation.themes))
    for part in compilation.themes:
        blocks += _part_blocks(part, theme_label(str(part.key)), heading_kind, language, by_theme=True)

    blocks.append(Block(BlockKind.CHAPTER, _("Technical-assistance needs by type")))
    if compilation.assistance:
        blocks.append(_assistance_table(compilation, language))
    else:
        blocks.append(
            Block(BlockKind.PARAGRAPH, _("The reports compiled identify no technical-assistance needs."))
        )
    return blocks


def thematic_masthead(language: str, today: dt.date) -> Masthead:
    """A restricted draft of the Implementation Review Group, dated `today`."""
    code = un_language(language)
    with override(django_language(code)):
        return Masthead(
            distribution=_("Distr.: Restricted"),
            date=format_date(today, "long", locale=babel_locale(code)),
            body=_("Implementation Review Group"),
        )


def thematic_docx(compilation: Compilation, names: ThematicNames, language: str, *, today: dt.date) -> bytes:
    return docx_from_blocks(
        thematic_blocks(compilation, names, language), language, thematic_masthead(language, today)
    )


def thematic_pdf(compilation: Compilation, names: ThematicNames, language: str, *, today: dt.date) -> bytes:
    """The PDF, in `pdf_language(language)` (an Arabic PDF is written in English): the caller passes
    names in that language."""
    code = pdf_language(language)
    return pdf_from_blocks(thematic_blocks(compilation, names, code), code, thematic_masthead(code, today))


def file_name(compilation: Compilation, extension: str) -> str:
    """ "thematic-2-II.docx", "thematic-2-II-AFR.pdf"."""
    parts: Sequence[str] = ("thematic", str(compilation.cycle), compilation.chapter)
    if compilation.group:
        parts = (*parts, compilation.group)
    return "-".join(parts) + f".{extension}"
