"""Charts as SVG text, drawn here: no JavaScript library, no outside service, nothing to load.

`stacked_bars` draws one horizontal bar per category, made of one segment per series. Every segment
carries a <title> (the browser's tooltip, read out by screen readers), and the chart has a <title> and
a <desc> that says in words what it shows, so the figures never live only in the picture.

Every label goes through `_text`, which escapes it for XML and drops characters XML cannot hold, so a
State's or a step's name cannot break the markup. For right-to-left languages the layout is mirrored
(labels on the right, bars growing to the left) and the text runs right to left.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

SVG_NS = "http://www.w3.org/2000/svg"

# Okabe and Ito's palette: told apart by people with the common forms of colour blindness.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
_TEXT_COLOUR = "#1a1a1a"
_GRID_COLOUR = "#d0d7de"

# Characters XML 1.0 cannot contain, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Series:
    """One layer of the bars: a label (the legend) and a value for each category."""

    label: str
    values: Sequence[float]


def _text(value: object) -> str:
    """Escaped for use in XML text or a double-quoted attribute."""
    return html.escape(_NOT_XML.sub("", str(value)), quote=True)


def _number(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else str(int(value))


def _text_width(text: str, font_size: float) -> float:
    """A rough width: wide (CJK) characters count double. Good enough to size the label column."""
    units = sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
    return units * font_size * 0.58


def _shorten(text: str, font_size: float, width: float) -> str:
    if _text_width(text, font_size) <= width:
        return text
    while text and _text_width(text + "…", font_size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _nice_step(maximum: float, *, whole: bool, ticks: int = 5) -> float:
    """A round interval (1, 2 or 5 × 10ⁿ) giving about `ticks` gridlines up to `maximum` > 0; never
    below 1 when the values are `whole` numbers (no gridline at 2.5 reviews)."""
    raw = maximum / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(multiple * magnitude for multiple in (1, 2, 5, 10) if raw <= multiple * magnitude)
    return max(1.0, step) if whole else step


def stacked_bars(
    categories: Sequence[str],
    series: Sequence[Series | tuple[str, Sequence[float]]],
    *,
    title: str,
    description: str = "",
    chart_id: str = "chart",
    rtl: bool = False,
    width: int = 760,
    bar_height: int = 20,
    gap: int = 8,
    font_size: int = 12,
    colours: Sequence[str] = PALETTE,
) -> str:
    """An SVG of horizontal stacked bars: one bar per category, one segment per series.

    `series` values are counts or amounts ≥ 0, one per category. `description` opens the text
    alternative; the figures of every bar follow it. `chart_id` makes the ids of the title and
    description unique on the page. `rtl` mirrors the layout for right-to-left languages.
    """
    layers = [item if isinstance(item, Series) else Series(*item) for item in series]
    for layer in layers:
        if len(layer.values) != len(categories):
            raise ValueError(
                f"series {layer.label!r} has {len(layer.values)} values for {len(categories)} categories"
            )
        if any(value < 0 or not math.isfinite(value) for value in layer.values):
            raise ValueError(f"series {layer.label!r}: values must be finite and ≥ 0")
    if not colours:
        raise ValueError("give at least one colour")

    totals = [sum(layer.values[index] for layer in layers) for index in range(len(categories))]
    maximum = max(totals, default=0)
    whole = all(float(value).is_integer() for layer in layers for value in layer.values)
    step = _nice_step(maximum, whole=whole) if maximum > 0 else 1
    axis_max = step * max(1, math.ceil(maximum / step))

    padding = 8
    label_width = min(
        max((_text_width(label, font_size) for label in categories), default=0) + padding, width * 0.4
    )
    total_width = _text_width(_number(maximum), font_size) + 2 * padding
    plot_width = max(40.0, width - label_width - total_width - 2 * padding)
    legend_row = font_size + 10
    legend_rows = _legend_layout(layers, width - 2 * padding, font_size)
    top = padding + legend_row * len(legend_rows) + 6
    height = top + len(categories) * (bar_height + gap) + font_size + 2 * padding

    # Positions are laid out for left-to-right text, then mirrored for right-to-left. Text anchors need
    # no change: under direction="rtl", "start" is a text's right-hand edge, the mirror of the LTR one.
    def x(position: float) -> float:
        return round(width - position if rtl else position, 2)

    def rect(start: float, y: float, length: float, thickness: float, **attributes: str) -> str:
        left = x(start + length) if rtl else x(start)
        extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
        return f'<rect x="{left}" y="{round(y, 2)}" width="{round(length, 2)}" height="{thickness}"{extra}'

    title_id, desc_id = f"{_text(chart_id)}-title", f"{_text(chart_id)}-desc"
    parts = [
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {width} {round(height, 2)}" width="100%" role="img" '
        f'aria-labelledby="{title_id} {desc_id}" font-size="{font_size}" font-family="sans-serif" '
        f'direction="{"rtl" if rtl else "ltr"}" class="chart">',
        f'<title id="{title_id}">{_text(title)}</title>',
        f'<desc id="{desc_id}">{_text(_alternative(categories, layers, totals, description))}</desc>',
    ]

    # The legend, one swatch per series.
    for row_index, row in enumerate(legend_rows):
        y = padding + row_index * legend_row
        for layer_index, offset in row:
            layer = layers[layer_index]
            colour = colours[layer_index % len(colours)]
            parts.append(rect(padding + offset, y, font_size, font_size, fill=colour) + "/>")
            parts.append(
                f'<text x="{x(padding + offset + font_size + 4)}" y="{y + font_size - 2}" '
                f'text-anchor="start" fill="{_TEXT_COLOUR}">{_text(layer.label)}</text>'
            )

    # Gridlines and their values, under the bars.
    plot_left = padding + label_width
    plot_bottom = top + len(categories) * (bar_height + gap)
    ticks = round(axis_max / step)
    for tick in range(ticks + 1):
        value = tick * step
        position = plot_left + plot_width * value / axis_max
        parts.append(
            f'<line x1="{x(position)}" y1="{top - 4}" x2="{x(position)}" y2="{plot_bottom}" '
            f'stroke="{_GRID_COLOUR}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x(position)}" y="{plot_bottom + font_size + 2}" text-anchor="middle" '
            f'fill="{_TEXT_COLOUR}">{_number(value)}</text>'
        )

    # The bars.
    for index, category in enumerate(categories):
        y = top + index * (bar_height + gap)
        label = _shorten(category, font_size, label_width - padding)
        parts.append(
            f'<text x="{x(plot_left - padding)}" y="{y + bar_height / 2 + font_size / 3:.2f}" '
            f'text-anchor="end" fill="{_TEXT_COLOUR}"><title>{_text(category)}</title>'
            f"{_text(label)}</text>"
        )
        start = plot_left
        for layer_index, layer in enumerate(layers):
            value = layer.values[index]
            if not value:
                continue
            length = plot_width * value / axis_max
            colour = colours[layer_index % len(colours)]
            tooltip = f"{category} · {layer.label}: {_number(value)}"
            parts.append(
                rect(start, y, length, bar_height, fill=colour, stroke="#ffffff", stroke_width="0.5")
                + f"><title>{_text(tooltip)}</title></rect>"
            )
            start += length
        parts.append(
            f'<text x="{x(start + 4)}" y="{y + bar_height / 2 + font_size / 3:.2f}" '
            f'text-anchor="start" fill="{_TEXT_COLOUR}">{_number(totals[index])}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _legend_layout(layers: Sequence[Series], width: float, font_size: int) -> list[list[tuple[int, float]]]:
    """The legend's rows: (series index, offset from the start of the row) for each swatch."""
    rows: list[list[tuple[int, float]]] = [[]]
    offset = 0.0
    for index, layer in enumerate(layers):
        item_width = font_size + 4 + _text_width(layer.label, font_size) + 16
        if rows[-1] and offset + item_width > width:
            rows.append([])
            offset = 0.0
        rows[-1].append((index, offset))
        offset += item_width
    return rows if rows[0] else []


def _alternative(
    categories: Sequence[str], layers: Sequence[Series], totals: Sequence[float], description: str
) -> str:
    """The chart in words: the description, then each category's total and its parts."""
    lines = [description] if description else []
    for index, category in enumerate(categories):
        parts = [f"{layer.label}: {_number(layer.values[index])}" for layer in layers if layer.values[index]]
        detail = f" ({', '.join(parts)})" if parts else ""
        lines.append(f"{category}: {_number(totals[index])}{detail}.")
    return " ".join(lines)
