"""Server-side SVG charts: valid XML, escaped labels, accessible names, empty data."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string

from entregent.web.charts import (
    Series,
    bar_chart,
    funnel_chart,
    line_chart,
    nice_max,
    stacked_bar_chart,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: object) -> ET.Element:
    return ET.fromstring(str(chart))  # noqa: S314 - our own markup


def test_bar_chart_is_valid_svg_with_title_desc_and_role() -> None:
    chart = bar_chart(
        chart_id="growth",
        title="Growth",
        description="People added per month",
        labels=["Jan", "Feb", "Mar"],
        values=[3, 0, 7],
    )
    root = parse(chart)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "growth-title"
    assert root.get("aria-describedby") == "growth-desc"
    assert root.find(f"{SVG}title").text == "Growth"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "People added per month"  # type: ignore[union-attr]
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.get("width") is None  # scales to its container
    assert len(root.findall(f"{SVG}rect")) == 2  # the zero bar is not drawn
    assert chart.rows == [["Jan", "3"], ["Feb", "0"], ["Mar", "7"]]


def test_labels_are_escaped() -> None:
    evil = '<script>alert("x")</script> & co'
    chart = stacked_bar_chart(
        chart_id="x",
        title=evil,
        description=evil,
        labels=[evil],
        series=[Series(evil, [1]), Series("b", [2])],
    )
    assert "<script>" not in str(chart)
    root = parse(chart)
    assert root.find(f"{SVG}title").text == evil  # type: ignore[union-attr]
    html = render_to_string("web/partials/chart.html", {"chart": chart})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_empty_data_draws_a_message_and_no_table() -> None:
    for chart in (
        bar_chart(chart_id="a", title="A", description="d", labels=[], values=[]),
        line_chart(
            chart_id="b", title="B", description="d", labels=["x"], series=[Series("s", [0])]
        ),
        funnel_chart(chart_id="c", title="C", description="d", labels=["p", "q"], values=[0, 0]),
        stacked_bar_chart(chart_id="d", title="D", description="d", labels=[], series=[]),
    ):
        root = parse(chart)
        texts = [t.text for t in root.iter(f"{SVG}text")]
        assert texts == ["No data yet."]
        assert chart.empty
        html = render_to_string("web/partials/chart.html", {"chart": chart})
        assert "<table" not in html


def test_line_and_area_chart_draw_one_line_per_series() -> None:
    chart = line_chart(
        chart_id="weekly",
        title="Weekly",
        description="d",
        labels=[f"W{i}" for i in range(30)],
        series=[Series("E-mail", range(30)), Series("Phone", [2] * 30)],
        area=True,
        label_header="Week",
    )
    root = parse(chart)
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert len(root.findall(f"{SVG}polygon")) == 1
    assert chart.columns == ["Week", "E-mail", "Phone"]
    assert len(chart.rows) == 30
    # Thirty labels are thinned out so they stay readable on a phone.
    axis_labels = [t.text for t in root.iter(f"{SVG}text") if t.text and t.text.startswith("W")]
    assert 2 <= len(axis_labels) <= 7
    assert axis_labels[-1] == "W29"


def test_funnel_chart_rows_give_share_of_first_step() -> None:
    chart = funnel_chart(
        chart_id="funnel",
        title="Funnel",
        description="d",
        labels=["Pitched", "Calls booked"],
        values=[8, 3],
        value_header="Opportunities",
    )
    parse(chart)
    assert chart.rows == [["Pitched", "8", "100"], ["Calls booked", "3", "38"]]


def test_series_length_must_match_labels() -> None:
    with pytest.raises(ValueError, match="series"):
        stacked_bar_chart(
            chart_id="x", title="t", description="d", labels=["a"], series=[Series("s", [1, 2])]
        )


def test_partial_renders_svg_and_data_table() -> None:
    chart = bar_chart(chart_id="g", title="Growth", description="d", labels=["Jan"], values=[4])
    html = render_to_string("web/partials/chart.html", {"chart": chart})
    assert '<svg class="chart"' in html
    assert "<caption>Growth</caption>" in html
    assert '<th scope="row">Jan</th><td>4</td>' in html


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 1), (1, 1), (3, 5), (7, 10), (11, 20), (240, 250)]
)
def test_nice_max(value: float, expected: float) -> None:
    assert nice_max(value) == expected
