"""The data folder: settings, the user database, the built bank and logs."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "cpim-sim"
ENV_VAR = "CPIM_SIM_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """--data-dir, else $CPIM_SIM_DATA_DIR, else the platform's user data folder."""
    chosen = override or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs  # 4 ms of the start, when no folder is named
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
