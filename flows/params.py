"""Flow parameters: their form fields (titles, pattern, dropdown) and the one check of their values.

Every entry point (the CLI before Prefect starts, a flow run started from the UI or a schedule)
turns what it received into a checked request here; what runs after takes the typed request and
checks nothing again. Messages name the parameters as the caller knows them: ``since`` in the UI,
``--since`` on the command line (``Names``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import available_timezones

from prefect.client.schemas.objects import State
from prefect.states import Failed
from pydantic import BaseModel, ConfigDict, Field, model_serializer

from extractors.digest.weeks import last_complete_week, parse_week, zone_of
from extractors.exceptions import ConfigError
from flows.config import SourceConfig, load_sources, select_sources
from flows.runtime import quiet_our_errors
from flows.sources import Window

WEEK_PATTERN = r"^\d{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$"
MAX_WINDOW_DAYS = 366
ZONES: tuple[str, ...] = tuple(sorted(available_timezones()))
Names = Callable[[str], str]


def as_parameter(name: str) -> str:
    """Return a parameter's name as a UI user knows it."""
    return name


def as_flag(name: str) -> str:
    """Return a parameter's name as a command-line user knows it (``--window-days``)."""
    return "--" + name.replace("_", "-")


def _field(title: str, **schema: Any) -> Any:
    """Return the form field of a parameter: a readable title (Prefect titles it by its name)."""
    return Field(json_schema_extra={"title": title, **schema})


SourcesFile = Annotated[str | None, _field("Sources file (path of the TOML file)")]
OnlySources = Annotated[list[str] | None, _field("Only these sources (names; empty: all)")]
Data = Annotated[str | None, _field("DATA folder or s3://bucket/prefix")]
Since = Annotated[date, _field("Since (first day, inclusive)")]
Until = Annotated[date, _field("Until (last day, inclusive)")]
OptionalSince = Annotated[date | None, _field("Since (first day, inclusive)")]
OptionalUntil = Annotated[date | None, _field("Until (last day, inclusive)")]
Reextract = Annotated[bool, _field("Re-extract stored pages (no fetching)")]
WindowDays = Annotated[int, _field("Days per ingest window", minimum=1, maximum=MAX_WINDOW_DAYS)]
DaskAddress = Annotated[str | None, _field("Dask scheduler (tcp://host:8786, or local)")]
# The pattern is in the form's schema (the UI and the server check it when a run is created);
# a direct call is checked by check_digest, which says what is wrong with the week.
Week = Annotated[str | None, _field("ISO week (e.g. 2025-W04)", pattern=WEEK_PATTERN)]
# Annotated[str, ...] inside the union: the enum makes the form a dropdown of IANA zones.
Timezone = Annotated[str, Field(json_schema_extra={"enum": list(ZONES)})] | None
TimezoneParam = Annotated[Timezone, _field("Timezone of the digest weeks")]


class IngestRequest(BaseModel):
    """A checked ingest: the sources to run and the window of days to keep.

    A run's parameters are stored by the Prefect server and shown in the UI: they hold the
    file, the source names and the window, never the source settings (headers may be secret).
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    sources_file: Path
    sources: tuple[SourceConfig, ...]
    window: Window

    @model_serializer
    def shown(self) -> dict[str, Any]:
        """Return what the API and the UI may see of the request."""
        return {
            "sources_file": str(self.sources_file),
            "sources": [s.name for s in self.sources],
            "since": self.window.since.isoformat() if self.window.since else None,
            "until": self.window.until.isoformat() if self.window.until else None,
        }


@dataclass(frozen=True, slots=True)
class BackfillRequest:
    """A checked backfill: the windows in date order, the digest weeks and their timezone."""

    ingest: IngestRequest
    windows: tuple[tuple[date, date], ...]
    weeks: tuple[str, ...]
    timezone: str

    @property
    def since(self) -> date:
        """Return the first day of the range."""
        return self.windows[0][0]

    @property
    def until(self) -> date:
        """Return the last day of the range."""
        return self.windows[-1][1]


@dataclass(frozen=True, slots=True)
class DigestRequest:
    """A checked digest: one ISO week in a timezone (feed base URL: None reads the setting)."""

    week: str
    timezone: str
    feed_base_url: str | None = None


def refuse(exc: ConfigError) -> State[Any]:
    """Return the Failed state of a run refused for its parameters: one message, no traceback.

    Returned from a flow it ends the run with that message; a caller of the flow still gets the
    error raised (it is the state's data).
    """
    quiet_our_errors()  # a worker's engine re-raises the state's error: log it without traceback
    return Failed(message=f"{type(exc).__name__}: {exc}", data=exc)


def check_range(since: date | None, until: date | None, names: Names = as_parameter) -> None:
    """Raise ConfigError when since is after until."""
    if since and until and since > until:
        raise ConfigError(f"{names('since')} {since} is after {names('until')} {until}")


def check_ingest(
    sources_file: str | Path,
    only_sources: Sequence[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    names: Names = as_parameter,
) -> IngestRequest:
    """Check an ingest's parameters: the sources file, the names picked from it, the range."""
    check_range(since, until, names)
    path = Path(sources_file)
    try:
        chosen = select_sources(load_sources(path), list(only_sources or []))
    except ConfigError as exc:
        raise ConfigError(_missing_hint(path, str(exc))) from None
    return IngestRequest(sources_file=path, sources=tuple(chosen), window=Window(since, until))


def _missing_hint(path: Path, message: str) -> str:
    """Say where the sample sources are when the default ./sources.toml does not exist."""
    if path.name == "sources.toml" and not path.exists() and message.startswith("sources file"):
        return f"{message} (the bundled sample sources are examples/sources.toml)"
    return message


def split_windows(
    since: date, until: date, window_days: int, names: Names = as_parameter
) -> list[tuple[date, date]]:
    """Return consecutive inclusive windows of ``window_days`` covering [since, until]."""
    if window_days < 1 or window_days > MAX_WINDOW_DAYS:
        raise ConfigError(
            f"{names('window_days')} must be between 1 and {MAX_WINDOW_DAYS}, got {window_days}"
        )
    windows: list[tuple[date, date]] = []
    start = since
    while start <= until:
        # Never a step past the last day: until may be 9999-12-31, the calendar's end.
        if (until - start).days < window_days:
            windows.append((start, until))
            break
        end = start + timedelta(days=window_days - 1)
        windows.append((start, end))
        start = end + timedelta(days=1)
    return windows


def check_timezone(timezone: str | None) -> str:
    """Return the timezone of digest weeks (given, else $RADAR_TIMEZONE, else UTC), checked."""
    from flows.settings import default_timezone

    chosen = (timezone or "").strip() or default_timezone()
    zone_of(chosen)
    return chosen


def check_backfill(
    since: date | None,
    until: date | None,
    sources_file: str | Path,
    only_sources: Sequence[str] | None = None,
    window_days: int = 7,
    timezone: str | None = None,
    names: Names = as_parameter,
) -> BackfillRequest:
    """Check a backfill's parameters: both days, the range, the windows, sources and timezone."""
    from extractors.digest.weeks import weeks_between

    if since is None or until is None:
        raise ConfigError(f"a backfill needs both {names('since')} and {names('until')}")
    windows = split_windows(since, until, window_days, names)  # before the range: cheap first
    ingest = check_ingest(sources_file, only_sources, since, until, names)
    zone = check_timezone(timezone)
    weeks = weeks_between(since, until)
    for week in (weeks[0], weeks[-1]):  # refused before any window runs, not after the last
        try:
            parse_week(week)
        except ConfigError as exc:
            raise ConfigError(
                f"{names('since')} {since} to {names('until')} {until}: a backfill writes the "
                f"digest of every week it touches, and {exc}"
            ) from None
    return BackfillRequest(ingest, tuple(windows), tuple(weeks), zone)


def check_data_held(data: str) -> None:
    """Raise ConfigError when a local DATA folder does not exist: nothing was ever ingested there."""
    # A digest or a measures rebuild reads what an ingest wrote: on a folder that does not exist
    # (a typo in --data) it would write an empty week into a new folder without a word. An
    # existing DATA with nothing in it yet still gets its quiet week.
    from storage.remote import is_remote  # pyarrow's filesystems: loaded when first needed

    if not is_remote(data) and not Path(data).is_dir():
        raise ConfigError(
            f"DATA {data} does not exist: nothing has been ingested there "
            "(run radar ingest first, or check --data and $RADAR_DATA)"
        )


def check_feed_base_url(given: str | None = None) -> str:
    """Return the feed's base URL (given, else $RADAR_FEED_BASE_URL or its Variable), checked."""
    from extractors.tracker import check_base_url
    from flows.settings import feed_base_url

    try:
        return check_base_url(feed_base_url(given))
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def check_digest(
    week: str | None,
    timezone: str | None,
    now: datetime | None = None,
    feed_base_url: str | None = None,
) -> DigestRequest:
    """Check a digest's parameters; no week means the last complete week in the timezone."""
    zone = check_timezone(timezone)
    base = check_feed_base_url(feed_base_url)
    if week is None or not week.strip():
        return DigestRequest(last_complete_week(now or datetime.now(UTC), zone), zone, base)
    parse_week(week)
    return DigestRequest(week.strip(), zone, base)
