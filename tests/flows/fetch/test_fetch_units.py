"""Pure parts of the fetcher: addresses, delays, body caps, redaction, settings."""

from __future__ import annotations

import gzip
import random
import zlib
from datetime import UTC, datetime

import pytest

from extractors.exceptions import FetchError
from flows.fetch import (
    BodyDecoder,
    FetchSettings,
    check_addresses,
    compute_backoff,
    host_key,
    is_html_type,
    is_public_address,
    parse_retry_after,
    redact,
    strip_userinfo,
)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("192.168.0.1", False),
        ("172.16.5.5", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
        ("not-an-ip", False),
    ],
)
def test_classify_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_check_addresses_names_the_blocked_one() -> None:
    check_addresses("example.org", ["93.184.216.34"])
    with pytest.raises(FetchError) as err:
        check_addresses("internal", ["93.184.216.34", "10.0.0.7"])
    assert err.value.reason == "blocked_address"
    assert "10.0.0.7" in err.value.detail


def test_parse_retry_after_seconds_and_dates() -> None:
    now = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Wed, 01 Jan 2025 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Wed, 01 Jan 2025 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_backoff_grows_with_jitter_and_cap() -> None:
    rng = random.Random(1)
    waits = [compute_backoff(n, 1.0, 5.0, rng) for n in range(1, 6)]
    assert 0.5 <= waits[0] <= 1.0
    assert 1.0 <= waits[1] <= 2.0
    assert all(w <= 5.0 for w in waits)
    assert waits[4] >= 2.5


def test_gzip_bomb_is_cut_after_decompression() -> None:
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    decoder = BodyDecoder("gzip", 1024 * 1024)
    with pytest.raises(FetchError) as err:
        for i in range(0, len(bomb), 16384):
            out = decoder.feed(bomb[i : i + 16384])
            assert len(out) <= 1024 * 1024 + 1
    assert err.value.reason == "too_large"


def test_decoder_handles_deflate_and_identity() -> None:
    text = b"<html>" + b"x" * 1000 + b"</html>"
    assert BodyDecoder("deflate", 10_000).feed(zlib.compress(text)) == text
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    assert BodyDecoder("deflate", 10_000).feed(raw.compress(text) + raw.flush()) == text
    assert BodyDecoder(None, 10_000).feed(text) == text
    with pytest.raises(FetchError):
        BodyDecoder(None, 10).feed(text)
    with pytest.raises(FetchError) as err:
        BodyDecoder("br", 10)
    assert err.value.reason == "parse_error"


def test_small_helpers() -> None:
    assert host_key("https://User:pw@Example.org:8443/a?b") == "https://example.org:8443"
    assert strip_userinfo("https://u:p@h.org/x") == "https://h.org/x"
    assert redact("Bearer s3cret-token failed", ["s3cret-token"]) == "Bearer *** failed"
    assert is_html_type("text/html; charset=gbk")
    assert is_html_type(None)
    assert not is_html_type("application/pdf")


def test_settings_from_env() -> None:
    env = {"RADAR_FETCH_MIN_INTERVAL": "0.25", "RADAR_FETCH_MAX_ATTEMPTS": "2"}
    settings = FetchSettings.from_env(env)
    assert settings.min_interval == 0.25
    assert settings.max_attempts == 2
    assert settings.per_host == 2
    with pytest.raises(ValueError, match="RADAR_FETCH_PER_HOST"):
        FetchSettings.from_env({"RADAR_FETCH_PER_HOST": "two"})
