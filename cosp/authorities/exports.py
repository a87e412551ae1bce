"""The exports: the conference room paper table (DOCX through core.exports) and the directory as CSV
or XLSX. Contact details go into an export only when the caller says the reader may see them."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cosp.core.exports import Block, BlockKind, Masthead, docx_from_blocks, pdf_from_blocks, pdf_language
from cosp.core.languages import django_language, interface_language

from .enums import AuthorityKind, Status
from .models import Authority
from .provisions import language_name
from .queries import NotNotifiedReport, latest_notifications, public_values


def directory_table(authorities, *, with_contacts: bool) -> tuple[list[str], list[list[str]]]:
    header = [
        _("State"),
        _("ISO code"),
        _("Regional group"),
        _("Kind"),
        _("Name"),
        _("Role"),
        _("Territory"),
        _("Website"),
        _("Notified on"),
    ]
    if with_contacts:
        header += [_("Contact person"), _("E-mail"), _("Telephone"), _("Postal address")]
    rows = []
    for authority in authorities:
        values = public_values(authority, with_contacts=with_contacts)
        group = authority.state.regional_group
        row = [
            values["state_name"],
            values["state"],
            group.code if group else "",
            values["kind_label"],
            values["name"],
            values["role"],
            values["territory"],
            values["website"],
            values["designated_on"].isoformat() if values["designated_on"] else "",
        ]
        if with_contacts:
            row += [values["contact_person"], values["email"], values["phone"], values["address"]]
        rows.append(row)
    return [str(h) for h in header], rows


def _names(authorities: list[Authority]) -> str:
    return "; ".join(f"{a.name} ({a.territory})" if a.territory else a.name for a in authorities) or "—"


def report_blocks(report: NotNotifiedReport) -> list[Block]:
    """The conference room paper: the authorities designated by each State party, then what each has
    not yet notified, then the counts per regional group."""
    language = interface_language()
    states = [row.state for row in report.rows]
    by_state: dict[int, dict[str, list[Authority]]] = {}
    for authority in Authority.objects.current().filter(state__in=states).order_by("territory", "name_en"):
        by_state.setdefault(authority.state_id, {}).setdefault(authority.kind, []).append(authority)
    latest = latest_notifications(states)
    designated = [
        (
            _("State party"),
            _("Prevention authorities (art. 6(3))"),
            _("Central authority (art. 46(13))"),
            _("Languages (art. 46(14))"),
            _("Asset-recovery focal points"),
        )
    ]
    for row in report.rows:
        kinds = by_state.get(row.state.pk, {})
        languages = latest.get(row.state.pk, {}).get("46-14")
        designated.append(
            (
                row.state.short_name,
                _names(kinds.get(AuthorityKind.PREVENTION, [])),
                _names(kinds.get(AuthorityKind.CENTRAL_AUTHORITY, [])),
                ", ".join(language_name(code, language) for code in languages.languages)
                if languages
                else "—",
                _names(kinds.get(AuthorityKind.ASSET_RECOVERY, [])),
            )
        )
    missing_header = (
        _("State party"),
        _("Regional group"),
        *(str(r.provision.label) for r in report.provisions),
    )
    missing_rows = [missing_header]
    for row in report.rows:
        group = row.state.regional_group
        missing_rows.append(
            (
                row.state.short_name,
                group.code if group else "—",
                *(
                    "✓"
                    if row.statuses[r.provision.value] is Status.NOTIFIED
                    else str(row.statuses[r.provision.value].label)
                    for r in report.provisions
                ),
            )
        )
    counts = [
        (
            _("Regional group"),
            _("States parties"),
            _("Complete"),
            *(r.provision.value for r in report.provisions),
        )
    ]
    for totals in [*report.groups, report.totals]:
        name = (
            totals.group.name if totals.group else (_("Total") if totals is report.totals else _("No group"))
        )
        counts.append(
            (
                str(name),
                str(totals.parties),
                str(totals.complete),
                *(str(totals.missing[r.provision.value]) for r in report.provisions),
            )
        )
    return [
        Block(BlockKind.TITLE, _("Competent national authorities and notifications under the Convention")),
        Block(
            BlockKind.TEXT,
            _("Conference room paper prepared by the Secretariat: data as at %(date)s.")
            % {"date": timezone.localdate().isoformat()},
        ),
        Block(BlockKind.CHAPTER, _("Competent authorities designated by States parties")),
        Block(BlockKind.TABLE, rows=tuple(tuple(str(c) for c in r) for r in designated)),
        Block(BlockKind.CHAPTER, _("Notifications received and not yet received")),
        Block(BlockKind.TABLE, rows=tuple(tuple(str(c) for c in r) for r in missing_rows)),
        Block(BlockKind.CHAPTER, _("States parties that have not yet notified, by regional group")),
        Block(
            BlockKind.TEXT,
            _("Each provision column counts the States parties that have not notified it."),
        ),
        Block(BlockKind.TABLE, rows=tuple(tuple(str(c) for c in r) for r in counts)),
    ]


def _masthead() -> Masthead:
    return Masthead(
        distribution=_("Distr.: General"),
        date=timezone.localdate().isoformat(),
        body=_("Conference of the States Parties to the United Nations Convention against Corruption"),
    )


def report_docx(report: NotNotifiedReport) -> bytes:
    return docx_from_blocks(report_blocks(report), interface_language(), _masthead())


def report_pdf(report: NotNotifiedReport) -> bytes:
    """The same paper as PDF; an Arabic interface gets it in English (core.exports.pdf_language)."""
    language = pdf_language(interface_language())
    with translation.override(django_language(language)):
        return pdf_from_blocks(report_blocks(report), language, _masthead())


def report_table(report: NotNotifiedReport) -> tuple[list[str], list[list[str]]]:
    """The report as one flat table for CSV/XLSX: a row per State party, a column per provision."""
    header = [
        _("State party"),
        _("ISO code"),
        _("Regional group"),
        *(r.provision.value for r in report.provisions),
    ]
    rows = []
    for row in report.rows:
        group = row.state.regional_group
        rows.append(
            [
                row.state.short_name,
                row.state.iso3,
                group.code if group else "",
                *(str(row.statuses[r.provision.value].label) for r in report.provisions),
            ]
        )
    return [str(h) for h in header], rows
