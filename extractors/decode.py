"""Decode page bytes to text: BOM, declared charset, <meta charset>, then detection."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from extractors.exceptions import DecodeError, ExtractionError

# Legacy Chinese encodings are read by their supersets, so rare characters survive.
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5hkscs",
    "cp950": "big5hkscs",
    "ascii": "utf-8",
    "us-ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_\-:.]+)", re.IGNORECASE)
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A terminal's control sequences (ECMA-48 CSI "ESC [ 31 m", OSC "ESC ] … BEL") in text saved
# from a console: removed whole, or the ESC alone goes and "[31m" stays in the text.
_TERMINAL = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?")
_STRIPPED_BYTES = bytes([*range(9), 11, 12, *range(14, 32)])
# Encodings whose multi-byte sequences never use bytes below 0x20: a control character in the
# text is then a control byte in the body (a C-speed test, 10x cheaper than the regex on text).
_ASCII_SAFE = frozenset({"utf-8", "gb18030", "gbk", "gb2312", "big5", "big5hkscs"})
_CJK_CODECS = frozenset({"gb18030", "big5hkscs"})


def normalize_encoding(name: str | None) -> str | None:
    """Return the Python codec to use for a declared charset, or None if unknown."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        codec = codecs.lookup(label).name
    except (LookupError, ValueError):  # ValueError: a NUL inside the label
        return None
    if codec == "undefined" or not getattr(codecs.lookup(codec), "_is_text_encoding", True):
        return None  # <meta charset=undefined> or base64: codecs that decode no page
    return _SUPERSETS.get(codec, codec)


def sniff_declared(body: bytes, content_type: str | None = None) -> list[str]:
    """Return candidate encodings, most authoritative first (BOM, header, meta)."""
    found: list[str] = []
    for bom, name in _BOMS:
        if body.startswith(bom):
            return [name]
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and (enc := normalize_encoding(match.group(1))):
            found.append(enc)
    meta = _META_CHARSET.search(body[:4096])
    if meta and (enc := normalize_encoding(meta.group(1).decode("ascii", "ignore"))):
        found.append(enc)
    return found


def _magic(head: bytes) -> bool:
    return head.startswith(
        (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")
    )


def looks_binary(body: bytes) -> bool:
    """Return True when bytes look like a binary file rather than text."""
    head = body[:8192]
    if not head:
        return False
    if _magic(head):
        return True
    if any(head.startswith(bom) for bom, name in _BOMS if name.startswith("utf-16")):
        return False
    nul = head.count(b"\x00")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return nul > len(head) // 100 or controls > len(head) // 10


def _has_control_bytes(body: bytes) -> bool:
    return len(body.translate(None, _STRIPPED_BYTES)) != len(body)


def _strict(body: bytes, encoding: str) -> str | None:
    try:
        return body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode page bytes to ``(text, encoding)``; raise ExtractionError for binary input.

    Order: BOM, HTTP charset, <meta charset>, UTF-8, detection; a declared charset that fails
    to decode is not trusted (wrong headers are common). Stray NUL/control bytes are removed.
    """
    if not body.strip():
        raise ExtractionError("empty", "no bytes")
    if looks_binary(body):
        read = _declared_utf16(body, content_type)
        if read is None:
            raise ExtractionError("binary", "content is not text")
        return read
    declared = sniff_declared(body, content_type)
    if b"\x00" not in body:
        # Markup in UTF-16 has a NUL byte in every ASCII character, so a page without one is
        # not UTF-16 whatever it declares (the HTML standard reads <meta charset=utf-16> as
        # UTF-8 for the same reason); read as UTF-16, its even-length bytes become CJK noise.
        declared = [name for name in declared if not name.startswith("utf-16")]
    for bom, _name in _BOMS:
        if body.startswith(bom):
            body = body[len(bom) :]
            break
    for encoding in [*declared, "utf-8"]:
        text = _strict(body, encoding)
        if text is not None:
            if encoding in _ASCII_SAFE and not _has_control_bytes(body):
                return text, encoding
            return _controls_out(text.replace("\x00", "")), encoding
    for encoding in declared:
        # A declared Chinese multi-byte charset with a few bad sequences (at most 1 in 1,000
        # characters: a spliced or truncated page) is kept, bad bytes replaced: charset
        # detection (~13 ms on a 40 KB page) would only weigh the other Chinese codec. A
        # wrong declaration (GBK bytes read as Big5) fails far more often than that.
        if encoding in _CJK_CODECS:
            text = body.decode(encoding, errors="replace")
            if text.count("\ufffd") <= len(text) // 1000:
                return _controls_out(text), encoding
    if not declared and (chinese := _guess_chinese(body)) is not None:
        text = body.decode(chinese, errors="replace")
        if text.count("\ufffd") <= max(8, len(text) // 200):
            return _controls_out(text), chinese
    # With a charset declared, detection's answer is only taken when it is a Chinese codec that
    # decodes the whole page (UTF-8 failed above), so when neither does, detection is skipped: it
    # cost ~2 ms, most of the time of a 3 KB mail-archive page declared us-ascii with 8-bit bytes.
    useless = declared and all(_strict(body, enc) is None for enc in _DETECTED_OVER_DECLARED)
    best = None if useless else from_bytes(body[:200_000]).best()
    if best is not None and best.encoding:
        encoding = normalize_encoding(best.encoding) or best.encoding
        if encoding in {*_DETECTED_OVER_DECLARED, "utf-8"} or not declared:
            text = _strict(body, encoding)
            if text is not None:
                return _controls_out(text), encoding
    # Mostly right but a few bad bytes: keep the declared/likely encoding and replace them.
    # UTF-8 first: a UTF-8 page cut inside a character must not fall to GB18030 mojibake.
    likely = ["utf-8", "gb18030"] if _cjk_share(body, "gb18030") else ["utf-8"]
    for encoding in [*declared, *likely]:
        text = body.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(8, len(text) // 50):
            return _controls_out(text), encoding
    raise DecodeError(f"undecodable bytes (tried {', '.join([*declared, 'utf-8'])})")


# Detected charsets that override a declared one (a GBK page declared Big5, or the reverse).
_DETECTED_OVER_DECLARED = ("gb18030", "big5hkscs")


def _declared_utf16(body: bytes, content_type: str | None) -> tuple[str, str] | None:
    """Return the text of a body its Content-Type declares UTF-16 without a byte-order mark."""
    # Latin text in UTF-16 is half NUL bytes, so it looks binary; the header is then the only
    # place that can say so (a <meta> inside it cannot be read before decoding).
    match = _HEADER_CHARSET.search(content_type or "")
    encoding = normalize_encoding(match.group(1)) if match else None
    if encoding not in ("utf-16", "utf-16-le", "utf-16-be") or _magic(body[:8]):
        return None
    text = _strict(body, encoding)
    if text is None or "\x00" in text or looks_binary(text[:8192].encode("utf-8")):
        return None
    return _controls_out(text), encoding


def _cjk_share(body: bytes, encoding: str) -> bool:
    text = body[:20_000].decode(encoding, errors="replace")
    cjk = _count(_CJK_CHAR, text)
    return cjk > len(text) // 20


# The most frequent Chinese characters, in both scripts: right decodings are full of them.
_FREQUENT = frozenset(
    "的一是不了在人有我他這这個个們们中來来上大為为和國国地到以說说時时要就出會会可也你對对"
    "生能而子那得於于著着下自之年過过發发後后作裡里用道行所然家種种事成方多經经麼么去法學学"
    "如都同現现當当沒没動动面起看定天分還还進进好小部其些主樣样理心本前開开但因只從从想實实"
    "日工業业資资公司政府美元億亿萬万將将與与新技術术人智慧能"
)


# Runs, not single characters: the count is the sum of the run lengths (4x fewer matches
# to build on Chinese text).
_FREQUENT_CHAR = re.compile("[" + "".join(sorted(_FREQUENT)) + "]+")
_BAD_CHAR = re.compile("[\ufffd\ue000-\uf8ff]+")
_CJK_CHAR = re.compile("[\u4e00-\u9fff]+")


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Return how many characters of text the (run) pattern matches."""
    return sum(map(len, pattern.findall(text)))


def _chinese_score(text: str) -> int:
    return _count(_FREQUENT_CHAR, text) - 4 * _count(_BAD_CHAR, text)


def _guess_chinese(body: bytes) -> str | None:
    """Return gb18030 or big5hkscs for undeclared Chinese bytes (the likelier reading), else None."""
    sample = body[:20_000]
    readings = {enc: sample.decode(enc, errors="replace") for enc in ("gb18030", "big5hkscs")}
    scores = {enc: _chinese_score(text) for enc, text in readings.items()}
    best = max(scores, key=lambda enc: (scores[enc], enc == "gb18030"))
    text = readings[best]
    cjk = _count(_CJK_CHAR, text)
    return best if cjk > len(text) // 20 and scores[best] > 0 else None


def _controls_out(text: str) -> str:
    return _CONTROL.sub("", _TERMINAL.sub("", text) if "\x1b" in text else text)


def drop_controls(value: str | None) -> str | None:
    """Return a short field (title, author, outlet) without the control characters text loses."""
    if value is None:
        return None
    return _controls_out(value) or None
