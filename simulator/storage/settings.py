"""Settings the candidate chooses once and keeps (colour scheme, text size): a small
JSON file in the data folder, written whole and atomically."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"


class Settings:
    def __init__(self, folder: Path) -> None:
        self.path = folder / SETTINGS_FILE
        self.values: dict[str, Any] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.values = loaded
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:  # a damaged settings file is not worth a failed start
            log.warning("ignoring unreadable settings %s: %s", self.path, exc)

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def set(self, name: str, value: Any) -> None:
        self.values[name] = value
        tmp = self.path.with_name(self.path.name + ".new")
        try:
            tmp.write_text(json.dumps(self.values, indent=2), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:  # remembered for this run at least
            log.warning("could not save settings: %s", exc)
