"""Under CI=true a test skipped for want of ../shared fails (tests/conftest.py hook); locally it skips."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("ci", "outcome"), [("true", "1 failed"), ("", "1 skipped")])
def test_a_missing_shared_folder_fails_under_ci(tmp_path: Path, ci: str, outcome: str) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text(
        "import pytest\n\n\ndef test_needs_shared() -> None:\n"
        '    pytest.skip("../shared/seeds is not beside the repository")\n',
        encoding="utf-8",
    )
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(TESTS)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "conftest",
         "--rootdir", str(tmp_path), str(probe)],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert outcome in done.stdout, done.stdout + done.stderr
