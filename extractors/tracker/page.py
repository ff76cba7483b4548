"""measures.html: one self-contained page (inline CSS, SVG and JS), filterable in the browser.

Without JavaScript every measure is shown and the filter form stays hidden. With it, the form
filters by jurisdiction and kind, and the choice lives in the URL hash
(``measures.html#jurisdiction=CN&kind=rule``) so a filtered view can be linked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from html import escape

from extractors.digest.html import CSS as DIGEST_CSS
from extractors.digest.present import plural
from extractors.rows import MEASURE_KINDS, Measure, MeasureEvent
from extractors.tracker.measures import (
    KIND_LABELS,
    PAGE_TITLE,
    STATUS_LABELS,
    MeasureLine,
    TimelineEvent,
    as_of_text,
    measure_lines,
)
from extractors.tracker.timeline import (
    STATUS_COLORS,
    Axis,
    axis_of,
    render_axis,
    render_legend,
    render_timeline,
)

CSS = (
    DIGEST_CSS
    + """
[hidden]{display:none!important}
.filters{display:flex;flex-wrap:wrap;gap:.4em 1em;align-items:center;margin:.6em 0;
padding:.5em .6em;background:#f7fafc;border-radius:4px;font-size:.95em}
.filters select{font:inherit;max-width:100%}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.2em .9em;font-size:.85em}
.legend li{margin:0}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:.3em;
vertical-align:-.05em}
.measures{list-style:none;padding:0}
.measure{border-left:4px solid #2b6cb0;padding:.2em 0 .2em .7em;margin:.9em 0}
.measure .name{font-weight:600}
.measure .meta{font-size:.92em;color:#4a5568}
.status{font-weight:600}
.timeline{display:block;max-width:520px;height:auto}
.axis-row{border-left:4px solid transparent;padding-left:.7em}
details{font-size:.9em}
details li{margin:.2em 0}
"""
)

SCRIPT = """
(function () {
  var form = document.getElementById("filters");
  var pick = {jurisdiction: document.getElementById("f-jurisdiction"),
              kind: document.getElementById("f-kind")};
  var rows = Array.prototype.slice.call(document.querySelectorAll("li.measure"));
  var shown = document.getElementById("shown");
  function choose(select, value) {
    select.value = "";
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.value = value; }
    }
  }
  function apply() {
    var n = 0;
    rows.forEach(function (row) {
      var ok = (!pick.jurisdiction.value || row.dataset.jurisdiction === pick.jurisdiction.value)
        && (!pick.kind.value || row.dataset.kind === pick.kind.value);
      row.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n + " of " + rows.length + " shown";
  }
  function fromHash() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    choose(pick.jurisdiction, params.get("jurisdiction") || "");
    choose(pick.kind, params.get("kind") || "");
    apply();
  }
  function toHash() {
    var params = new URLSearchParams();
    if (pick.jurisdiction.value) { params.set("jurisdiction", pick.jurisdiction.value); }
    if (pick.kind.value) { params.set("kind", pick.kind.value); }
    window.location.hash = params.toString();
    apply();
  }
  pick.jurisdiction.addEventListener("change", toHash);
  pick.kind.addEventListener("change", toHash);
  window.addEventListener("hashchange", fromHash);
  form.hidden = false;
  fromHash();
}());
"""

_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")


def _options(values: list[tuple[str, str]]) -> str:
    return '<option value="">all</option>' + "".join(
        f'<option value="{escape(v, quote=True)}">{escape(label)}</option>' for v, label in values
    )


def _filters(lines: Sequence[MeasureLine]) -> str:
    places = sorted({(ln.jurisdiction, ln.jurisdiction_label) for ln in lines}, key=lambda p: p[1])
    present = {ln.measure.kind for ln in lines}
    kinds = [(k, KIND_LABELS[k]) for k in MEASURE_KINDS if k in present]
    return (
        '<form id="filters" class="filters" hidden>'
        f'<label>Jurisdiction <select id="f-jurisdiction">{_options(places)}</select></label>'
        f'<label>Kind <select id="f-kind">{_options(kinds)}</select></label>'
        f'<output id="shown">{len(lines)} of {len(lines)} shown</output></form>'
    )


def _event(event: TimelineEvent) -> str:
    color = STATUS_COLORS[event.status]
    reports = f" ({event.n_reports} reports)" if event.n_reports > 1 else ""
    when = event.day.isoformat() if event.day else "undated"
    quote = f" — <q>{escape(event.evidence)}</q>" if event.evidence else ""
    swatch = (
        f"border:2px solid {color};background:#fff" if event.scheduled else f"background:{color}"
    )
    later = ' <em class="scheduled">scheduled</em>' if event.scheduled else ""
    return (
        f'<li><span class="swatch" style="{swatch}"></span>'
        f"<time>{when}</time> {escape(STATUS_LABELS[event.status])}{later}{reports}{quote}</li>"
    )


def _line(line: MeasureLine, axis: Axis | None) -> str:
    m = line.measure
    zh = (
        f' <span lang="zh">{escape(m.name_zh)}</span>'
        if m.name_zh and m.name_zh != line.name
        else ""
    )
    color = STATUS_COLORS[m.status]
    events = "".join(_event(e) for e in line.events)
    nxt = line.upcoming
    upcoming = (
        f' · <span class="next">next: {escape(STATUS_LABELS[nxt.status])} '
        f"{nxt.day.isoformat() if nxt.day else ''}</span>"
        if nxt
        else ""
    )
    anchor = "m-" + _NOT_ID.sub("-", m.measure_id)
    return (
        f'<li class="measure" id="{anchor}" data-jurisdiction="{escape(line.jurisdiction, quote=True)}" '
        f'data-kind="{escape(m.kind, quote=True)}" style="border-left-color:{color}">'
        f'<div class="name">{escape(line.name)}{zh}</div>'
        f'<div class="meta">{escape(line.kind_label)} · {escape(line.jurisdiction_label)} · '
        f'<span class="status" style="color:{color}">{escape(line.status_text)}</span>{upcoming}</div>'
        f"{render_timeline(line, axis)}"
        f"<details><summary>{plural(len(line.events), 'event')}: "
        f"{escape(line.timeline_text)}</summary>"
        f"<ol>{events}</ol></details></li>"
    )


def render_measures_html(
    measures: Sequence[Measure], events: Sequence[MeasureEvent], as_of: date | None = None
) -> str:
    """Return measures.html: every measure with its status and timeline (deterministic)."""
    lines = measure_lines(measures, events, as_of)
    title = escape(PAGE_TITLE)
    axis = axis_of(lines)
    if lines:
        body = [
            f'<p class="muted">{len(lines)} measures, the latest status change first. '
            "Dots mark dated events; the ringed dot is the current status"
            + ("; hollow dots are scheduled." if as_of else ".")
            + (f" {escape(as_of_text(as_of))}" if as_of else "")
            + "</p>",
            _filters(lines),
            render_legend(scheduled=as_of is not None),
            f'<div class="axis-row">{render_axis(axis)}</div>' if axis else "",
            '<ol class="measures">',
            *[_line(ln, axis) for ln in lines],
            "</ol>",
            f"<script>{SCRIPT}</script>",
        ]
    else:
        body = ['<p class="muted">No measures found yet.</p>']
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{CSS}</style></head><body><main>",
        f"<h1>{title}</h1>",
        *body,
        "</main></body></html>",
    ]
    return "\n".join(parts) + "\n"
