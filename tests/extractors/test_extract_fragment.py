"""Saved pages that open at <head> (no <html>) are documents, not fragments to wrap."""

from __future__ import annotations

from extractors.article import is_fragment

PROSE = (
    "The city council approved a new parking scheme on Tuesday after a long debate. "
    "Residents will be able to apply for permits from next month."
)


def test_a_saved_page_opening_with_a_long_head_is_no_fragment() -> None:
    styles = "".join(f"<style>.c{i} {{margin: {i}px;}}</style>" for i in range(150))
    page = f"<head>{styles}<title>Parking scheme</title></head><body class='topic'><p>{PROSE}</p>"
    assert len(page.split("<body")[0]) > 3000
    assert not is_fragment(page)


def test_markup_without_a_document_start_is_a_fragment() -> None:
    assert is_fragment(f"<div><p>{PROSE}</p></div>")
    assert not is_fragment(f"<html><body><p>{PROSE}</p></body></html>")
