"""Headless Chromium for page tests: a phone-width screenshot as pixels, or the DOM after scripts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from pngread import read_png

WIDTH, HEIGHT = 420, 1600
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


def chromium() -> str:
    """Return the chromium executable, skipping the test when it is not installed."""
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("chromium is not installed")
    return found


def near(pixels: npt.NDArray[np.uint8], colour: tuple[int, int, int], tol: int = 24) -> int:
    """Return how many pixels are within a tolerance of a colour."""
    diff = np.abs(pixels.astype(np.int16) - np.asarray(colour, dtype=np.int16))
    return int((diff.max(axis=-1) <= tol).sum())


def screenshot(
    url: Path | str, out: Path, width: int = WIDTH, height: int = HEIGHT
) -> npt.NDArray[np.uint8]:
    """Render a page (a path, or a file:// URL with a hash) at phone width; return RGB pixels."""
    target = url.resolve().as_uri() if isinstance(url, Path) else url
    cmd = [
        chromium(),
        *CHROMIUM_FLAGS,
        f"--user-data-dir={out.parent / 'profile'}",
        f"--screenshot={out}",
        f"--window-size={width},{height}",
        target,
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=90)
    return read_png(out)


def dump_dom(url: str, profile: Path) -> str:
    """Return the serialised DOM of a page once its scripts have run."""
    cmd = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url]
    done = subprocess.run(cmd, check=True, capture_output=True, timeout=90)
    return done.stdout.decode("utf-8")
