"""The one reader of ``SOURCE_DATE_EPOCH``: the date every output of a build carries.

Reproducible builds (https://reproducible-builds.org/specs/source-date-epoch/) set
``SOURCE_DATE_EPOCH`` to a Unix time; the same input then gives byte-identical HTML,
EPUB and exports. Without it a build is dated now. Nothing else in editio reads the
variable: writers get the date from :class:`editio.model.BuildContext`, subprocesses get
the environment from :func:`subprocess_env`.
"""

from __future__ import annotations

import datetime as _dt
import os

VARIABLE = "SOURCE_DATE_EPOCH"


def epoch() -> int | None:
    """The reproducible build time, or None when the variable is unset or not a number."""
    value = os.environ.get(VARIABLE, "").strip()
    return int(value) if value.isdigit() else None


def source_date() -> _dt.datetime:
    """The build's timestamp (UTC, whole seconds): SOURCE_DATE_EPOCH when set, else now."""
    when = epoch()
    if when is not None:
        return _dt.datetime.fromtimestamp(when, tz=_dt.UTC)
    return _dt.datetime.now(tz=_dt.UTC).replace(microsecond=0)


def iso_seconds(when: _dt.datetime) -> str:
    """``YYYY-MM-DDThh:mm:ssZ``, the form of dcterms:modified and the PDF dates."""
    return when.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def subprocess_env() -> dict[str, str]:
    """The environment for a tool editio runs (pandoc): the epoch passed on only when valid."""
    env = dict(os.environ)
    if epoch() is None:
        env.pop(VARIABLE, None)
    return env
