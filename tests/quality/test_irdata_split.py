"""The irdata (MSVCode/ir-research-data) dev/test split: by outlet, sha1 parity, pages in one half."""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import ModuleType

import pytest
from scriptkit import load_benchmark


@pytest.fixture(scope="module")
def irdata() -> ModuleType:
    """Return benchmarks/irdata.py as a module."""
    return load_benchmark("irdata")


def test_outlets_and_pages_fall_in_one_half_by_the_parity_rule(irdata: ModuleType) -> None:
    dev, test = irdata.outlets("dev"), irdata.outlets("test")
    assert set(dev).isdisjoint(test)
    for outlet in dev:
        assert int(hashlib.sha1(outlet.encode()).hexdigest(), 16) % 2 == 0
    dev_pages = {p for pages in dev.values() for p in pages}
    test_pages = {p for pages in test.values() for p in pages}
    assert dev_pages.isdisjoint(test_pages)
    assert (len(dev_pages), len(test_pages)) == (406, 314)
    assert irdata.outlets("all") == dev | test


def test_reference_is_read_as_utf8_or_windows_1252(irdata: ModuleType, tmp_path: Path) -> None:
    utf8, cp1252 = tmp_path / "a.txt", tmp_path / "b.txt"
    utf8.write_bytes("Caf\u00e9 \u2013 open".encode())
    cp1252.write_bytes("Caf\u00e9 \u2013 open".encode("cp1252"))
    assert irdata._read_reference(utf8) == irdata._read_reference(cp1252) == "Caf\u00e9 \u2013 open"


def test_a_listed_page_missing_from_the_folder_is_refused(
    irdata: ModuleType, tmp_path: Path
) -> None:
    (tmp_path / "Extraction" / "big5-05" / "html").mkdir(parents=True)
    with pytest.raises(ValueError, match="does not list the pages found"):
        list(irdata.irdata_pages(tmp_path, "dev"))
