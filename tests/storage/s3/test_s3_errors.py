"""DATA on s3://: configuration mistakes are one clear line and a non-zero exit, no traceback."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest
from s3kit import EXAMPLES, radar

from extractors.exceptions import ConfigError
from storage.remote import cache_dir, parse_url


def one_clear_line(proc: subprocess.CompletedProcess[str], code: int, needle: str) -> None:
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert needle in lines[0]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.usefixtures("aws_env")
def test_missing_bucket_is_one_line() -> None:
    proc = radar("ingest", "--sources", str(EXAMPLES), "--data", "s3://no-such-bucket/radar")
    one_clear_line(proc, 3, "S3 bucket 'no-such-bucket' does not exist")


@pytest.mark.usefixtures("aws_env")
def test_unreachable_endpoint_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", f"http://127.0.0.1:{closed_port()}")
    proc = radar("digest", "--week", "2025-W02", "--data", "s3://some-bucket/radar")
    one_clear_line(proc, 3, "cannot reach s3://some-bucket/radar")


@pytest.mark.usefixtures("aws_env")
@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ("gs://bucket/radar", "only local folders and s3://bucket/prefix"),
        ("s3://Bad_Bucket/radar", "not a valid S3 bucket name"),
        ("s3://bucket/../radar", "may not start with '.'"),
    ],
)
def test_bad_urls_are_config_errors(data: str, needle: str) -> None:
    one_clear_line(radar("ingest", "--sources", str(EXAMPLES), "--data", data), 2, needle)


@pytest.mark.usefixtures("aws_env")
def test_bad_endpoint_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ENDPOINT_URL", "127.0.0.1:9000")
    proc = radar("ingest", "--sources", str(EXAMPLES), "--data", "s3://bucket/radar")
    one_clear_line(proc, 2, "must look like http(s)://host[:port]")


def test_urls_and_cache_folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = parse_url("s3://my-bucket//policy/radar/")
    assert (url.bucket, url.prefix, str(url)) == (
        "my-bucket",
        "policy/radar",
        "s3://my-bucket/policy/radar",
    )
    assert url.key("articles/x.parquet") == "my-bucket/policy/radar/articles/x.parquet"
    assert str(parse_url("s3://my-bucket")) == "s3://my-bucket"
    monkeypatch.setenv("RADAR_CACHE", str(tmp_path))
    assert cache_dir(url) == tmp_path / "s3" / "my-bucket" / "policy" / "radar"
    monkeypatch.delenv("RADAR_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert (
        cache_dir(url)
        == tmp_path / "xdg" / "policy-radar" / "s3" / "my-bucket" / "policy" / "radar"
    )
    with pytest.raises(ConfigError):
        parse_url("s3:///radar")
