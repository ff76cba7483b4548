"""Label-free health of extraction on folders of saved articles: rejects, titles, markup residue, dates."""

# Usage: .venv/bin/python benchmarks/archive_health.py --root DIR [--per-file] [--json OUT]
# DIR holds one folder per source repository (or any tree) of saved pages: .md, .markdown, .txt,
# .html, .htm. Each file is run through extract_article as a directory source reads it (path = file
# name, timezone UTC) and counted on measures that need no labels: rejects by reason, a missing or
# malformed title, markup or metadata left in the body, a date the file's own metadata names but
# published_at lacks, an undetected language. Code blocks stay as written, so a measure can count
# code ("{{ x }}" in a template example): read dev hits before calling them defects. The pages are
# third-party text and stay outside the project; print totals only for a test split, --per-file
# (which files, which measures) on dev only. A reject is a defect only where the file has a body.

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from extractors.article import extract_article
from extractors.exceptions import ExtractionError
from extractors.rows import Article, Page

FETCHED_AT = datetime(2026, 12, 3, tzinfo=UTC)
SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm"}

_URL = re.compile(r"\A(?:https?://|www\.)\S+\Z", re.IGNORECASE)
_PATHLIKE = re.compile(
    r"\A\S*[/\\]\S*\.(?:md|markdown|txt|html?)\Z|\A\S+\.(?:md|markdown|txt|html?)\Z"
)
_TAG = re.compile(
    r"</?(?:div|span|p|a|img|br|hr|table|tr|td|th|ul|ol|li|script|style|iframe|font|b|i|u|"
    r"strong|em|h[1-6]|section|article|figure|figcaption|center|pre|code|blockquote|sup|sub)"
    r"(?:\s[^<>]*)?/?>",
    re.IGNORECASE,
)
_TITLE_MARKUP = re.compile(r"<[a-z/][^>]*>|\]\(|\{\{|\{%|\A#+\s|\A!\[|\*\*", re.IGNORECASE)
_TITLE_FRONT = re.compile(r"\A(?:---|\+\+\+|(?:title|date|tags|layout)\s*[:=])", re.IGNORECASE)
_META_LINE = re.compile(
    r"^\s*(?:title|date|tags|categories|category|layout|author|slug|draft|description|"
    r"published|updated|keywords|comments|toc|url|permalink|id)\s*[:=]\s*\S",
    re.IGNORECASE,
)
_FENCE = re.compile(r"^\s*(?:---|\+\+\+)\s*$")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_MD_LINK = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")
_REF_LINK = re.compile(
    r"(?<![\w\])`])\[[^\[\]\n]+\]\[[^\[\]\n]*\]|^\[[^\]\n^]+\]:[ \t]*\S", re.MULTILINE
)
_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]+\]")
_COMMENT = re.compile(r"<!--")
_DATA_URI = re.compile(r"data:[a-z]+/[a-z0-9.+-]+;base64,", re.IGNORECASE)
# A date the file itself names: a front-matter (YAML/TOML/MultiMarkdown) date key, or an HTML meta.
_FRONT_BLOCK = re.compile(
    r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_FRONT_DATE = re.compile(
    r"^\s*(?:date|published|pubdate|published_at|publishdate|created|created_at)\s*[:=]\s*"
    r"[\"']?(\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})",
    re.IGNORECASE | re.MULTILINE,
)
_META_DATE = re.compile(
    r"<meta[^>]+(?:article:published_time|datePublished|pubdate|dc\.date)[^>]*>"
    r"|\"datePublished\"\s*:\s*\"\d{4}",
    re.IGNORECASE,
)

MEASURES = (
    "rejected",
    "no_title",
    "title_url",
    "title_path",
    "title_markup",
    "title_long",
    "title_front_matter",
    "author_markup",
    "body_html_tags",
    "body_front_matter",
    "body_template_tags",
    "body_md_link",
    "body_ref_link",
    "body_footnote_mark",
    "body_html_comment",
    "body_data_uri",
    "date_missed",
    "language_und",
)


def files_under(root: Path) -> list[Path]:
    """Return the saved pages under root, sorted."""
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)


def file_date(raw: bytes) -> bool:
    """Return whether the file's own metadata names a publication date."""
    text = raw[:20000].decode("utf-8", "replace")
    front = _FRONT_BLOCK.match(text)
    if front and _FRONT_DATE.search(front.group(2)):
        return True
    if not front and _FRONT_DATE.search("\n".join(text.splitlines()[:12])):
        return True
    return bool(_META_DATE.search(text))


def title_flags(title: str | None) -> list[str]:
    """Return the measures a title fails."""
    if not title or not title.strip():
        return ["no_title"]
    flags = []
    t = title.strip()
    if _URL.match(t):
        flags.append("title_url")
    if _PATHLIKE.match(t):
        flags.append("title_path")
    if _TITLE_MARKUP.search(t):
        flags.append("title_markup")
    if len(t) > 200:
        flags.append("title_long")
    if _TITLE_FRONT.match(t):
        flags.append("title_front_matter")
    return flags


# Markup a reader should never see in a body, each with the measure it fails.
_RESIDUE = (
    ("body_template_tags", _TEMPLATE),
    ("body_md_link", _MD_LINK),
    ("body_ref_link", _REF_LINK),
    ("body_footnote_mark", _FOOTNOTE),
    ("body_html_comment", _COMMENT),
    ("body_data_uri", _DATA_URI),
)


def body_flags(text: str) -> list[str]:
    """Return the residue measures the body text fails."""
    flags = []
    if _TAG.search(text):
        flags.append("body_html_tags")
    top = [line for line in text.splitlines()[:8] if line.strip()][:6]
    if sum(bool(_META_LINE.match(line)) for line in top) >= 2 or (top and _FENCE.match(top[0])):
        flags.append("body_front_matter")
    flags.extend(flag for flag, pattern in _RESIDUE if pattern.search(text))
    return flags


def check(path: Path) -> tuple[list[str], str | None]:
    """Return the measures one file fails and its reject reason, if any."""
    raw = path.read_bytes()
    page = Page(source="health", body=raw, fetched_at=FETCHED_AT, path=path.name, timezone="UTC")
    try:
        article: Article = extract_article(page)
    except ExtractionError as exc:
        return ["rejected"], exc.reason
    flags = title_flags(article.title) + body_flags(article.text)
    if article.author and (_TITLE_MARKUP.search(article.author) or "[[" in article.author):
        flags.append("author_markup")
    if article.published_at is None and file_date(raw):
        flags.append("date_missed")
    if article.language in ("", "und"):
        flags.append("language_und")
    return flags, None


def main() -> None:
    """Run the sweep and print totals (and, asked for, each file's failed measures)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", type=Path, required=True)
    ap.add_argument("--per-file", action="store_true", help="name each file's measures (dev only)")
    ap.add_argument("--json", type=Path, help="write the totals here")
    args = ap.parse_args()
    files = files_under(args.root)
    totals: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    clean = 0
    for path in files:
        flags, reason = check(path)
        totals.update(flags)
        if reason:
            reasons[reason] += 1
        clean += not flags
        if args.per_file and flags:
            print(f"{path.relative_to(args.root)}\t{','.join(flags)}")
    result = {
        "files": len(files),
        "clean": clean,
        "measures": {m: totals[m] for m in MEASURES},
        "reject_reasons": dict(sorted(reasons.items())),
    }
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
