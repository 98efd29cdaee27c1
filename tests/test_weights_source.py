"""README and the blueprint say the same, true thing about where the weights come from."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "eight-part blueprint published for CPIM 7.0 Part 2"


def _flat(text: str) -> str:
    return " ".join(text.replace("#", " ").split())


def test_readme_and_blueprint_name_the_same_source():
    readme = _flat((ROOT / "README.md").read_text(encoding="utf-8"))
    blueprint = _flat((ROOT / "resources" / "blueprint.toml").read_text(encoding="utf-8"))
    for text in (readme, blueprint):
        assert SOURCE in text
        assert "no public 8.0 percentages were found" in text
    assert "proportions of the eight CPIM 8.0" not in readme
