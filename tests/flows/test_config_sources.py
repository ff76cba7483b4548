"""The sources file refuses keys that were removed, naming why."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.exceptions import ConfigError
from flows.config import load_sources


def test_redact_headers_is_refused_with_the_reason(tmp_path: Path) -> None:
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "f"\nkind = "feed"\nurl = "https://example.org/feed"\n'
        'redact_headers = ["Authorization"]\n'
    )
    with pytest.raises(ConfigError, match="redact_headers is removed: the value of every header"):
        load_sources(toml)
    toml.write_text('[[sources]]\nname = "f"\nkind = "feed"\nurl = "https://example.org/feed"\n')
    assert load_sources(toml)[0].name == "f"  # the control: the same source without it loads


def test_the_sources_file_refuses_a_malformed_address(tmp_path: Path) -> None:
    toml = tmp_path / "sources.toml"
    toml.write_text(
        '[[sources]]\nname = "u"\nkind = "urls"\nurls = ["http://example.org:99999/a"]\n'
    )
    with pytest.raises(ConfigError, match=r"source #1 \(u\): malformed address"):
        load_sources(toml)


@pytest.mark.parametrize("language", ["klingon", "zh hans", ""])
def test_the_sources_file_refuses_a_language_that_is_no_tag(tmp_path: Path, language: str) -> None:
    toml = tmp_path / "sources.toml"
    source = '[[sources]]\nname = "f"\nkind = "feed"\nurl = "https://example.org/feed"\n'
    toml.write_text(f'{source}language = "{language}"\n')
    with pytest.raises(ConfigError, match="language must be a tag like"):
        load_sources(toml)
    for good in ("en", "zh-Hant", "zh_TW"):
        toml.write_text(f'{source}language = "{good}"\n')
        assert load_sources(toml)[0].language == good
