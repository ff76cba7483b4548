"""Held-out sets kept in the project without third-party text: freeze, rebuild, score."""

# Usage:
#   .venv/bin/python benchmarks/heldout.py freeze SRC --set NAME [--split TOML --part dev|test]
#   .venv/bin/python benchmarks/heldout.py build NAME --out DIR [--mirror /work/.mirror]
#   .venv/bin/python benchmarks/heldout.py score NAME [--mirror M] [--data DIR] [--json OUT] [--pages]
# SRC is laid out like ../shared/corpus/realnews (zh/, hant/, en/, each with labels.json, pages/
# and SOURCES.tsv; a top-level sources.toml). `freeze` writes benchmarks/heldout/NAME/: manifest.json
# (every page: folder, file, repository, commit, path, sha256, bytes, decoding), sources.toml (names,
# timezones, includes) and labels.json, where every piece of page text is stored as offsets into the
# decoded page (benchmarks/heldoutkit/spans.py), never as text; a span not in the page but in the
# repository path (a title that is the file name) as offsets into that path ({"in": "path"}); an
# empty or null text field stays as it is; `note`/`notes` fields are dropped.
# `build` takes the pages back from fetched repositories (the `fetch` tool's snapshots,
# MIRROR/owner+name/repo), checks every sha256 and offset, and writes a realnews-style folder that
# benchmarks/realnews.py --corpus DIR --split all and ../shared/tools/score_realnews.py read.
# `--split TOML --part dev|test` keeps the pages of the repositories listed under that part
# (`dev = ["owner/name", ...]`, `test = [...]`).

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from heldoutkit.git import git_blob_id, git_dir, page_bytes  # noqa: E402  # sibling package
from heldoutkit.labels import (  # noqa: E402  # sibling package
    LEAK_MIN,
    LabelError,
    freeze_label,
    leaks,
    spans_of,
    thaw_label,
)

HELDOUT = ROOT / "benchmarks" / "heldout"
MIRROR = Path("/work/.mirror")
FOLDERS = ("zh", "hant", "en")
FORMAT = "heldout/1"
DECODING = "bytes.decode(ENCODING, 'strict'), no newline translation; offsets count code points"
ENCODINGS = ("utf-8", "gb18030", "big5", "cp1252")
REQUIRED_COLUMNS = ("file", "repo", "commit", "path", "sha256")
MANIFEST_COLUMNS = (*REQUIRED_COLUMNS, "bytes")


class HeldoutError(Exception):
    """A set that cannot be frozen or rebuilt; the message says what to fix."""


class MissingReposError(HeldoutError):
    """Repositories a build needs that are not fetched yet (exit code 3)."""


def decode(raw: bytes) -> tuple[str, str]:
    """Return the page text and the encoding that decoded it strictly."""
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise HeldoutError("page decodes in none of " + ", ".join(ENCODINGS))


def read_sources_tsv(path: Path) -> list[dict[str, str]]:
    """Return the rows of a SOURCES.tsv as dicts keyed by its header."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    header = lines[0].split("\t")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise HeldoutError(f"{path}: no column {', '.join(missing)}")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:]]


def _wanted_repos(split: Path | None, part: str | None) -> set[str] | None:
    """Return the repositories of one split part, or None when no split is given."""
    if split is None and part is None:
        return None
    if split is None or part is None:
        raise HeldoutError("--split and --part go together")
    parts = tomllib.loads(split.read_text(encoding="utf-8"))
    listed = parts.get(part)
    if isinstance(listed, dict):
        listed = listed.get("repos")
    if not isinstance(listed, list):
        raise HeldoutError(f"{split}: no list of repositories under {part!r}")
    return {str(r) for r in listed}


def freeze(
    src: Path,
    target: Path,
    split: Path | None = None,
    part: str | None = None,
    keep: tuple[str, ...] = (),
) -> dict[str, int]:
    """Freeze the realnews-style folder src into target; return counts of the spans stored."""
    wanted = _wanted_repos(split, part)
    pages: list[dict[str, Any]] = []
    labels: dict[str, dict[str, Any]] = {}
    spans: list[str] = []
    problems: list[str] = []
    tally = {"verbatim": 0, "mapped": 0, "in_path": 0, "paths_hashed": 0, "cells_emptied": 0}
    others = [p.parent.name for p in src.glob("*/labels.json") if p.parent.name not in FOLDERS]
    if others or not any((src / f / "labels.json").is_file() for f in FOLDERS):
        raise HeldoutError(f"{src}: label folders must be {', '.join(FOLDERS)} (found {others})")
    for folder in FOLDERS:
        if not (src / folder / "labels.json").is_file():
            continue
        files = json.loads((src / folder / "labels.json").read_text(encoding="utf-8"))["files"]
        rows = {r["file"]: r for r in read_sources_tsv(src / folder / "SOURCES.tsv")}
        unlisted = sorted(set(files) - set(rows))
        problems += [f"{folder}/{n}: labelled but not in SOURCES.tsv" for n in unlisted]
        kept: dict[str, Any] = {}
        for name, row in rows.items():
            if wanted is not None and row["repo"] not in wanted:
                continue
            if not (src / folder / "pages" / name).is_file():
                problems.append(f"{folder}/{name}: listed in SOURCES.tsv, no page")
                continue
            raw = (src / folder / "pages" / name).read_bytes()
            if hashlib.sha256(raw).hexdigest() != row["sha256"]:
                problems.append(f"{folder}/{name}: page sha256 differs from SOURCES.tsv")
                continue
            try:
                text, encoding = decode(raw)
            except HeldoutError as why:
                problems.append(f"{folder}/{name}: {why}")
                continue
            extra = {k: v for k, v in row.items() if k not in MANIFEST_COLUMNS}
            page: dict[str, Any] = {"folder": folder, **{c: row[c] for c in REQUIRED_COLUMNS}}
            page.update(bytes=len(raw), blob=git_blob_id(raw), decoding=encoding, extra=extra)
            pages.append(page)
            if name in files:
                try:
                    where = f"{folder}/{name}"
                    label = files[name]
                    kept[name] = freeze_label(where, label, text, tally, keep, row["path"])
                except LabelError as why:
                    problems.append(str(why))
                spans += spans_of(files[name])
        labels[folder] = kept
    if problems:
        raise HeldoutError("cannot freeze (fix the labels or pages):\n" + "\n".join(problems))
    squashed = {_squash(s) for s in spans}
    long_spans = sorted(q for q in squashed if len(q) >= LEAK_MIN)
    for page in pages:  # a repository path that prints a headline is kept as a hash only
        if any(q in _squash(page["path"]) for q in long_spans):
            page["path_sha256"] = hashlib.sha256(page.pop("path").encode("utf-8")).hexdigest()
            tally["paths_hashed"] += 1
        for column, value in page["extra"].items():  # our own SOURCES.tsv columns: no page text
            if any(q in _squash(value) for q in long_spans):
                page["extra"][column] = ""
                tally["cells_emptied"] += 1
    chosen = {(p["folder"], p["file"]) for p in pages}
    sources = []
    for source in tomllib.loads((src / "sources.toml").read_text(encoding="utf-8"))["sources"]:
        folder = Path(source["path"]).parts[0]
        include = [n for n in source["include"] if (folder, n) in chosen]
        if include:
            keys = ("name", "kind", "path", "timezone")
            sources.append({**{k: source[k] for k in keys}, "include": include})
    target.mkdir(parents=True, exist_ok=True)
    manifest = {"format": FORMAT, "decoding": DECODING, "pages": pages}
    _write_json(target / "manifest.json", manifest)
    _write_json(target / "labels.json", {"format": FORMAT, "folders": labels})
    (target / "sources.toml").write_text(_sources_toml(sources), encoding="utf-8")
    found = leaks(target, spans)
    if found:
        for path in target.iterdir():
            path.unlink()
        raise HeldoutError("page text in the frozen files (removed them):\n" + "\n".join(found))
    return {"pages": len(pages), "labels": sum(map(len, labels.values())), **tally}


def _squash(text: str) -> str:
    """Return text's letters and digits, lower-cased (a headline in a path loses its punctuation)."""
    return "".join(ch for ch in text if ch.isalnum()).lower()


def _write_json(path: Path, value: Any) -> None:
    """Write value as indented UTF-8 JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)  # a folder whose label file lists no page
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _sources_toml(sources: list[dict[str, Any]]) -> str:
    """Return a sources file: one [[sources]] table per outlet timezone, no comments."""
    blocks = []
    for s in sources:
        lines = [f"{k} = {json.dumps(s[k], ensure_ascii=False)}" for k in s]
        blocks.append("[[sources]]\n" + "\n".join(lines) + "\n")
    return "\n".join(blocks)


def set_dir(name: str, root: Path = HELDOUT) -> Path:
    """Return a frozen set's folder: NAME under root, or NAME itself when it is a folder."""
    given = Path(name)
    folder = given if (given / "manifest.json").is_file() else root / name
    if not (folder / "manifest.json").is_file():
        raise HeldoutError(f"no frozen set {name!r} (looked for {folder}/manifest.json)")
    return folder


def build(frozen: Path, out: Path, mirror: Path = MIRROR) -> int:
    """Rebuild the realnews-style folder of a frozen set into out; return the page count."""
    manifest = json.loads((frozen / "manifest.json").read_text(encoding="utf-8"))
    stored = json.loads((frozen / "labels.json").read_text(encoding="utf-8"))["folders"]
    pages = manifest["pages"]
    repos = sorted({p["repo"] for p in pages})
    gits = {r: git_dir(mirror, r) for r in repos}
    missing = [r for r, g in gits.items() if g is None]
    if missing:
        raise MissingReposError(
            f"fetch these repositories first (snapshots go to {mirror}/owner+name/repo):\n"
            + "\n".join(missing)
        )
    if out.exists() and any(out.iterdir()):
        raise HeldoutError(f"{out} is not empty")
    problems: list[str] = []
    texts: dict[tuple[str, str], str] = {}
    paths: dict[tuple[str, str], str] = {}
    for page in pages:
        gitdir = gits[page["repo"]]
        assert gitdir is not None  # missing repositories stopped the build above
        where = f"{page['folder']}/{page['file']} ({page['repo']}@{page['commit'][:10]})"
        found = page_bytes(gitdir, page)
        if found is None:
            problems.append(f"{where}: not in the fetched snapshot (commit or path missing)")
            continue
        path, raw = found
        if hashlib.sha256(raw).hexdigest() != page["sha256"] or len(raw) != int(page["bytes"]):
            problems.append(f"{where}: sha256/bytes differ from the manifest")
            continue
        texts[(page["folder"], page["file"])] = raw.decode(page["decoding"])
        paths[(page["folder"], page["file"])] = str(path)
        target = out / page["folder"] / "pages" / page["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(raw)
    labels: dict[str, dict[str, Any]] = {}
    for folder, files in stored.items():
        labels[folder] = {}
        for name, label in files.items():
            text = texts.get((folder, name))
            if text is None:
                continue  # its page already failed above
            try:
                labels[folder][name] = thaw_label(label, text, path=paths[(folder, name)])
            except ValueError as why:
                problems.append(f"{folder}/{name}: {why}")
    if problems:
        raise HeldoutError("cannot rebuild:\n" + "\n".join(problems))
    for folder, files in labels.items():
        _write_json(out / folder / "labels.json", {"files": files})
        rows = [p for p in pages if p["folder"] == folder]
        extra = list(dict.fromkeys(k for p in rows for k in p.get("extra", {})))
        lines = ["\t".join([*MANIFEST_COLUMNS, *extra])]
        for p in rows:
            row = {**p, "path": paths[(folder, p["file"])]}
            cells = [str(row[c]) for c in MANIFEST_COLUMNS] + [p["extra"].get(k, "") for k in extra]
            lines.append("\t".join(cells))
        (out / folder / "SOURCES.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "sources.toml").write_text((frozen / "sources.toml").read_text("utf-8"), "utf-8")
    return len(pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=HELDOUT, help="where frozen sets live")
    sub = parser.add_subparsers(dest="command", required=True)
    p_freeze = sub.add_parser("freeze", help="freeze a realnews-style folder into a set")
    p_freeze.add_argument("src", type=Path)
    p_freeze.add_argument("--set", required=True, dest="name")
    p_freeze.add_argument("--split", type=Path, help="a toml listing repositories per part")
    p_freeze.add_argument("--part", choices=("dev", "test"))
    p_freeze.add_argument(
        "--keep-field",
        action="append",
        default=[],
        help="a label field outside the realnews schema that holds no page text (amounts.X inside amounts)",
    )
    p_build = sub.add_parser("build", help="rebuild a set's realnews-style folder")
    p_build.add_argument("name")
    p_build.add_argument("--out", type=Path, required=True)
    p_build.add_argument("--mirror", type=Path, default=MIRROR)
    p_score = sub.add_parser(
        "score", help="build into a temporary folder and score it, totals only unless --pages"
    )
    p_score.add_argument("name")
    p_score.add_argument("--mirror", type=Path, default=MIRROR)
    p_score.add_argument(
        "--pages", action="store_true", help="print every file's result (dev parts only)"
    )
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "score":
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        if args.command == "freeze":
            if "/" in args.name or args.name.startswith("."):
                raise HeldoutError(f"set name {args.name!r}: a plain name, no path")
            target = args.root / args.name
            if target.exists() and any(target.iterdir()):
                raise HeldoutError(f"{target} exists: remove it first to freeze again")
            keep = tuple(args.keep_field)
            counts = freeze(args.src.resolve(), target, args.split, args.part, keep)
            print(f"froze {target}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
            return 0
        frozen = set_dir(args.name, args.root)
        if args.command == "build":
            count = build(frozen, args.out, args.mirror)
            print(f"built {args.out}: {count} pages, every sha256 and offset checked")
            return 0
        with tempfile.TemporaryDirectory(prefix=f"heldout-{frozen.name}-") as tmp:
            corpus = Path(tmp) / "corpus"
            build(frozen, corpus, args.mirror)
            script = ROOT / "benchmarks" / "realnews.py"
            run = [sys.executable, str(script), "--corpus", str(corpus), "--split", "all", *rest]
            if not args.pages and "--totals" not in rest:  # a held-out set's pages are never read
                run.append("--totals")
            return subprocess.run(run, check=False).returncode
    except HeldoutError as why:
        print(f"error: {why}", file=sys.stderr)
        return 3 if isinstance(why, MissingReposError) else 1


if __name__ == "__main__":
    sys.exit(main())
