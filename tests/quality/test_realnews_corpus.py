"""benchmarks/realnews.py --corpus: another realnews-shaped folder, scored with --split all only."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from scriptkit import load_script

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def realnews() -> ModuleType:
    return load_script(REPO / "benchmarks" / "realnews.py", "realnews_corpus")


def _label(policy: bool) -> dict[str, object]:
    return {
        "title": "t",
        "is_ai_policy": policy,
        "types": {"required": ["export_control"] if policy else [], "acceptable": []},
    }


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A tiny own-words corpus: zh and en folders, no hant folder, one sources.toml."""
    for folder, names in (("zh", ["zh-a.md"]), ("en", ["en-a.md", "en-neg.md"])):
        (tmp_path / folder / "pages").mkdir(parents=True)
        files = {n: _label(policy="neg" not in n) for n in names}
        (tmp_path / folder / "labels.json").write_text(json.dumps({"files": files}))
        for n in names:
            (tmp_path / folder / "pages" / n).write_text("A page in our own words.\n")
    (tmp_path / "sources.toml").write_text(
        '[[sources]]\nname = "z"\nkind = "directory"\npath = "zh/pages"\n'
        'timezone = "Asia/Shanghai"\ninclude = ["zh-a.md"]\n\n'
        '[[sources]]\nname = "e"\nkind = "directory"\npath = "en/pages"\n'
        'timezone = "Etc/UTC"\ninclude = ["en-a.md", "en-neg.md", "unlabelled.md"]\n'
    )
    return tmp_path


def test_labels_come_from_the_given_corpus(realnews: ModuleType, corpus: Path) -> None:
    assert set(realnews.labels_of("all", corpus)) == {"zh-a.md", "en-a.md", "en-neg.md"}


def test_a_foreign_corpus_has_no_dev_or_test_part(realnews: ModuleType, corpus: Path) -> None:
    with pytest.raises(ValueError, match="--split all"):
        realnews.labels_of("test", corpus)


def test_sources_point_into_the_given_corpus(realnews: ModuleType, corpus: Path) -> None:
    target = corpus / "out.toml"
    realnews.write_sources("all", target, corpus)
    text = target.read_text()
    assert f'path = "{(corpus / "zh/pages").as_posix()}"' in text
    assert 'timezone = "Etc/UTC"' in text
    assert '["en-a.md", "en-neg.md"]' in text  # labelled files only


def test_summary_counts_against_the_given_corpus(realnews: ModuleType, corpus: Path) -> None:
    def result(rows: int, missing: list[str]) -> dict[str, object]:
        return {
            "money_tp": [],
            "money_fp": [],
            "money_wanted": 0,
            "types_missing": missing,
            "types_extra": [],
            "rows": rows,
            "chrome_left": [],
            "title_ok": True,
            "date": "exact",
        }

    results = {
        "zh-a.md": result(1, []),
        "en-a.md": result(0, ["export_control"]),
        "en-neg.md": result(2, []),
    }
    summary = realnews.summarize(results, "all", corpus)
    assert summary["labelled"] == 3
    assert summary["type_recall"] == 0.5
    assert summary["negatives_with_rows"] == 1
    assert summary["policy_without_rows"] == 1


def test_a_symlink_to_the_default_corpus_is_the_default_corpus(
    realnews: ModuleType, tmp_path: Path
) -> None:
    # CI may put ../shared beside the clone as a symlink: that is still the split corpus.
    link = tmp_path / "realnews"
    link.symlink_to(realnews.CORPUS, target_is_directory=True)
    assert realnews.is_realnews(link)
    assert realnews.is_realnews(realnews.CORPUS)
    assert not realnews.is_realnews(tmp_path)
