"""SVG charts: well-formed, labelled for screen readers, escaped, mirrored for right-to-left."""

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cosp.reviews.charts import SVG_NS, Series, stacked_bars

pytestmark = [pytest.mark.unit]

NS = {"svg": SVG_NS}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def segments(root: ET.Element) -> list[ET.Element]:
    """The bars' segments: the rectangles with a tooltip (the legend's swatches have none)."""
    return [rect for rect in root.iter(f"{{{SVG_NS}}}rect") if rect.find("svg:title", NS) is not None]


def chart(**options) -> str:
    return stacked_bars(
        ["Desk review", "Active dialogue"],
        [Series("Year 1", [2, 0]), ("Year 2", [1, 3])],
        title="Reviews at each step",
        description="How many reviews stand at each step.",
        **options,
    )


def test_chart_is_svg_with_a_title_and_a_text_alternative():
    root = parse(chart(chart_id="steps"))

    assert root.tag == f"{{{SVG_NS}}}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "steps-title steps-desc"
    assert root.find("svg:title", NS).text == "Reviews at each step"
    description = root.find("svg:desc", NS).text
    assert description.startswith("How many reviews stand at each step.")
    assert "Desk review: 3 (Year 1: 2, Year 2: 1)." in description
    assert "Active dialogue: 3 (Year 2: 3)." in description


def test_each_non_zero_value_is_a_segment_with_its_tooltip():
    root = parse(chart())

    tooltips = [rect.find("svg:title", NS).text for rect in segments(root)]
    assert tooltips == ["Desk review · Year 1: 2", "Desk review · Year 2: 1", "Active dialogue · Year 2: 3"]


def test_segments_are_as_long_as_their_values():
    root = parse(chart())

    widths = [float(rect.get("width")) for rect in segments(root)]
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01)
    assert widths[2] == pytest.approx(3 * widths[1], rel=0.01)


def test_series_take_distinct_colours_and_the_legend_names_them():
    root = parse(chart())

    fills = [rect.get("fill") for rect in segments(root)]
    assert fills[0] != fills[1]
    assert fills[1] == fills[2]  # the same series
    texts = [text.text for text in root.iter(f"{{{SVG_NS}}}text")]
    assert "Year 1" in texts
    assert "Year 2" in texts


def test_labels_are_escaped():
    svg = stacked_bars(
        ['<script>alert("x")</script> & co'],
        [Series("Group <b>", [1])],
        title="A & B <c>",
    )
    root = parse(svg)

    assert "<script>" not in svg
    assert root.find("svg:title", NS).text == "A & B <c>"
    assert segments(root)[0].find("svg:title", NS).text == '<script>alert("x")</script> & co · Group <b>: 1'


def test_characters_xml_cannot_hold_are_dropped():
    root = parse(stacked_bars(["bad\x00\x1bname"], [Series("s", [1])], title="t\x0b"))

    assert segments(root)[0].find("svg:title", NS).text == "badname · s: 1"


def test_right_to_left_mirrors_the_bars():
    ltr = parse(chart(rtl=False, width=600))
    rtl = parse(chart(rtl=True, width=600))

    assert rtl.get("direction") == "rtl"
    for left, right in zip(segments(ltr), segments(rtl), strict=True):
        width = float(left.get("width"))
        assert float(right.get("width")) == pytest.approx(width)
        assert float(right.get("x")) == pytest.approx(600 - float(left.get("x")) - width, abs=0.02)


def test_right_to_left_keeps_arabic_labels_intact():
    root = parse(stacked_bars(["الاستعراض المكتبي"], [Series("السنة 1", [4])], title="عنوان", rtl=True))

    assert segments(root)[0].find("svg:title", NS).text == "الاستعراض المكتبي · السنة 1: 4"


def test_a_long_label_is_shortened_but_kept_whole_in_its_tooltip():
    long_label = "A step with a very long name " * 10
    root = parse(stacked_bars([long_label], [Series("s", [1])], title="t", width=400))

    label = next(text for text in root.iter(f"{{{SVG_NS}}}text") if text.find("svg:title", NS) is not None)
    assert label.find("svg:title", NS).text == long_label
    shown = "".join(label.itertext())[len(long_label) :]
    assert shown.endswith("…")
    assert len(shown) < len(long_label)


def test_gridlines_are_whole_numbers_for_counts():
    root = parse(stacked_bars(["a"], [Series("s", [3])], title="t"))

    values = [text.text for text in root.iter(f"{{{SVG_NS}}}text") if text.get("text-anchor") == "middle"]
    assert values == ["0", "1", "2", "3"]


def test_an_empty_chart_is_still_valid():
    root = parse(stacked_bars([], [], title="Nothing yet"))

    assert root.find("svg:title", NS).text == "Nothing yet"
    assert segments(root) == []


def test_all_zero_values_draw_no_segment():
    root = parse(stacked_bars(["a", "b"], [Series("s", [0, 0])], title="t"))

    assert segments(root) == []


def test_a_series_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="has 1 values for 2 categories"):
        stacked_bars(["a", "b"], [Series("s", [1])], title="t")


def test_negative_values_are_refused():
    with pytest.raises(ValueError, match="≥ 0"):
        stacked_bars(["a"], [Series("s", [-1])], title="t")


@settings(max_examples=60, deadline=None)
@given(
    labels=st.lists(st.text(max_size=30), min_size=1, max_size=6),
    data=st.data(),
    rtl=st.booleans(),
)
def test_any_labels_and_counts_give_well_formed_svg(labels, data, rtl):
    series = [
        Series(
            data.draw(st.text(max_size=20)),
            data.draw(st.lists(st.integers(0, 500), min_size=len(labels), max_size=len(labels))),
        )
        for _ in range(data.draw(st.integers(0, 4)))
    ]
    root = parse(stacked_bars(labels, series, title=data.draw(st.text(max_size=40)), rtl=rtl))

    assert len(segments(root)) == sum(1 for layer in series for value in layer.values if value)
    for rect in root.iter(f"{{{SVG_NS}}}rect"):
        assert float(rect.get("x")) >= 0
        assert float(rect.get("x")) + float(rect.get("width")) <= 760 + 0.01
