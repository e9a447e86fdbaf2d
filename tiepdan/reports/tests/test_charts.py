"""The SVG charts: accessible, escaped, scaled, with no external reference."""

from __future__ import annotations

import re

from tiepdan.reports.charts import Series, bar_chart, line_chart


def test_bar_chart_has_title_desc_and_bars_scaled_to_the_largest_value():
    svg = bar_chart(
        title="Đơn theo đơn vị", desc="Mô tả", items=[("Xã A", 10), ("Xã <B>", 5), ("Xã C", 0)]
    )
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    title_id, desc_id = re.search(r'aria-labelledby="(\S+) (\S+)"', svg).groups()
    assert f'<title id="{title_id}">Đơn theo đơn vị</title>' in svg
    assert f'<desc id="{desc_id}">Mô tả</desc>' in svg
    widths = [int(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="(\d+)"', svg)]
    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    assert "Xã &lt;B&gt;" in svg
    assert "<B>" not in svg


def test_bar_chart_with_no_items_or_only_zeros_renders():
    assert "<svg" in bar_chart(title="t", desc="d", items=[])
    assert "<svg" in bar_chart(title="t", desc="d", items=[("a", 0)])


def test_line_chart_draws_one_line_per_series_with_a_point_per_label():
    svg = line_chart(
        title="Theo tháng",
        desc="d",
        labels=["01/2026", "02/2026", "03/2026"],
        series=[Series("Nhận", [3, 6, 0]), Series("Xử lý", [1, 2, 0])],
    )
    assert svg.count("<polyline") == 2
    assert svg.count("<circle") == 6
    assert "Nhận 02/2026: 6" in svg


def test_charts_refer_to_no_other_host_and_carry_no_script():
    svg = bar_chart(title="t", desc="d", items=[("a", 1)]) + line_chart(
        title="t", desc="d", labels=["x"], series=[Series("s", [1])]
    )
    assert "http" not in svg
    assert "<script" not in svg
    assert "href" not in svg
