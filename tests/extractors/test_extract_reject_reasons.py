"""Every reason the code can write into a `rejects` row is a known code, and the contract lists them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from extractors.rows import REJECT_REASONS

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("extractors", "flows", "storage")
# Calls whose reason argument becomes a reject row's reason (DecodeError and FrontMatterError
# fix theirs in extractors/exceptions.py; their first argument is the detail).
ERRORS = {"ExtractionError", "FetchError", "SkippedFile"}
CANDIDATE = "Candidate"


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def reasons_in_code() -> dict[str, str]:
    """Return each literal reason the packages raise or yield, with one place it appears."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = _name(node.func)
                keyword = next((k.value for k in node.keywords if k.arg == "reason"), None)
                if name in ERRORS:
                    reason = _literal(node.args[1] if name == "SkippedFile" else node.args[0])
                elif name == CANDIDATE:
                    reason = _literal(keyword)
                else:
                    continue
                if reason is not None:
                    found.setdefault(reason, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_every_reason_the_code_writes_is_a_known_reject_reason() -> None:
    found = reasons_in_code()
    assert {"not_article", "changed", "raw_missing", "parse_error"} <= found.keys(), found
    unknown = {reason: at for reason, at in found.items() if reason not in REJECT_REASONS}
    assert not unknown, f"reasons missing from extractors.rows.REJECT_REASONS: {unknown}"


def test_the_data_contract_lists_exactly_the_known_reasons() -> None:
    contract = (ROOT / "docs" / "data-contract.md").read_text(encoding="utf-8")
    row = next(line for line in contract.splitlines() if line.startswith("| reason |"))
    listed = set(re.findall(r"`([a-z0-9_]+)`", row.split("short code:", 1)[1]))
    assert listed == REJECT_REASONS
