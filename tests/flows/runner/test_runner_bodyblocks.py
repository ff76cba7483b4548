"""A later run that re-extracts a stored page keeps the body blocks earlier runs took (own text)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from boilerkit import ingest

MONTHS = ["January", "February", "March", "April", "May", "June"]
TOPICS = [
    ("tram", "The tram line to the harbour opened two stops early after the rails passed tests."),
    (
        "library",
        "The library added late opening on Thursdays, staffed by volunteers from the school.",
    ),
    ("market", "The covered market reopened with new stalls for bakers and two repair shops."),
    ("park", "The park by the river got benches, lamps and a path that stays dry in winter."),
    ("ferry", "The ferry to the island now runs every hour in summer and twice a day in winter."),
    ("pool", "The swimming pool reopened with a shallow end for lessons and a sauna upstairs."),
]
SIGN_OFF = "Corrections go to the town desk by mail."


def donations(i: int) -> str:
    """Return the newsletter's donations paragraph with this month's figures."""
    return (
        f"Readers gave {900 + 37 * i} pounds in {MONTHS[i]} ({12 + i} new supporters). The money "
        "pays for printing, the delivery bicycles and the hall we rent for the monthly meeting, "
        "and every supporter may ask the committee how it was spent at that meeting."
    )


# Five distinct sentences per slot, one per issue: no paragraph but the donations recurs.
NEWS = [
    [
        "Work began in the autumn and was paid for by the county and the town together.",
        "Volunteers from the secondary school sorted four thousand books over the summer.",
        "Traders had waited two years while the roof was replaced and the drains were dug.",
        "Planting was done by the allotment society, who chose oaks that cope with floods.",
        "The new timetable was agreed with the island's school so pupils arrive on time.",
    ],
    [
        "Residents were asked in a survey what they wanted most, and quiet carriages won.",
        "The reading room now has sockets at every desk and a corner for small children.",
        "Rents for the first year are half price for anyone who sells food grown nearby.",
        "Dogs must stay on leads near the pond until the nesting season is over in June.",
        "Bicycles travel free on the early crossing, which fishermen have long asked for.",
    ],
    [
        "Cleaning will be done by the crew that keeps the streets, who want a second van.",
        "A retired teacher runs a homework club there on Tuesday and Wednesday evenings.",
        "The clock over the entrance was repaired by a watchmaker from the next valley.",
        "Litter bins are emptied daily by the same contractor that serves the beach.",
        "The captain says the old engine will be kept as a spare for the stormy months.",
    ],
    [
        "A photograph taken on the opening day won the newsletter's reader prize.",
        "Borrowing is free for everyone under eighteen and for anyone over seventy.",
        "Parking behind the hall is free on Saturdays until the end of the year.",
        "A brass band will play on the first Sunday of every month from May.",
        "Season tickets can be bought at the post office as well as on board.",
    ],
]


def html(i: int, *, sign_off: bool) -> bytes:
    """Return issue i of a town newsletter: news, its donations mid-body, more news."""
    name, lead = TOPICS[i]
    paras = [
        lead,
        " ".join(NEWS[0][(i + j) % 5] for j in range(2)),
        " ".join(NEWS[1][(i + j) % 5] for j in range(2)),
        donations(i),
        " ".join(NEWS[2][(i + j) % 5] for j in range(2)),
        " ".join(NEWS[3][(i + j) % 5] for j in range(2)),
        f"Next issue: what the {name} costs the town in a year, line by line.",
    ]
    if sign_off:
        paras.append(SIGN_OFF)
    body = "".join(f"<p>{p}</p>" for p in paras)
    title = f"The {name} in {MONTHS[i]}"
    return (
        f"<html><head><title>{title} - Town Notes</title></head><body><article><h1>{title}</h1>"
        f"{body}</article></body></html>"
    ).encode()


def write(folder: Path, i: int, *, sign_off: bool = False) -> None:
    """Write issue i into the folder with a fixed modification time."""
    folder.mkdir(exist_ok=True)
    path = folder / f"p{i}.html"
    path.write_bytes(html(i, sign_off=sign_off))
    os.utime(path, (1_741_500_000 + i, 1_741_500_000 + i))


def test_a_stale_page_re_extracted_keeps_its_stripped_donations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Run 1: five issues; the donations paragraph (near copies, new figures) is learned and
    # stripped. Issue 0 closes with a line no other issue has yet. Run 2 brings issue 5 with
    # the same closing line: the line is learned, issue 0 is stale and re-extracted. Without
    # probes, run 2's evidence (stored texts, stripped) no longer holds the donations copies,
    # so only the stored text tells that issue 0's donations paragraph went before.
    monkeypatch.setattr("flows.runner.boilerplate.PROBE_PAGES", 0)
    pages = tmp_path / "pages"
    write(pages, 0, sign_off=True)
    for i in range(1, 5):
        write(pages, i)
    first, _ = ingest(tmp_path / "data", pages)
    assert not any(donations(i) in first[f"p{i}.html"] for i in range(5))
    assert SIGN_OFF in first["p0.html"]
    write(pages, 5, sign_off=True)
    second, _ = ingest(tmp_path / "data", pages)
    assert SIGN_OFF not in second["p0.html"]  # re-extracted with the newly learned line
    assert donations(0) not in second["p0.html"]
