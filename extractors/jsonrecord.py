"""JSON article records: a scraper's one-article-per-file JSON, read as fields and a body, or rejected."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from extractors.exceptions import ExtractionError
from extractors.formats import Document, front_meta, looks_html, parse_text
from extractors.jsontext import load_json

__all__ = ["JsonRecord", "json_document", "read_json_record"]

# Key families, compared with case, "_", "-" and spaces removed ("articleBody" = "article_body"),
# drawn from common schemas: newspaper3k/4k (title, text, authors, publish_date), news-please
# (title, maintext, date_publish, source_domain, title_page, title_rss), trafilatura's JSON
# (title, text, raw_text, date, author, sitename, hostname), schema.org NewsArticle in JSON-LD
# (headline, articleBody, datePublished, author.name, publisher.name), JSON Feed 1.1 items
# (title, content_html, content_text, date_published, authors, external_url), NewsAPI
# (title, content, publishedAt, source.name, author), WordPress REST (title.rendered,
# content.rendered, date, link), the Guardian/NYT APIs (webTitle, webUrl, web_url, bodyText),
# Scrapy items (title, content, body, publish_time, url) and Chinese scrapers' own names (标题,
# 正文, 内容, 发布时间, 来源, 作者, 链接). Earlier names win within a family.
TITLE_KEYS = (
    "title",
    "headline",
    "heading",
    "header",
    "webtitle",
    "titlepage",
    "titlerss",
    "subject",
    "标题",
    "標題",
    "题目",
)
BODY_KEYS = (
    "articlebody",
    "maintext",
    "fulltext",
    "bodytext",
    "bodyhtml",
    "contenthtml",
    "contenttext",
    "content",
    "contents",
    "body",
    "text",
    "article",
    "articletext",
    "articlecontent",
    "maincontent",
    "rawtext",
    "html",
    "story",
    "正文",
    "内容",
    "內容",
    "全文",
    "文章内容",
)
AUTHOR_KEYS = (
    "author",
    "authors",
    "byline",
    "creator",
    "writer",
    "authorname",
    "作者",
    "记者",
    "記者",
)
URL_KEYS = (
    "url",
    "link",
    "canonicalurl",
    "canonical",
    "weburl",
    "permalink",
    "externalurl",
    "sourceurl",
    "articleurl",
    "originalurl",
    "href",
    "链接",
    "原文链接",
    "原文鏈接",
)
OUTLET_KEYS = (
    "outlet",
    "sitename",
    "sourcename",
    "publisher",
    "source",
    "media",
    "site",
    "sourcedomain",
    "hostname",
    "来源",
    "來源",
    "媒体",
)
# Chinese date keys, renamed to a key the front-matter date rules read ("published", "date").
_CJK_DATE = {
    "发布时间": "published",
    "發布時間": "published",
    "发布日期": "published",
    "發布日期": "published",
    "时间": "date",
    "時間": "date",
    "日期": "date",
}
# Keys a record sits under in an API answer or an export ({"data": {...}}, {"article": {...}}).
WRAPPER_KEYS = (
    "data",
    "article",
    "post",
    "item",
    "story",
    "result",
    "payload",
    "record",
    "document",
    "doc",
    "entry",
    "node",
)
MIN_BODY = 100  # characters of text (tags and spaces left out) a body needs to be an article's
_MAX_TITLE = 400
_DEPTH = 3
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_JSON_START = re.compile(r'\A\s*(?:\{\s*"|\[\s*(?:\{|\]|"))')
_TIME_KEY = re.compile(r"date|time|publish|posted|created|stamp|modif|updat")
_EPOCH_S = (631152000, 4102444800)  # 1990 to 2100, in seconds


@dataclass(frozen=True, slots=True)
class JsonRecord:
    """An article record's fields (front-matter style keys) and its body text or markup."""

    fields: dict[str, Any]
    body: str


def _norm(key: str) -> str:
    return re.sub(r"[\s_\-]", "", key).lower()


def _visible(value: str) -> int:
    return len(_SPACE.sub("", _TAG.sub("", value)))


def _scalar(value: Any) -> Any:
    """Return a nested value as one scalar: {"name": X} → X, {"rendered": X} → X, [a, b] → "a, b"."""
    if isinstance(value, dict):
        for key in ("name", "rendered", "value", "text", "url", "href", "displayname"):
            inner = {_norm(k): v for k, v in value.items()}.get(key)
            if isinstance(inner, str | int | float):
                return inner
        return None
    if isinstance(value, list):
        names = [_scalar(v) if isinstance(v, dict) else v for v in value]
        texts = [
            str(n).strip() for n in names if isinstance(n, str | int | float) and str(n).strip()
        ]
        return ", ".join(texts) if texts else None
    return value


def _block_text(item: Any) -> str | None:
    """Return the text of one paragraph of a list body: a string, or a block's text field."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        fields = {_norm(k): v for k, v in item.items()}
        for key in ("text", "content", "html", "value", "paragraph"):
            if isinstance(fields.get(key), str):
                return str(fields[key])
        if isinstance(
            fields.get("data"), dict
        ):  # Editor.js: {"type": "paragraph", "data": {"text": …}}
            return _block_text(fields["data"])
    return None


def _body_text(value: Any) -> str | None:
    """Return a body value as one text: a string, HTML under "rendered", or joined paragraphs."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        inner = _scalar(value)
        return inner if isinstance(inner, str) else None
    if isinstance(value, list):
        parts = [t for t in (_block_text(v) for v in value) if t is not None and t.strip()]
        if not parts or len(parts) < len(value) / 2:
            return None
        # Paragraphs with markup are joined as markup, plain ones as blank-line paragraphs.
        return "\n".join(parts) if any(_TAG.search(p) for p in parts) else "\n\n".join(parts)
    return None


def _first(data: dict[str, Any], family: tuple[str, ...]) -> tuple[str, Any] | None:
    keyed = {_norm(k): k for k in data}
    for name in family:
        key = keyed.get(_norm(name))
        if key is not None and data[key] not in (None, "", [], {}):
            return key, data[key]
    return None


def _title(data: dict[str, Any]) -> str | None:
    found = _first(data, TITLE_KEYS)
    value = _scalar(found[1]) if found else None
    if not isinstance(value, str):
        return None
    title = " ".join(value.split())
    return title if 0 < len(title) <= _MAX_TITLE else None


def _body(data: dict[str, Any]) -> tuple[str, str] | None:
    """Return the (key, text) of the first body-like field with an article's worth of text."""
    keyed = {_norm(k): k for k in data}
    for name in BODY_KEYS:
        key = keyed.get(_norm(name))
        text = _body_text(data[key]) if key is not None else None
        if key is not None and text is not None and _visible(text) >= MIN_BODY:
            return key, text
    return None


def _records(value: Any) -> int:
    """Return how many record-like objects (with a title) a list holds."""
    return sum(1 for v in value if isinstance(v, dict) and _title(v) is not None)


def _time_value(key: str, value: Any) -> Any:
    """Return an epoch number under a time key as an aware datetime (ms or s); else the value."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not _TIME_KEY.search(key):
        return value
    seconds = value / 1000 if value > _EPOCH_S[1] else value
    if _EPOCH_S[0] <= seconds <= _EPOCH_S[1]:
        return datetime.fromtimestamp(seconds, tz=UTC)
    return value


def _fields(data: dict[str, Any], title: str, body_key: str | None) -> dict[str, Any]:
    """Return a record's fields as front matter would hold them (lower-case keys, scalar values)."""
    fields: dict[str, Any] = {}
    for key, value in data.items():
        if key == body_key or (isinstance(value, dict | list) and _norm(key) not in _LISTED):
            continue
        name = _CJK_DATE.get(key, str(key).lower())
        fields.setdefault(name, _time_value(name, _scalar(value)))
    fields["title"] = title
    for canon, family in (("author", AUTHOR_KEYS), ("url", URL_KEYS), ("outlet", OUTLET_KEYS)):
        found = _first(data, family)
        value = _scalar(found[1]) if found else None
        if canon == "url" and not (
            isinstance(value, str) and value.startswith(("http://", "https://"))
        ):
            continue
        if isinstance(value, str | int | float) and str(value).strip():
            fields[canon] = str(value).strip()
    return fields


_LISTED = frozenset(_norm(k) for k in (*AUTHOR_KEYS, *OUTLET_KEYS, *URL_KEYS, *TITLE_KEYS))


def _describe(data: dict[str, Any]) -> str:
    keys = ", ".join(sorted(str(k) for k in data)[:8])
    return keys + (", …" if len(data) > 8 else "")


def _find_record(value: Any, depth: int = 0) -> dict[str, Any]:
    """Return the one article object in a JSON value; raise not_article with the reason otherwise."""
    if isinstance(value, list):
        if len(value) == 1:
            return _find_record(value[0], depth)
        many = _records(value)
        what = f"{many} with a title" if many else "none with a title"
        raise ExtractionError(
            "not_article",
            f"JSON list of {len(value)} items ({what}): a feed or an export, not one article",
        )
    if not isinstance(value, dict):
        raise ExtractionError("not_article", f"JSON {type(value).__name__}, not an article record")
    if _body(value) is not None or depth >= _DEPTH:
        return value
    for key, inner in value.items():  # {"items": [...]}, {"articles": [...]}: a feed or a listing
        if isinstance(inner, list) and len(inner) > 1 and _records(inner) > 1:
            raise ExtractionError(
                "not_article",
                f"JSON object listing {len(inner)} records under {key!r}: a feed or a listing, not one article",
            )
    found = _first(value, WRAPPER_KEYS)
    if _title(value) is None and found is not None and isinstance(found[1], dict | list):
        return _find_record(found[1], depth + 1)
    return value


def _parse(text: str, named_json: bool) -> Any:
    """Return the JSON value of a page, None when it is not JSON; raise parse_error when broken."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped.startswith(("{", "[")) and not named_json:
        return None
    try:
        return load_json(stripped)
    except RecursionError as exc:
        if not named_json and not _JSON_START.match(stripped):
            return None  # "[[[[…" opening a Markdown or text file: not JSON at all
        raise ExtractionError("parse_error", "JSON nested too deeply") from exc
    except ValueError as exc:
        lines = [ln for ln in stripped.splitlines() if ln.strip()]
        if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:3]):
            raise ExtractionError(
                "not_article", f"JSON Lines of {len(lines)} records: an export, not one article"
            ) from exc
        if not named_json and not _JSON_START.match(stripped):
            return None  # "[Title](link)" Markdown, "{{template}}" text: not JSON at all
        where = (
            f" at line {exc.lineno} column {exc.colno}"
            if isinstance(exc, json.JSONDecodeError)
            else ""
        )
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:80]
        raise ExtractionError("parse_error", f"malformed JSON: {detail}{where}") from exc


def read_json_record(text: str, name: str | None = None) -> JsonRecord | None:
    """Return the article record of a JSON page; None when the page is not JSON.

    Raises ExtractionError ("not_article" or "parse_error") for JSON that holds no single article:
    a feed or a list of records, a config, a record without title or body, or broken JSON.
    """
    named_json = bool(name) and str(name).lower().split("?")[0].endswith(".json")
    value = _parse(text, named_json)
    if value is None:
        return None
    data = _find_record(value)
    title, found = _title(data), _body(data)
    body_key, body = found if found is not None else (None, None)
    if title is None and body is None:
        raise ExtractionError(
            "not_article",
            f"JSON object without a title or an article body (keys: {_describe(data)})",
        )
    if body is None:
        raise ExtractionError(
            "not_article",
            f"JSON record titled {title!r:.80} without an article body of {MIN_BODY}+ characters",
        )
    if title is None:
        raise ExtractionError(
            "not_article", f"JSON record with a body but no title (keys: {_describe(data)})"
        )
    return JsonRecord(_fields(data, title, body_key), body)


# A body with markup: HTML tags outnumber Markdown's own marks (headings, links, fences).
_HTML_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|ul|ol|li|table|blockquote|figure|section|article|span|a|strong|em|b|i)\b[^>]*>",
    re.IGNORECASE,
)
_MD_MARK = re.compile(r"^[ ]{0,3}(?:#{1,6}[ \t]|```)|\]\((?:https?://|/)", re.MULTILINE)
_TIMESTAMP_KEYS = ("timestamp", "ts")


def json_document(text: str, name: str | None = None) -> Document | None:
    """Return the Document of a JSON article record (``name``: file name or URL); None if not JSON."""
    record = read_json_record(text, name)
    if record is None:
        return None
    meta = front_meta(record.fields)  # dates, URLs and outlets read as front matter's are
    # A bare "timestamp" dates a record only when nothing names the publication.
    if "date" not in meta:
        stamps = (record.fields.get(k) for k in _TIMESTAMP_KEYS)
        stamp = next((s for s in stamps if s not in (None, "")), None)
        if stamp is not None:
            meta["date"] = stamp
    head = record.body[:20000]
    html = looks_html(head) or len(_HTML_TAG.findall(head)) > len(_MD_MARK.findall(head))
    return Document("html", record.body, meta) if html else parse_text(record.body, meta)
