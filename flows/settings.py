"""Settings the Prefect way: Variables for DATA and the sources file, a block for S3 credentials.

DATA: the ``data`` parameter, else ``$RADAR_DATA``, else the Prefect Variable ``radar_data``
(``prefect variable set radar_data /srv/radar/data``), else ``./radar-data``. The sources file
likewise: ``sources_file``, ``$RADAR_SOURCES``, the Variable ``radar_sources``, ``./sources.toml``.
The feed's base URL (the public address of DATA/digests/): ``--feed-base-url``,
``$RADAR_FEED_BASE_URL``, the Variable ``radar_feed_base_url``, else relative links.
S3 credentials: the standard AWS variables, else the block ``radar-s3/radar`` (``S3Credentials``;
``RADAR_S3_BLOCK`` names another document), copied into this process's environment for pyarrow.
The Variable and the block are read only from a real Prefect server (``PREFECT_API_URL``).
"""

from __future__ import annotations

import logging
import os

from prefect.blocks.core import Block
from pydantic import Field, SecretStr

from flows.config import DEFAULT_DATA

DATA_VARIABLE = "radar_data"
SOURCES_VARIABLE = "radar_sources"
DEFAULT_SOURCES = "sources.toml"
S3_BLOCK_ENV = "RADAR_S3_BLOCK"
S3_BLOCK_NAME = "radar"
TIMEZONE_ENV = "RADAR_TIMEZONE"
FEED_BASE_URL_ENV = "RADAR_FEED_BASE_URL"
FEED_BASE_URL_VARIABLE = "radar_feed_base_url"
log = logging.getLogger("policy_radar.settings")


class S3Credentials(Block):
    """Credentials and endpoint for DATA on S3 (read when the AWS variables are unset)."""

    _block_type_name = "Radar S3"
    _block_type_slug = "radar-s3"
    _description = "Credentials, region and endpoint Policy Radar uses for an s3:// DATA."

    aws_access_key_id: str | None = Field(default=None, title="AWS access key id")
    aws_secret_access_key: SecretStr | None = Field(default=None, title="AWS secret access key")
    aws_session_token: SecretStr | None = Field(default=None, title="AWS session token")
    region: str | None = Field(default=None, title="Region", examples=["eu-west-1"])
    endpoint_url: str | None = Field(
        default=None,
        title="Endpoint URL (S3-compatible servers only)",
        examples=["http://minio.internal:9000"],
    )

    def environment(self) -> dict[str, str]:
        """Return the AWS variables this block stands for (only the fields that are set)."""
        values = {
            "AWS_ACCESS_KEY_ID": self.aws_access_key_id,
            "AWS_SECRET_ACCESS_KEY": _reveal(self.aws_secret_access_key),
            "AWS_SESSION_TOKEN": _reveal(self.aws_session_token),
            "AWS_REGION": self.region,
            "AWS_ENDPOINT_URL_S3": self.endpoint_url,
        }
        return {key: value for key, value in values.items() if value}


def _reveal(secret: SecretStr | None) -> str | None:
    return secret.get_secret_value() if secret is not None else None


def default_timezone() -> str:
    """Return the configured timezone of digest weeks: $RADAR_TIMEZONE, else UTC."""
    return os.environ.get(TIMEZONE_ENV, "").strip() or "UTC"


def _server() -> bool:
    from flows.runtime import server_url

    return server_url() is not None


def _setting(given: str | None, env: str, variable: str, default: str) -> str:
    """Return a setting: the argument, else the environment, else the Prefect Variable, else default."""
    chosen = (given or "").strip() or os.environ.get(env, "").strip()
    if chosen:
        return chosen
    if _server():
        from prefect.variables import Variable

        stored = Variable.get(variable, default=None)
        if isinstance(stored, str) and stored.strip():
            return stored.strip()
    return default


def data_location(data: str | None = None) -> str:
    """Return DATA: the argument, else $RADAR_DATA, else the Variable radar_data, else ./radar-data."""
    return _setting(data, "RADAR_DATA", DATA_VARIABLE, DEFAULT_DATA)


def sources_location(sources_file: str | None = None) -> str:
    """Return the sources file: the argument, else $RADAR_SOURCES, else radar_sources, else ./sources.toml."""
    return _setting(sources_file, "RADAR_SOURCES", SOURCES_VARIABLE, DEFAULT_SOURCES)


def feed_base_url(given: str | None = None) -> str:
    """Return the public URL of DATA/digests/: given, $RADAR_FEED_BASE_URL, its Variable, else ''."""
    return _setting(given, FEED_BASE_URL_ENV, FEED_BASE_URL_VARIABLE, "")


def apply_s3_credentials(data: str) -> list[str]:
    """For an s3:// DATA without AWS variables, set them from the S3Credentials block; return names."""
    if not data.startswith("s3://") or os.environ.get("AWS_ACCESS_KEY_ID") or not _server():
        return []
    name = os.environ.get(S3_BLOCK_ENV, "").strip() or S3_BLOCK_NAME
    try:
        block = S3Credentials.load(name)
    except ValueError:  # no such block document: the AWS defaults (profile, role) apply
        return []
    assert isinstance(block, S3Credentials)  # the sync call returns the block, not a coroutine
    added = {k: v for k, v in block.environment().items() if not os.environ.get(k)}
    os.environ.update(added)
    log.info("S3 settings from block radar-s3/%s: %s", name, ", ".join(sorted(added)))
    return sorted(added)
