"""Where the program's own files are: in the installed package, or in a source checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .core.blueprint import Blueprint, load_blueprint

_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    # A wheel maps resources/ and question_db/ into the package; a checkout keeps
    # them beside it, at the project's root.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


def resource_dir() -> Path:
    return _shipped("resources")


def question_db_dir() -> Path:
    return _shipped("question_db")


def resource(name: str) -> Path:
    return resource_dir() / name


@cache
def default_blueprint() -> Blueprint:
    return load_blueprint(resource("blueprint.toml"))
