"""Hypothesis: decoders, the front-matter parser, the money parser and the cleaner never raise."""

from __future__ import annotations

import codecs
import contextlib
import os
from datetime import UTC, datetime

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extractors.chromeline import measure
from extractors.clean import remove_chrome
from extractors.decode import decode_bytes, looks_binary, normalize_encoding, sniff_declared
from extractors.exceptions import ExtractionError, FetchError, FrontMatterError
from extractors.formats import parse_document, parse_front_matter
from extractors.pipeline import process_page
from extractors.rows import Page
from extractors.signals.money import parse_amounts, parse_chinese_numeral
from flows.fetch import BodyDecoder, parse_retry_after
from flows.sources import parse_feed, parse_sitemap

FUZZ = settings(
    max_examples=int(os.environ.get("RADAR_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
MONEYISH = st.text(
    alphabet=st.sampled_from(
        list("0123456789.,，亿万千百十零一二三四五六七八九两元美欧日圆$€¥£ USDRMBbnmillionk-~至约 ")
    ),
    max_size=80,
)
TEXTS = st.one_of(st.text(max_size=400), MONEYISH, st.text(alphabet=CJK, max_size=200))
CHARSETS = st.sampled_from(
    [None, "text/html", "text/html; charset=utf-8", "text/html; charset=gbk",
     "text/html; charset=big5", "text/html; charset=shift_jis", "text/html; charset=bogus",
     "text/html; charset=utf-16", "text/html; charset=\"\"", "charset=utf-32"]
)  # fmt: skip
BYTES = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=400).map(lambda t: t.encode("utf-8")),
    st.text(alphabet=CJK, max_size=200).map(lambda t: t.encode("gb18030")),
    st.builds(
        lambda bom, t: bom + t.encode("utf-8", "replace"),
        st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE, b""]),
        st.text(max_size=100),
    ),
    st.builds(
        lambda enc, t: f'<meta charset="{enc}"><p>{t}</p>'.encode("utf-8", "replace"),
        st.text(max_size=20),
        st.text(max_size=100),
    ),
)


@FUZZ
@given(BYTES, CHARSETS)
def test_decoders_never_raise_unexpectedly(body: bytes, ctype: str | None) -> None:
    sniff_declared(body, ctype)
    looks_binary(body)
    try:
        text, encoding = decode_bytes(body, ctype)
    except ExtractionError as exc:
        assert exc.reason in ("empty", "binary", "decode_error")
        return
    assert isinstance(text, str) and "\x00" not in text
    assert normalize_encoding(encoding) is not None or encoding


@FUZZ
@given(st.text(max_size=60))
def test_normalize_encoding_never_raises(name: str) -> None:
    normalize_encoding(name)


FRONT = st.one_of(
    st.text(max_size=300),
    st.builds(lambda y, b: f"---\n{y}\n---\n{b}", st.text(max_size=200), st.text(max_size=100)),
    st.builds(lambda k, v: f"---\n{k}: {v}\n...\n正文", st.text(max_size=20), st.text(max_size=40)),
    st.sampled_from(
        [
            "---\n!!python/object/apply:os.system ['touch /tmp/pwned']\n---\n",
            "---\na: &a [*a]\n---\n",
            "---\n? [a, b]\n: c\n---\n",
            "---\n" + "[" * 5000 + "\n---\n",
            "---\ndate: 2025-13-45\n---\n",
            "+++\na = " + "[" * 5000 + "\n+++\n",
            "+++\ndate = 2025-13-45\n+++\n",
            "Title: x\nDate: " + "[" * 5000 + "\n\nbody",
        ]
    ),
)


@FUZZ
@given(FRONT)
def test_front_matter_parser_and_document_parser_never_raise_unexpectedly(text: str) -> None:
    try:
        parsed = parse_front_matter(text)
    except FrontMatterError:
        parsed = None
    if parsed is not None:
        assert isinstance(parsed[0], dict)
    with contextlib.suppress(FrontMatterError):
        parse_document(text)


@FUZZ
@given(TEXTS)
def test_money_parser_never_raises(text: str) -> None:
    for amount in parse_amounts(text):
        assert amount is not None
    parse_chinese_numeral(text[:20])


@FUZZ
@given(st.lists(TEXTS, max_size=30), st.one_of(st.none(), st.text(max_size=40)))
@example(["B", "C", "B", "A "], None)  # the edge peel once stripped a paragraph it left whole
def test_cleaner_never_raises(paras: list[str], title: str | None) -> None:
    kept = remove_chrome(paras, paras, title)
    assert set(kept) <= set(paras)
    for para in paras[:5]:
        measure(para, para)


@FUZZ
@given(BYTES, CHARSETS)
def test_whole_page_pipeline_never_raises(body: bytes, ctype: str | None) -> None:
    page = Page(
        source="fuzz",
        body=body,
        fetched_at=datetime(2025, 1, 1, tzinfo=UTC),
        path="x.html",
        content_type=ctype,
    )
    result = process_page(page)
    assert (result.article is None) != (result.reject is None)


@FUZZ
@given(st.one_of(st.binary(max_size=1500), TEXTS.map(str.encode)))
def test_listing_parsers_raise_only_fetch_errors(body: bytes) -> None:
    for parse in (
        lambda: parse_feed(body, "http://x/f"),
        lambda: parse_sitemap(body, "http://x/s"),
    ):
        with contextlib.suppress(FetchError):
            parse()


@FUZZ
@given(st.binary(max_size=500), st.sampled_from(["gzip", "deflate", None, "br", "gzip, gzip"]))
def test_body_decoder_raises_only_fetch_errors(chunk: bytes, coding: str | None) -> None:
    with contextlib.suppress(FetchError):
        BodyDecoder(coding, 10_000).feed(chunk)
    parse_retry_after(chunk.decode("latin-1"))
