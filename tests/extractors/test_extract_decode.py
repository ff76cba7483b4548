"""Decoding: BOM, declared charsets, GBK/GB2312 as GB18030, Big5, detection, binary."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors.decode import decode_bytes, normalize_encoding
from extractors.exceptions import ExtractionError

ZH = "美国商务部工业与安全局发布人工智能芯片出口管制新规，涉及先进计算芯片。"
TW = "數位發展部表示，人工智慧基本法草案將強化資料治理與產業發展。"


def test_gbk_meta_is_read_as_gb18030() -> None:
    html = f'<html><head><meta charset="gb2312"></head><body><p>{ZH}</p></body></html>'
    text, enc = decode_bytes(html.encode("gbk"))
    assert enc == "gb18030"
    assert ZH in text


def test_gbk_without_declaration_is_detected() -> None:
    text, _ = decode_bytes(f"<p>{ZH * 3}</p>".encode("gbk"))
    assert ZH in text


def test_big5_header_and_detection() -> None:
    body = f"<p>{TW}</p>".encode("big5")
    assert TW in decode_bytes(body, "text/html; charset=big5")[0]
    assert TW in decode_bytes(f"<p>{TW * 3}</p>".encode("big5"))[0]


@pytest.mark.parametrize(
    "bom,enc", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")]
)
def test_bom_wins_and_is_removed(bom: bytes, enc: str) -> None:
    text, used = decode_bytes(bom + f"<p>{ZH}</p>".encode(enc), "text/html; charset=gbk")
    assert used == enc
    assert text.startswith("<p>")


def test_wrong_declared_charset_falls_back() -> None:
    text, enc = decode_bytes(f"<p>{ZH}</p>".encode(), "text/html; charset=gbk")
    assert enc == "utf-8"
    assert ZH in text


def test_declared_gbk_with_a_few_bad_bytes_skips_detection(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A spliced GBK page (3,700 characters) with two truncated characters: the declared
    # charset is kept (bad bytes replaced) without running charset detection.
    good = f'<html><head><meta charset="gbk"></head><body><p>{ZH * 100}</p>'.encode("gbk")
    body = good + b"\xb9</p><p>" + ZH.encode("gbk") + b"\xd6</p></body></html>"

    def no_detection(*args: object, **kwargs: object) -> object:
        raise AssertionError("charset detection ran")

    monkeypatch.setattr("extractors.decode.from_bytes", no_detection)
    text, enc = decode_bytes(body)
    assert enc == "gb18030"
    assert text.count(ZH) == 101
    assert text.count("\ufffd") == 2


def test_declared_chinese_charset_with_many_bad_bytes_is_detected() -> None:
    # GBK bytes declared Big5: many invalid sequences, so detection still decides.
    body = f'<html><head><meta charset="big5"></head><body><p>{ZH * 3}</p>'.encode("gbk")
    text, enc = decode_bytes(body)
    assert enc == "gb18030"
    assert ZH in text


def test_binary_and_empty_are_rejected() -> None:
    with pytest.raises(ExtractionError) as info:
        decode_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert info.value.reason == "binary"
    with pytest.raises(ExtractionError) as info:
        decode_bytes(b"   \n")
    assert info.value.reason == "empty"


def test_encoding_aliases() -> None:
    assert normalize_encoding("GB2312") == "gb18030"
    assert normalize_encoding("x-gbk") == "gb18030"
    assert normalize_encoding("BIG5") == "big5hkscs"
    assert normalize_encoding("no-such-charset") is None


@given(st.binary(max_size=2048), st.one_of(st.none(), st.text(max_size=40)))
def test_decode_never_raises_anything_but_extraction_error(body: bytes, ctype: str | None) -> None:
    try:
        text, _ = decode_bytes(body, ctype)
    except ExtractionError:
        return
    assert "\x00" not in text


def test_declared_ascii_with_latin1_bytes_skips_detection(monkeypatch: pytest.MonkeyPatch) -> None:
    # A mail-archive page declared us-ascii holding Latin-1 bytes that no Chinese codec decodes:
    # detection could not override the declaration, so it is not run; bad bytes are replaced.
    body = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=us-ascii">'
        b"</head><body><pre>Caf\xe9 opens at nine, \xe0 bient\xf4t.</pre></body></html>"
    )

    def no_detection(*args: object, **kwargs: object) -> object:
        raise AssertionError("charset detection ran")

    monkeypatch.setattr("extractors.decode.from_bytes", no_detection)
    text, enc = decode_bytes(body)
    assert enc == "utf-8"
    assert "Caf\ufffd opens at nine" in text
