"""The sources file checks each value's form where it is read, not on the first request."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.exceptions import ConfigError
from flows.config import load_sources

FEED = '[[sources]]\nname = "f"\nkind = "feed"\nurl = "https://example.org/feed"\n'


def _load(tmp_path: Path, text: str) -> None:
    toml = tmp_path / "sources.toml"
    toml.write_text(text, encoding="utf-8")
    load_sources(toml)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('allow_private = "false"', "allow_private must be true or false"),
        ("allow_private = 0", "allow_private must be true or false"),
        ("max_pages = true", "max_pages must be a positive integer, got True"),
        ("max_pages = 2.5", "max_pages must be a positive integer"),
        ("recheck_days = nan", "recheck_days must be a number from 0 to 36500, got nan"),
        ("recheck_days = inf", "recheck_days must be a number from 0 to 36500"),
        ("recheck_days = 1e12", "recheck_days must be a number from 0 to 36500"),
        ('headers = { "X Token" = "a" }', "'X Token' is no HTTP header name"),
        ('headers = { "X-Token" = "a\\nX-Other: b" }', "header X-Token must be printable ASCII"),
        ("headers = { X-Version = 2 }", "headers must be a table of strings"),
        ('user_agent = "radar\\r\\nX-Other: b"', "user_agent must be printable ASCII"),
        ("user_agent = 7", "user_agent must be a string"),
        ('user_agent = "Radar München"', "user_agent must be printable ASCII"),
        ('headers = { "X-City" = "Zürich" }', "header X-City must be printable ASCII"),
    ],
)
def test_a_value_of_the_wrong_form_is_refused_by_name(
    tmp_path: Path, line: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        _load(tmp_path, f"{FEED}{line}\n")


@pytest.mark.parametrize(
    "line",
    [
        "allow_private = false",
        "max_pages = 3",
        "recheck_days = 0",
        "recheck_days = 36500",
        'headers = { "X-Api-Key" = "k 1\\t2" }',
        'user_agent = "Radar/1.0 (+mailto:ops@example.org)"',
    ],
)
def test_the_same_keys_in_their_right_form_load(tmp_path: Path, line: str) -> None:
    _load(tmp_path, f"{FEED}{line}\n")


def test_a_source_name_with_a_control_character_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="holds a control character"):
        _load(tmp_path, FEED.replace('name = "f"', 'name = "f\\u0007g"'))


def test_a_url_list_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_bytes(
        b"\xef\xbb\xbfhttps://example.org/a\r\nhttps://example.org/b\r\n"
    )
    toml = tmp_path / "sources.toml"
    toml.write_text('[[sources]]\nname = "u"\nkind = "urls"\nfile = "urls.txt"\n', encoding="utf-8")
    assert load_sources(toml)[0].urls == ("https://example.org/a", "https://example.org/b")


def test_a_url_list_that_is_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_bytes("https://example.org/新闻\n".encode("gbk"))
    toml = tmp_path / "sources.toml"
    toml.write_text('[[sources]]\nname = "u"\nkind = "urls"\nfile = "urls.txt"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"urls.txt is not UTF-8 \(byte 20\)"):
        load_sources(toml)
