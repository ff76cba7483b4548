"""A block written one paragraph a line (lines wider than any wrap column) is not joined."""

from __future__ import annotations

from datetime import UTC, datetime

from extractors.article import extract_article
from extractors.repair import is_hard_wrapped, join_wrapped_lines
from extractors.rows import Page

FETCHED = datetime(2025, 6, 1, tzinfo=UTC)

# Own words; each prose line is 150-200 columns and ends in a full stop, as text dumps write them.
ONE_A_LINE = [
    "The river authority said on Tuesday that it would fine the shipping firm two million euros"
    " for dumping ballast water near the estuary, the largest penalty it has issued so far.",
    "Inspectors found that the firm had skipped the filtering step on eleven voyages last year,"
    " and that its logbooks had been filled in after the ships had already left the port.",
    "See also: Harbour dredging plan delayed by a year",
    "The firm has thirty days to appeal, and a second inquiry into its older ships will open in"
    " the spring, according to a statement published on the authority's own website.",
]


def test_a_block_of_one_paragraph_a_line_keeps_its_lines_apart() -> None:
    assert all(len(line) > 120 for line in ONE_A_LINE if not line.startswith("See"))
    assert not is_hard_wrapped(ONE_A_LINE)
    assert join_wrapped_lines("\n".join(ONE_A_LINE)) == ONE_A_LINE


def test_a_wide_line_goes_on_into_a_next_line_in_lower_case() -> None:
    first = ONE_A_LINE[0].removesuffix(" the largest penalty it has issued so far.")
    block = "\n".join([first, "the largest penalty it has issued so far.", *ONE_A_LINE[1:]])
    assert join_wrapped_lines(block) == ONE_A_LINE


def test_hard_wrapped_prose_is_still_joined_next_to_a_paragraph_a_line_block() -> None:
    wrapped = (
        "The council moved the tram line two streets north after the old bridge was found\n"
        "to be too weak for the new and heavier carriages. Work on the new track starts in\n"
        "March and should take about eight months, the transport office said on Monday."
    )
    assert join_wrapped_lines(wrapped) == [" ".join(wrapped.split("\n"))]
    cjk = "市议会决定把电车线路向北移两条街，因为旧桥承受不了新车厢的重量，新轨道\n" * 3
    assert len(join_wrapped_lines(cjk.strip())) == 1
    # Wrapped at 70 characters by a wrapper counting each as one column: 140 columns wide.
    cjk_70 = "市议会决定把电车线路向北移两条街因为旧桥承受不了新车厢的重量新轨道将在三月开工" * 2
    lines = [cjk_70[:70], cjk_70[8:78], "交通局周一表示工程期间将加开公交车"]
    assert join_wrapped_lines("\n".join(lines)) == ["".join(lines)]
    # A CJK dump breaks a long line mid-sentence before a Latin name: case tells nothing there.
    cjk_long = [cjk_70 * 2, "AI 新技术的普及。"]
    assert join_wrapped_lines("\n".join(cjk_long)) == [cjk_70 * 2 + "AI 新技术的普及。"]
    assert join_wrapped_lines("\n".join(ONE_A_LINE)) == ONE_A_LINE


def test_a_markdown_page_written_one_paragraph_a_line_keeps_its_paragraphs() -> None:
    body = "\n".join(" " + line + " " for line in ONE_A_LINE)
    text = f"---\ntitle: River authority fines a shipping firm\n---\n\n*By Staff*\n\n{body}\n"
    article = extract_article(
        Page(source="own", body=text.encode(), fetched_at=FETCHED, path="a.md")
    )
    paras = article.text.split("\n\n")
    assert ONE_A_LINE[0] in paras
    assert ONE_A_LINE[3] in paras
    assert not any("Harbour dredging plan delayed by a year The firm" in p for p in paras)
