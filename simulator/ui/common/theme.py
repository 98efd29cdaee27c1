"""The look: fonts, the seven Pearson VUE colour schemes and the text size."""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from ...paths import resource

BASE_PT = 11
SIZE_STEPS = (9, 10, 11, 12, 14, 16, 18, 20, 22)  # Ctrl+- / Ctrl+= step through these


@dataclass(frozen=True)
class Scheme:
    name: str
    fg: str
    bg: str


SCHEMES = (
    Scheme("Black on White", "#000000", "#ffffff"),
    Scheme("Black on Light Yellow", "#000000", "#fffbd6"),
    Scheme("Black on Salmon", "#000000", "#fcd5c4"),
    Scheme("Black on Yellow", "#000000", "#ffff00"),
    Scheme("Blue on White", "#0000c8", "#ffffff"),
    Scheme("Blue on Yellow", "#0000c8", "#ffff00"),
    Scheme("Light Yellow on Black", "#fffbd6", "#000000"),
)


def load_fonts() -> None:
    """The shipped DejaVu Sans, so text looks the same on every machine and the PDF
    embeds a known font even where the system has none."""
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        QFontDatabase.addApplicationFont(str(resource("fonts") / name))


def stylesheet(scheme: Scheme, pt: int = BASE_PT) -> str:
    template = Template(resource("style.qss").read_text(encoding="utf-8"))
    # Radio buttons and the toolbar's icons grow with the text (12 px and 20 px at 11 pt).
    radio, icon = round(12 * pt / BASE_PT), round(20 * pt / BASE_PT)
    return template.substitute(fg=scheme.fg, bg=scheme.bg, pt=pt, sub=pt + 2, big=pt + 5, huge=pt + 21,
                               radio=radio, radius=radio // 2 + 1, icon=icon)


def scheme_named(name: str | None) -> Scheme:
    return next((s for s in SCHEMES if s.name == name), SCHEMES[0])


_applied: tuple[int, Scheme, int] | None = None  # what the application wears now
_styled: int | None = None  # the application made with the -style option (styled())
STYLE = "Fusion"


def styled(app: QApplication) -> None:
    """`app` was made with `-style Fusion` among its arguments: apply() need not set it."""
    global _styled
    _styled = id(app)


def apply(app: QApplication, scheme: Scheme = SCHEMES[0], pt: int = BASE_PT) -> None:
    global _applied
    # Restyling re-polishes every widget: skip it when nothing would change (start-up
    # applies the default before the window knows the remembered choice).
    if _applied == (id(app), scheme, pt):
        return
    _applied = (id(app), scheme, pt)
    if _styled != id(app):
        app.setStyle(STYLE)
    # The palette colours what Fusion draws itself (radio circles, check boxes);
    # the stylesheet does the rest.
    palette = QPalette(app.palette())
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base):
        palette.setColor(role, QColor(scheme.bg))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        palette.setColor(role, QColor(scheme.fg))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet(scheme, pt))
