"""A headless Chromium screenshot of digest.html at phone width shows a rendered page."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from flows.digest import write_digest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def png_size(path: Path) -> tuple[int, int]:
    """Return the width and height from a PNG header."""
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_digest_page_renders_at_phone_width(history_data: Path, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    page = write_digest(str(history_data), "2025-W02").html_path
    shot = tmp_path / "digest.png"
    cmd = [
        chromium,
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--screenshot={shot}",
        "--window-size=420,1600",
        page.resolve().as_uri(),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=90)
    assert shot.is_file()
    assert png_size(shot) == (420, 1600)
    assert shot.stat().st_size > 20_000  # text, chart and colours, not a blank page
