"""benchmarks/heldout.py: freeze a labelled set as offsets, rebuild it from a fetched repository."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from scriptkit import load_benchmark

REPO = Path(__file__).resolve().parents[2]

# Our own pages (public facts, our words): a Markdown page, an HTML page with entities and
# reflowed lines, a Chinese page whose repository path prints its headline.
EN_MD = """---
title: "EU AI Act enters into force"
date: 2024-08-01
---
# EU AI Act enters into force

Brussels, 1 August 2024. The European Union's AI Act entered into force today, with most
obligations applying from August 2026. The Commission set up an AI Office to oversee
general-purpose models. Member states have 12 months to name their national authorities.

Share this page | Subscribe to our newsletter
"""
EN_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Chips &amp; Science Act signed</title></head>
<body><nav>Home &middot; Policy &middot; Archive</nav>
<h1>Chips &amp; Science Act signed</h1>
<p class="date">9 August 2022</p>
<p>The CHIPS and Science Act provides about $52.7 billion for
   American semiconductor research,   manufacturing and workforce development.</p>
<p>It also includes a 25 percent investment tax credit for chip plants.</p>
</body></html>
"""
ZH_MD = """---
title: "国家大基金三期成立"
date: 2024-05-24
---
2024年5月24日，国家集成电路产业投资基金三期股份有限公司成立，注册资本3440亿元人民币。
该基金由财政部等19名股东出资。

相关阅读：更多新闻
"""
ZH_PATH = "posts/2024-05-24-国家大基金三期成立.md"


def _load(name: str) -> ModuleType:
    return load_benchmark(name)


@pytest.fixture(scope="module")
def heldout() -> ModuleType:
    return _load("heldout")


def _git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def _repo(base: Path, mirror: Path, name: str, files: dict[str, str]) -> str:
    """Commit files to a new repository, clone it bare into the mirror; return the commit."""
    work = base / name.replace("/", "_")
    work.mkdir(parents=True)
    _git(work, "init", "-q")
    for path, text in files.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text, encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "pages")
    target = mirror / name.replace("/", "+") / "repo"
    _git(base, "clone", "-q", "--bare", str(work), str(target))
    return _git(work, "rev-parse", "HEAD")


LABELS: dict[str, dict[str, dict[str, Any]]] = {
    "en": {
        "en01-ours-ai-act.md": {
            "title": "EU AI Act enters into force",
            "publication_date": "2024-08-01",
            "outlet_timezone": "Europe/Brussels",
            "date_printed": "1 August 2024",
            "language": "en",
            "is_ai_policy": True,
            "types": {"required": ["policy_statement"], "acceptable": []},
            "amounts": [],
            "not_money": ["12 months"],
            # reflowed by the labeller: one space where the page breaks the line
            "keep_spans": ["with most obligations applying from August 2026"],
            "chrome_spans": ["Share this page | Subscribe to our newsletter"],
            "notes": "our own page",
        },
        "en02-ours-chips-act.html": {
            "title": "Chips & Science Act signed",
            "title_alt": ["Chips &amp; Science Act signed"],
            "date_printed": "9 August 2022",
            "outlet_timezone": "America/New_York",
            "language": "en",
            "is_ai_policy": True,
            "types": {"required": ["government_ai_budget"], "acceptable": []},
            "amounts": [
                {
                    "value": 52700000000,
                    "currency": "USD",
                    "span": "$52.7 billion for American semiconductor research, manufacturing",
                    "status": "signal",
                    "note": "the act's total",
                }
            ],
            "not_money": ["25 percent"],
            "keep_spans": [],
            "chrome_spans": ["Home · Policy · Archive"],
        },
    },
    "zh": {
        "zh_01_ours_bigfund.md": {
            "title": "国家大基金三期成立",
            "publication_date": "2024-05-24",
            "outlet_timezone": "Asia/Shanghai",
            "date_printed": "2024年5月24日",
            "language": "zh-Hans",
            "is_ai_policy": True,
            "types": {"required": ["investment_capex"], "acceptable": []},
            "amounts": [
                {
                    "value": 344000000000,
                    "currency": "CNY",
                    "span": "注册资本3440亿元人民币",
                    "status": "signal",
                }
            ],
            "not_money": ["19名股东"],
            "keep_spans": ["国家集成电路产业投资基金三期股份有限公司成立"],
            "chrome_spans": ["相关阅读：更多新闻"],
        }
    },
}


@pytest.fixture()
def world(tmp_path: Path) -> dict[str, Any]:
    """Two own-words repositories in a mirror, a labelled realnews-style folder copied from them."""
    mirror = tmp_path / "mirror"
    en_files = {"site/ai-act.md": EN_MD, "site/chips.html": EN_HTML}
    en_commit = _repo(tmp_path / "git", mirror, "ourorg/en-notes", en_files)
    zh_commit = _repo(tmp_path / "git", mirror, "ourorg/zh-notes", {ZH_PATH: ZH_MD})
    src = tmp_path / "src"
    where = {
        "en01-ours-ai-act.md": ("ourorg/en-notes", en_commit, "site/ai-act.md", EN_MD),
        "en02-ours-chips-act.html": ("ourorg/en-notes", en_commit, "site/chips.html", EN_HTML),
        "zh_01_ours_bigfund.md": ("ourorg/zh-notes", zh_commit, ZH_PATH, ZH_MD),
    }
    for folder, files in LABELS.items():
        (src / folder / "pages").mkdir(parents=True)
        (src / folder / "labels.json").write_text(json.dumps({"files": files}), encoding="utf-8")
        rows = ["file\trepo\tcommit\tpath\tsha256\tbytes\toutlet"]
        for name in files:
            repo, commit, path, text = where[name]
            raw = text.encode("utf-8")
            (src / folder / "pages" / name).write_bytes(raw)
            sha = hashlib.sha256(raw).hexdigest()
            rows.append(f"{name}\t{repo}\t{commit}\t{path}\t{sha}\t{len(raw)}\tours")
        (src / folder / "SOURCES.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (src / "sources.toml").write_text(
        "# our sources\n[[sources]]\n"
        'name = "o-en"\nkind = "directory"\npath = "en/pages"\ntimezone = "Europe/Brussels"\n'
        'include = ["en01-ours-ai-act.md", "en02-ours-chips-act.html"]\n\n[[sources]]\n'
        'name = "o-zh"\nkind = "directory"\npath = "zh/pages"\ntimezone = "Asia/Shanghai"\n'
        'include = ["zh_01_ours_bigfund.md"]\n',
        encoding="utf-8",
    )
    return {"src": src, "mirror": mirror, "root": tmp_path / "heldout", "tmp": tmp_path}


def _without_notes(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_notes(v) for k, v in value.items() if k not in ("note", "notes")}
    if isinstance(value, list):
        return [_without_notes(v) for v in value]
    return value


def _all_spans(src: Path) -> list[str]:
    spans = []
    for folder in ("en", "zh"):
        files = json.loads((src / folder / "labels.json").read_text(encoding="utf-8"))["files"]
        for label in files.values():
            spans += [label["title"], label["date_printed"], *label.get("title_alt", [])]
            spans += label["not_money"] + label["keep_spans"] + label["chrome_spans"]
            spans += [a["span"] for a in label["amounts"]]
    return spans


def _freeze(heldout: ModuleType, world: dict[str, Any], *extra: str) -> int:
    root = str(world["root"])
    code: int = heldout.main(["--root", root, "freeze", str(world["src"]), "--set", "t1", *extra])
    return code


def test_freeze_stores_no_page_text_and_builds_back(
    heldout: ModuleType, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _freeze(heldout, world) == 0
    # two reflowed spans, an entity-decoded title and chrome line
    assert "verbatim 13, mapped 4, in_path 0, paths_hashed 1" in capsys.readouterr().out
    frozen = world["root"] / "t1"
    assert sorted(p.name for p in frozen.iterdir()) == [
        "labels.json",
        "manifest.json",
        "sources.toml",
    ]
    texts = [p.read_text(encoding="utf-8") for p in frozen.iterdir()]
    for span in _all_spans(world["src"]):
        if len(span) >= 4:
            assert not any(span in t for t in texts), span
    assert "our sources" not in (frozen / "sources.toml").read_text(encoding="utf-8")
    manifest = json.loads((frozen / "manifest.json").read_text(encoding="utf-8"))
    zh_page = next(p for p in manifest["pages"] if p["folder"] == "zh")
    assert "path" not in zh_page and zh_page["decoding"] == "utf-8"  # the path prints the title

    out = world["tmp"] / "built"
    args = ["--root", str(world["root"]), "build", "t1", "--out", str(out)]
    assert heldout.main([*args, "--mirror", str(world["mirror"])]) == 0
    for folder in ("en", "zh"):
        original = json.loads((world["src"] / folder / "labels.json").read_text(encoding="utf-8"))
        built = json.loads((out / folder / "labels.json").read_text(encoding="utf-8"))
        assert built == _without_notes(original)
        for page in (world["src"] / folder / "pages").iterdir():
            assert (out / folder / "pages" / page.name).read_bytes() == page.read_bytes()
        tsv = (world["src"] / folder / "SOURCES.tsv").read_text(encoding="utf-8")
        assert (out / folder / "SOURCES.tsv").read_text(encoding="utf-8") == tsv
    realnews = _load("realnews")
    assert len(realnews.labels_of("all", out)) == 3
    realnews.write_sources("all", out / "check.toml", out)
    assert '"zh_01_ours_bigfund.md"' in (out / "check.toml").read_text(encoding="utf-8")


def test_a_part_of_a_split_keeps_its_repositories(
    heldout: ModuleType, world: dict[str, Any]
) -> None:
    split = world["tmp"] / "split.toml"
    split.write_text('dev = ["ourorg/en-notes"]\ntest = ["ourorg/zh-notes"]\n', encoding="utf-8")
    assert _freeze(heldout, world, "--split", str(split), "--part", "test") == 0
    frozen = world["root"] / "t1"
    labels = json.loads((frozen / "labels.json").read_text(encoding="utf-8"))["folders"]
    assert {f: list(v) for f, v in labels.items() if v} == {"zh": ["zh_01_ours_bigfund.md"]}
    assert "o-en" not in (frozen / "sources.toml").read_text(encoding="utf-8")


def test_a_folder_without_pages_builds_back_empty(
    heldout: ModuleType, world: dict[str, Any]
) -> None:
    hant = world["src"] / "hant"
    (hant / "pages").mkdir(parents=True)
    (hant / "labels.json").write_text('{"files": {}}', encoding="utf-8")
    (hant / "SOURCES.tsv").write_text("file\trepo\tcommit\tpath\tsha256\n", encoding="utf-8")
    assert _freeze(heldout, world) == 0
    out = world["tmp"] / "built"
    args = ["--root", str(world["root"]), "build", "t1", "--out", str(out)]
    assert heldout.main([*args, "--mirror", str(world["mirror"])]) == 0
    assert json.loads((out / "hant" / "labels.json").read_text(encoding="utf-8")) == {"files": {}}
    assert len(json.loads((out / "en" / "labels.json").read_text(encoding="utf-8"))["files"]) == 2


def test_an_unlocatable_span_stops_the_freeze(
    heldout: ModuleType, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = world["src"] / "en" / "labels.json"
    labels = json.loads(path.read_text(encoding="utf-8"))
    labels["files"]["en01-ours-ai-act.md"]["keep_spans"].append("obligations apply from 2027")
    path.write_text(json.dumps(labels), encoding="utf-8")
    assert _freeze(heldout, world) == 1
    err = capsys.readouterr().err
    assert "en/en01-ours-ai-act.md: keep_spans[1]" in err
    assert "'obligations apply from 2027'" in err
    assert not (world["root"] / "t1").exists()


def _build_error(heldout: ModuleType, world: dict[str, Any], capsys: Any) -> str:
    out = world["tmp"] / "built"
    args = ["--root", str(world["root"]), "build", "t1", "--out", str(out)]
    assert heldout.main([*args, "--mirror", str(world["mirror"])]) == 1
    return str(capsys.readouterr().err)


def test_a_changed_page_fails_the_build(
    heldout: ModuleType, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _freeze(heldout, world) == 0
    manifest_path = world["root"] / "t1" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    chips = next(p for p in manifest["pages"] if p["file"] == "en02-ours-chips-act.html")
    chips["sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    err = _build_error(heldout, world, capsys)
    assert "en/en02-ours-chips-act.html (ourorg/en-notes@" in err
    assert "sha256/bytes differ from the manifest" in err


def test_an_offset_that_drifted_fails_the_build(
    heldout: ModuleType, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _freeze(heldout, world) == 0
    labels_path = world["root"] / "t1" / "labels.json"
    stored = json.loads(labels_path.read_text(encoding="utf-8"))
    title = stored["folders"]["zh"]["zh_01_ours_bigfund.md"]["title"]
    title["at"] = [title["at"][0] + 1, title["at"][1] + 1]
    labels_path.write_text(json.dumps(stored), encoding="utf-8")
    err = _build_error(heldout, world, capsys)
    assert "zh/zh_01_ours_bigfund.md: title: offsets" in err
    assert "no longer give the labelled text" in err


def test_a_missing_repository_is_named(
    heldout: ModuleType, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _freeze(heldout, world) == 0
    empty = world["tmp"] / "empty-mirror"
    empty.mkdir()
    args = ["--root", str(world["root"]), "build", "t1", "--out", str(world["tmp"] / "b")]
    assert heldout.main([*args, "--mirror", str(empty)]) == 3
    err = capsys.readouterr().err
    assert "ourorg/en-notes\nourorg/zh-notes" in err


def test_a_field_outside_the_schema_needs_keep_field(
    heldout: ModuleType, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = world["src"] / "zh" / "labels.json"
    labels = json.loads(path.read_text(encoding="utf-8"))
    labels["files"]["zh_01_ours_bigfund.md"]["checked_by"] = "hs18"
    labels["files"]["zh_01_ours_bigfund.md"]["title_alt"] = None
    path.write_text(json.dumps(labels), encoding="utf-8")
    assert _freeze(heldout, world) == 1
    assert "zh/zh_01_ours_bigfund.md: checked_by: unknown field" in capsys.readouterr().err
    assert _freeze(heldout, world, "--keep-field", "checked_by") == 0
    out = world["tmp"] / "built"
    args = ["--root", str(world["root"]), "build", "t1", "--out", str(out)]
    assert heldout.main([*args, "--mirror", str(world["mirror"])]) == 0
    built = json.loads((out / "zh" / "labels.json").read_text(encoding="utf-8"))
    assert built == _without_notes(labels)


@pytest.mark.slow  # builds a set and runs an ingest of it
def test_score_builds_and_runs_the_realnews_benchmark(
    heldout: ModuleType,
    world: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
    shared: Path,  # realnews.py scores with ../shared/tools/score_realnews.py
) -> None:
    assert _freeze(heldout, world) == 0
    results = world["tmp"] / "results.json"
    args = ["--root", str(world["root"]), "score", "t1", "--mirror", str(world["mirror"])]
    assert heldout.main([*args, "--pages", "--quiet", "--json", str(results)]) == 0
    scored = json.loads(results.read_text(encoding="utf-8"))
    assert sorted(scored) == sorted(n for files in LABELS.values() for n in files)
    assert all(r["title_ok"] for r in scored.values())


def test_score_prints_totals_unless_pages_are_asked_for(
    heldout: ModuleType, world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _freeze(heldout, world) == 0
    runs: list[list[str]] = []
    real_run = subprocess.run

    def record(run: list[str], **kwargs: Any) -> subprocess.CompletedProcess[Any]:
        if "realnews.py" not in " ".join(run):
            return real_run(run, **kwargs)  # the build's own git calls
        runs.append(run)
        return subprocess.CompletedProcess(run, 0)

    monkeypatch.setattr(heldout.subprocess, "run", record)
    args = ["--root", str(world["root"]), "score", "t1", "--mirror", str(world["mirror"])]
    assert heldout.main(args) == 0
    assert heldout.main([*args, "--pages"]) == 0
    assert heldout.main([*args, "--totals"]) == 0
    assert [run.count("--totals") for run in runs] == [1, 0, 1]


def test_our_columns_that_quote_a_headline_are_emptied(
    heldout: ModuleType, world: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    path = world["src"] / "zh" / "SOURCES.tsv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\tours\n", "\t国家大基金三期成立 (ours)\n")
    )
    assert _freeze(heldout, world) == 0
    assert "cells_emptied 1" in capsys.readouterr().out
    manifest = (world["root"] / "t1" / "manifest.json").read_text(encoding="utf-8")
    assert "国家大基金三期成立" not in manifest


def test_the_leak_check_finds_a_quoted_span(heldout: ModuleType, tmp_path: Path) -> None:
    quoted = '"a quoted line"'  # escaped in the JSON text: found in the parsed strings
    (tmp_path / "labels.json").write_text(json.dumps({"n": f"said {quoted} here"}))
    (tmp_path / "sources.toml").write_text('name = "ours"\n')
    found = heldout.leaks(tmp_path, [quoted, "ours", "not anywhere here"])
    assert found == [f"labels.json: {quoted!r}"]


# Our own JSON article record, written escaped as a JSON encoder writes it (ensure_ascii).
JSON_RECORD = {
    "headline": "Council adopts the “AI Act” text",
    "body": 'The Council said: "The rules apply in stages."\nBans start in February 2025.',
}
JSON_PAGE = json.dumps(JSON_RECORD, ensure_ascii=True, indent=1) + "\n"


def test_json_page_empty_date_and_path_title_build_back(
    heldout: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A JSON page, a label without a printed date, a title that is only the file's name."""
    mirror = tmp_path / "mirror"
    note_path = "notes/Member states name AI authorities.md"
    note = "# Notes\n\nEach member state names a market surveillance authority by August 2025.\n"
    files = {"records/7.json": JSON_PAGE, note_path: note}
    work = tmp_path / "git" / "ours"
    work.mkdir(parents=True)
    _git(work, "init", "-q")
    for path, text in files.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text, encoding="utf-8")
    _git(work, "add", ".")
    _git(work, "commit", "-qm", "pages")
    commit = _git(work, "rev-parse", "HEAD")
    _git(tmp_path, "clone", "-q", str(work), str(mirror / "ourorg+json-notes" / "repo"))  # .git
    common = {"publication_date": "2024-08-01", "language": "en", "is_ai_policy": True}
    labels = {
        "en01.json": {
            **common,
            "title": JSON_RECORD["headline"],
            "date_printed": "",  # no printed date
            "title_alt": None,
            "keep_spans": ['said: "The rules apply in stages." Bans start in February 2025.'],
            "amounts": [],
        },
        "en02.md": {
            **common,
            "title": "Member states name AI authorities",  # the file name, not in the page
            "date_printed": None,
            "keep_spans": ["market surveillance authority"],
            "amounts": [],
        },
    }
    src = tmp_path / "src"
    (src / "en" / "pages").mkdir(parents=True)
    (src / "en" / "labels.json").write_text(json.dumps({"files": labels}), encoding="utf-8")
    rows = ["file\trepo\tcommit\tpath\tsha256"]
    for name, path in (("en01.json", "records/7.json"), ("en02.md", note_path)):
        raw = files[path].encode("utf-8")
        (src / "en" / "pages" / name).write_bytes(raw)
        sha = hashlib.sha256(raw).hexdigest()
        rows.append(f"{name}\tourorg/json-notes\t{commit}\t{path}\t{sha}")
    (src / "en" / "SOURCES.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (src / "sources.toml").write_text(
        '[[sources]]\nname = "o"\nkind = "directory"\npath = "en/pages"\n'
        'timezone = "UTC"\ninclude = ["en01.json", "en02.md"]\n',
        encoding="utf-8",
    )
    root = str(tmp_path / "heldout")
    assert heldout.main(["--root", root, "freeze", str(src), "--set", "j1"]) == 0
    assert "mapped 2, in_path 1, paths_hashed 1" in capsys.readouterr().out
    frozen = tmp_path / "heldout" / "j1"
    stored = json.loads((frozen / "labels.json").read_text(encoding="utf-8"))["folders"]["en"]
    assert stored["en01.json"]["date_printed"] == "" and stored["en02.md"]["date_printed"] is None
    assert stored["en02.md"]["title"]["in"] == "path"
    assert "surveillance" not in (frozen / "manifest.json").read_text(encoding="utf-8")
    assert "authorities" not in (frozen / "manifest.json").read_text(encoding="utf-8")
    out = tmp_path / "built"
    args = ["--root", root, "build", "j1", "--out", str(out), "--mirror", str(mirror)]
    assert heldout.main(args) == 0
    assert json.loads((out / "en" / "labels.json").read_text(encoding="utf-8"))["files"] == labels
    assert (out / "en" / "pages" / "en01.json").read_text(encoding="utf-8") == JSON_PAGE


def test_a_printed_date_that_is_our_kept_date_is_not_a_leak(heldout: ModuleType) -> None:
    label = {
        "title": "Council adopts the text",
        "publication_date": "2020-09-18",
        "published_at_utc": "2020-09-18T08:00:00Z",
        "date_printed": "2020-09-18",  # printed as ISO: the same as the date we keep
        "keep_spans": ["2020-09-18 was a Friday"],
    }
    assert heldout.spans_of(label) == ["Council adopts the text", "2020-09-18 was a Friday"]
