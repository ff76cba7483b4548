"""Helpers of the S3 suite: readers on moto's server, buckets, listings, CLI runners."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pyarrow.fs as pafs

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "sources.toml"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_REGION": "us-east-1",
}


def s3fs(endpoint: str) -> pafs.S3FileSystem:
    """Return a pyarrow S3 filesystem on the test server (as a downstream reader would)."""
    return pafs.S3FileSystem(
        access_key=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        secret_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region="us-east-1",
        endpoint_override=endpoint.removeprefix("http://"),
        scheme="http",
        allow_bucket_creation=True,
    )


def polars_options(endpoint: str) -> dict[str, str]:
    """Return polars ``storage_options`` for the test server."""
    return {
        "aws_endpoint_url": endpoint,
        "aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        "aws_region": "us-east-1",
        "aws_allow_http": "true",
    }


def new_bucket(endpoint: str) -> str:
    """Create a fresh bucket and return its name."""
    name = f"radar-{uuid.uuid4().hex[:12]}"
    s3fs(endpoint).create_dir(name)
    return name


def listing(endpoint: str, bucket: str) -> dict[str, tuple[int, str, str]]:
    """Return {key: (size, last modified, etag)} of every object, folder markers included."""
    import boto3  # moto's own dependency: lists raw keys, with ETags, as S3 reports them

    client = boto3.client("s3", endpoint_url=endpoint, **_boto_credentials())
    out: dict[str, tuple[int, str, str]] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for obj in page.get("Contents", []):
            out[obj["Key"]] = (obj["Size"], obj["LastModified"].isoformat(), obj["ETag"])
    return out


def _boto_credentials() -> dict[str, str]:
    return {
        "aws_access_key_id": CREDENTIALS["AWS_ACCESS_KEY_ID"],
        "aws_secret_access_key": CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        "region_name": "us-east-1",
    }


def start_radar(*args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    """Start the radar CLI in a subprocess, exactly as a user would (``communicate()`` it)."""
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, **env},
    )


def radar(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the radar CLI in this process (fast), returning what a subprocess would."""
    from typer.testing import CliRunner

    from flows.cli import app

    result = CliRunner().invoke(app, list(args))
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout, result.stderr)
