"""The measures page renderers: one line per measure, its status, its timeline, escaped."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from tracker_rows import event, events, measure, measures

from extractors.tracker import (
    measure_lines,
    measure_table,
    render_measures_html,
    render_measures_markdown,
)


class Rows(HTMLParser):
    """Collect the measure rows of a page: their data attributes and their text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, str]] = []
        self.depth = 0
        self.scripts: list[str] = []
        self.external: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for key in ("src", "href"):
            value = found.get(key) or ""
            if value and not value.startswith("#"):
                self.external.append(value)
        if tag == "li" and "measure" in (found.get("class") or "").split():
            self.rows.append({k: v or "" for k, v in found.items()} | {"text": ""})
            self.depth = 1
        elif tag == "li" and self.depth:
            self.depth += 1
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.depth:
            self.depth -= 1
        self._script = False

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.rows[-1]["text"] += data
        if self._script:
            self.scripts.append(data)


def parse(page: str) -> Rows:
    """Return the parsed rows of a page."""
    rows = Rows()
    rows.feed(page)
    rows.close()
    return rows


def test_one_line_per_measure_latest_change_first() -> None:
    lines = measure_lines(measures(), events())
    assert [ln.measure.measure_id for ln in lines] == [
        "cn-ai-labels",  # in force since 2025-09-01
        "cn-ai-plus",  # adopted 2025-08-26
        "bis-ai-diffusion",  # revoked 2025-05-13
        "eo-14110",  # revoked 2025-01-20
        "eu-ai-act",  # in force since 2024-08-01
        "tc260-genai-security",  # no status date: last seen 2024-03-01, the oldest
    ]
    eu = next(ln for ln in lines if ln.measure.measure_id == "eu-ai-act")
    assert eu.timeline_text == (
        "2021-04-21 proposed → 2024-05-21 adopted → 2024-08-01 in force → 2025-02-02 in force"
    )
    assert eu.events[1].n_reports == 2 and eu.events[1].article_ids == ("eu2", "eu3")
    assert eu.status_text == "in force since 2024-08-01"
    tc = lines[-1]
    assert tc.name == "生成式人工智能服务安全基本要求" and tc.jurisdiction_label == "unknown"
    assert tc.timeline_text == "undated announced" and tc.status_text == "announced (date unknown)"


def test_artifact_table_has_the_same_content_as_the_pages() -> None:
    table = measure_table(measures(), events())
    assert table[0] == {
        "measure": "Measures for Labelling AI-Generated Content",
        "name_zh": "人工智能生成合成内容标识办法",
        "kind": "rule",
        "jurisdiction": "China",
        "status": "in force",
        "since": "2025-09-01",
        "timeline": "2024-09-14 proposed → 2025-03-14 adopted → 2025-09-01 in force",
    }
    eo = next(r for r in table if r["measure"].startswith("Executive Order"))
    assert (eo["kind"], eo["status"], eo["since"]) == ("executive order", "revoked", "2025-01-20")
    assert eo["timeline"] == "2023-10-30 signed → 2025-01-20 revoked"
    markdown = render_measures_markdown(measures(), events())
    page = parse(render_measures_html(measures(), events()))
    for record in table:
        assert record["timeline"] in markdown
        assert any(record["measure"] in row["text"] for row in page.rows)


def test_markdown_is_one_table_row_per_measure() -> None:
    markdown = render_measures_markdown(measures(), events())
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| Measure | Chinese name | Kind | Jurisdiction | Status | Since |")
    assert len(rows) == 1 + len(measures())
    assert (
        "| BIS AI Diffusion Rule | 人工智能扩散规则 | rule | US | revoked | 2025-05-13 |"
        in markdown
    )


def test_html_rows_carry_their_filter_keys_and_all_show_without_script() -> None:
    page = parse(render_measures_html(measures(), events()))
    keys = [(row["data-jurisdiction"], row["data-kind"]) for row in page.rows]
    assert keys == [
        ("CN", "rule"),
        ("CN", "plan"),
        ("US", "rule"),
        ("US", "executive_order"),
        ("EU", "law"),
        ("unknown", "guideline"),
    ]
    assert not any("hidden" in row for row in page.rows), "every row shows without JavaScript"
    assert page.external == [], "no external assets"
    assert page.scripts and "location.hash" in page.scripts[0]


def test_html_filter_lists_only_present_values() -> None:
    html = render_measures_html(measures(), events())
    form = html.split('<form id="filters"', 1)[1].split("</form>", 1)[0]
    assert form.startswith(' class="filters" hidden>'), "the form shows only with JavaScript"
    jurisdictions = re.findall(r'<option value="([^"]*)">', form.split('id="f-kind"')[0])
    kinds = re.findall(r'<option value="([^"]*)">', form.split('id="f-kind"')[1])
    assert jurisdictions == ["", "CN", "EU", "US", "unknown"]
    assert kinds == ["", "law", "rule", "executive_order", "plan", "guideline"]


def test_timeline_chart_marks_every_dated_event_and_rings_the_current_one() -> None:
    html = render_measures_html(measures(), events())
    eu = html.split('id="m-eu-ai-act"', 1)[1].split("</li>\n", 1)[0]
    svg = eu.split("<svg", 1)[1].split("</svg>", 1)[0]
    dots = re.findall(r'<circle cx="([\d.]+)"[^>]*r="(\d)"', svg)
    assert len(dots) == 4 and [r for _, r in dots].count("7") == 1
    xs = [float(x) for x, _ in dots]
    assert xs == sorted(xs) and len(set(xs)) == 4, "later events sit further right"
    assert "<title>2024-08-01 in force</title>" in svg
    assert "<title>2024-05-21 adopted (2 reports)</title>" in svg
    tc = html.split('id="m-tc260-genai-security"', 1)[1].split("</li>\n", 1)[0]
    assert "No dated events." in tc and "<svg" not in tc


def test_everything_is_escaped() -> None:
    nasty = measure(
        'x"><script>alert(1)</script>',
        'Rule <b>"A"</b> & | B_*',
        "规则<i>",
        "rule",
        'U"S',
        "proposed",
        date(2025, 1, 2),
    )
    rows = [event(nasty.measure_id, "proposed", date(2025, 1, 2), "z", "<img src=x onerror=1>")]
    html = render_measures_html([nasty], rows)
    assert "<script>alert" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;b&gt;&quot;A&quot;&lt;/b&gt; &amp; | B_*" in html
    assert 'data-jurisdiction="U&quot;S"' in html
    assert parse(html).external == []
    markdown = render_measures_markdown([nasty], rows)
    assert r'Rule \<b\>"A"\</b\> & \| B\_\*' in markdown
    assert markdown.count("\n| ") == 2, "the pipe does not split the row"


def test_rows_outside_the_contract_are_refused() -> None:
    good = measures()
    with pytest.raises(ValueError, match="unknown kind"):
        measure_lines([dataclasses.replace(good[0], kind="bill")], [])
    with pytest.raises(ValueError, match="unknown status"):
        measure_lines([dataclasses.replace(good[0], status="dead")], [])
    with pytest.raises(ValueError, match="unknown measure"):
        measure_lines(good[:1], [event("nope", "adopted", None, "a", "")])
    with pytest.raises(ValueError, match="unknown status"):
        measure_lines(good[:1], [event(good[0].measure_id, "passed", None, "a", "")])
    with pytest.raises(ValueError, match="twice"):
        measure_lines([good[0], good[0]], [])


def test_no_measures_says_so() -> None:
    assert "No measures found yet." in render_measures_markdown([], [])
    html = render_measures_html([], [])
    assert "No measures found yet." in html and "<script>" not in html
    assert measure_table([], []) == []
