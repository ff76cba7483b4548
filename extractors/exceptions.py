"""Policy Radar's exceptions, one hierarchy for the whole pipeline.

    RadarError                  base of everything we raise on purpose
    ├── ConfigError             bad sources file, unknown source kind, bad date or week
    ├── ExtractionError         a page cannot become an article; carries a reject ``reason``
    │   ├── DecodeError         bytes that no candidate encoding decodes
    │   └── FrontMatterError    front matter that is not a YAML mapping
    ├── FetchError              a remote page could not be fetched; carries a reject ``reason``
    ├── SignalError             the signal detector failed on an article (a bug: logged and counted)
    ├── StorageError            DATA is unwritable, full, or holds unreadable files
    ├── ClusterError            (flows.runtime) the Dask cluster lost an extraction batch
    └── SourceFailedError       (flows.sources) a remote source's listing cannot be read at all

Pages that fail become ``rejects`` rows with ``reason``/``detail``; only ``ConfigError`` and
``StorageError`` stop a run, with one clear line.
"""

from __future__ import annotations


class RadarError(Exception):
    """Base class of every error Policy Radar raises on purpose."""


class ConfigError(RadarError):
    """The sources file, a parameter or a date is invalid."""


class ExtractionError(RadarError):
    """A page cannot become an article."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class DecodeError(ExtractionError):
    """The bytes of a page decode with no candidate encoding."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("decode_error", detail)


class FrontMatterError(ExtractionError):
    """The front matter of a Markdown page is not a YAML mapping."""

    def __init__(self, detail: str = "") -> None:
        super().__init__("parse_error", detail)


class FetchError(RadarError):
    """A remote page could not be fetched."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class SignalError(RadarError):
    """The signal detector raised on an article: a bug to report, never "no signals"."""


class StorageError(RadarError):
    """The data directory cannot be written or read."""
