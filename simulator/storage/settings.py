"""The settings the candidate chooses once and keeps: a small JSON file in the data
folder (settings.json), read into a typed, validated record and written whole and
atomically.

A damaged file (not JSON, not an object, a value of the wrong kind or out of range)
never stops the program: it is set aside under a new name (kept, never deleted), the
values that were sound are kept, the rest take their defaults, the repaired file is
written, and `problem` says so in one line - once, because the next start finds a
sound file.
"""

from __future__ import annotations

import json
import logging
import math
import os
from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"
TEXT_SIZES = (9, 10, 11, 12, 14, 16, 18, 20, 22)  # the Display menu's steps (points)
PAPERS = ("", "A4", "Letter")  # "": the locale's (Letter in North America, A4 elsewhere)
MAX_EXTRA_TIME_PCT = 300.0
MAX_NAME = 80


@dataclass(frozen=True)
class AppSettings:
    candidate: str = ""           # "": the user's login name
    extra_time_pct: float = 0.0   # an accommodation, added to every exam's time
    scheme: str = "Black on White"
    text_pt: int = 11
    paper: str = ""

    def with_(self, **changes: Any) -> AppSettings:
        """A copy with `changes`, each checked as if read from the file (ValueError if bad)."""
        record, problems = validate({**asdict(self), **changes})
        if problems:
            raise ValueError("; ".join(problems))
        return record


def _check(name: str, value: Any) -> Any:
    """The value of one field as stored, or ValueError saying what is wrong."""
    if name == "candidate":
        if not isinstance(value, str) or len(value) > MAX_NAME or any(ord(c) < 32 for c in value):
            raise ValueError(f"a name of at most {MAX_NAME} printable characters")
        return value.strip()
    if name == "extra_time_pct":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not 0 <= value <= MAX_EXTRA_TIME_PCT:
            raise ValueError(f"a percentage from 0 to {MAX_EXTRA_TIME_PCT:g}")
        return float(value)
    if name == "scheme":
        if not isinstance(value, str) or not value or len(value) > 60:
            raise ValueError("the name of a colour scheme")
        return value
    if name == "text_pt":
        if isinstance(value, bool) or value not in TEXT_SIZES:
            raise ValueError("one of the text sizes " + ", ".join(map(str, TEXT_SIZES)))
        return int(value)
    if name == "paper":
        if value not in PAPERS:
            raise ValueError('"A4", "Letter" or "" (the locale\'s)')
        return value
    raise ValueError("unknown")  # pragma: no cover - only fields are checked


def validate(values: dict[str, Any]) -> tuple[AppSettings, list[str]]:
    """The settings in `values` (unknown names are ignored), with a default for each
    value that is not sound, and one line per such value."""
    good: dict[str, Any] = {}
    problems: list[str] = []
    for f in fields(AppSettings):
        if f.name not in values:
            continue
        try:
            good[f.name] = _check(f.name, values[f.name])
        except ValueError as exc:
            problems.append(f"{f.name}: {values[f.name]!r} is not {exc}")
    return replace(AppSettings(), **good), problems


class SettingsFile:
    """DATA/settings.json, loaded at once; `values` is what the program uses."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / SETTINGS_FILE
        self.problem: str | None = None  # a damaged file, said once
        self.others: dict[str, Any] = {}  # names this version does not know, kept as they were
        self.values = self._load()

    def _load(self) -> AppSettings:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return AppSettings()
        except (OSError, UnicodeDecodeError) as exc:
            return self._damaged(f"cannot be read ({getattr(exc, 'strerror', None) or exc})", AppSettings())
        try:
            loaded = json.loads(text)
        except ValueError as exc:
            return self._damaged(f"is not valid JSON ({exc})", AppSettings())
        if not isinstance(loaded, dict):
            return self._damaged("does not hold a JSON object", AppSettings())
        record, problems = validate(loaded)
        known = {f.name for f in fields(AppSettings)}
        self.others = {k: v for k, v in loaded.items() if k not in known}
        if problems:
            return self._damaged("has values that are not valid (" + "; ".join(problems) + ")", record)
        return record

    def _damaged(self, why: str, record: AppSettings) -> AppSettings:
        aside = self._aside_name()
        try:
            os.replace(self.path, aside)
            kept = f"it was kept as {aside.name}"
        except OSError as exc:
            kept = f"it could not be set aside ({exc.strerror or exc})"
        self.problem = (f"The settings file {self.path} {why}; {kept}. "
                        "The other settings are the defaults: choose them again in Settings.")
        log.warning("%s", self.problem)
        self.save(record)
        return record

    def _aside_name(self) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        candidate = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        n = 1
        while candidate.exists():  # never overwrite an earlier one
            n += 1
            candidate = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{n}")
        return candidate

    def save(self, values: AppSettings) -> str | None:
        """Keep `values` (for this run at once; on disk if it can be written). Returns
        the reason it could not be written, or None."""
        self.values = values
        tmp = self.path.with_name(self.path.name + ".new")
        try:
            tmp.write_text(json.dumps({**self.others, **asdict(values)}, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            log.warning("could not save settings %s: %s", self.path, exc)
            return str(exc.strerror or exc)
        return None

    def update(self, **changes: Any) -> str | None:
        return self.save(self.values.with_(**changes))
