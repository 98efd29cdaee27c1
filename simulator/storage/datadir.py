"""The data folder: settings, the user database, the built bank and logs."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "cpim-sim"
ENV_VAR = "CPIM_SIM_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else $CPIM_SIM_DATA_DIR, else the platform's user data folder."""
    chosen = override or os.environ.get(ENV_VAR)
    path = Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP_NAME,
                                                                                    appauthor=False))
    return path


def ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
