"""Home, the study desk: the ways to practise, progress at a glance, the history and
the settings, in the program's own calm look (the Pearson VUE chrome is for the exam
alone, so the candidate always knows whether the exam is "on").

Every action has an Alt mnemonic on its button; Tab goes through them in reading
order. Progress comes from the desk's aggregate queries (one each), never from
loading every attempt.

For the practice layer: `HomeScreen.set_readiness(text)` and `set_due(text)` fill
the two panels that say what they will show until then, and
`simulator.ui.home.practice.set_practice_opener(fn)` replaces what "Practice..."
opens (see that module).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...app.desk import FULL_ITEMS, FULL_MINUTES, Progress
from ...core.clock import hms
from ..common.dialogs import ask
from ..common.widgets import named
from ..idle import after_first_paint

if TYPE_CHECKING:
    from ...app.desk import Desk
    from ..launch import Shell
    from ..report.answers import AnswerReviewScreen
    from ..report.history import HistoryScreen
    from ..report.results import ResultsScreen

ACCENT = "#2f7f86"
HOME_STYLE = f"""
#homeWindow, #homeScreen, #homeBody {{ background: #f3f5f7; }}
#homeScreen QLabel {{ color: #1f2a33; background: transparent; }}
#homeTitle {{ font-size: 20pt; font-weight: bold; color: #1f4e5a; }}
#homeGreeting, #homeNote {{ color: #51606b; }}
#homeCard {{ background: #ffffff; border: 1px solid #dde3e8; border-radius: 8px; }}
#homeCardTitle {{ font-weight: bold; color: #1f4e5a; }}
#homeScreen QPushButton {{ background: #ffffff; color: #1f2a33; border: 1px solid #b9c6cf;
    border-radius: 6px; padding: 7px 14px; text-align: left; }}
#homeScreen QPushButton:hover {{ background: #e9f2f3; }}
#homeScreen QPushButton:focus {{ border: 2px solid {ACCENT}; }}
#homeScreen QPushButton#startExamButton {{ background: {ACCENT}; color: #ffffff;
    border: 1px solid {ACCENT}; }}
#homeScreen QPushButton#startExamButton:focus {{ border: 2px solid #17464b; }}
#homeScreen QPushButton#startExamButton:hover {{ background: #286d73; }}
#homeScreen QPushButton#startExamButton, #homeScreen QPushButton#startOnvueButton,
#homeScreen QPushButton#customExamButton, #homeScreen QPushButton#practiceButton {{ min-width: 12em; }}
#resumeBanner {{ background: #fff4d6; border: 1px solid #e6c770; border-radius: 8px; }}
#lastScore {{ font-size: 22pt; font-weight: bold; color: #1f2a33; }}
#homeScreen QProgressBar {{ border: 1px solid #cdd6dc; border-radius: 4px; background: #eef1f3;
    color: #1f2a33; text-align: center; min-height: 16px; max-height: 18px; }}
#homeScreen QProgressBar::chunk {{ background: #7fb8bd; border-radius: 3px; }}
"""


def card(title: str, name: str) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("homeCard")
    frame.setAccessibleName(title)
    frame.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
    column = QVBoxLayout(frame)
    column.setContentsMargins(16, 12, 16, 14)
    column.setSpacing(6)
    heading = named(QLabel(title), "homeCardTitle", title)
    column.addWidget(heading)
    frame.setProperty("panel", name)
    return frame, column


def home_button(text: str, name: str, accessible: str, hint: str) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    button.setAccessibleDescription(hint)
    button.setToolTip(hint)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return button


def note(text: str, name: str, accessible: str) -> QLabel:
    label = named(QLabel(text), name, accessible)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ScoreTrend(QWidget):
    """The last scaled scores as a small line, the passing score dashed."""

    def __init__(self) -> None:
        super().__init__()
        named(self, "scoreTrendSpark", "Trend of the last scaled scores")
        self.scores: list[int] = []
        self.setMinimumSize(160, 44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_scores(self, scores: list[int]) -> None:
        self.scores = scores
        self.setAccessibleDescription(", ".join(map(str, scores)) or "no scores yet")
        self.update()

    def paintEvent(self, _event: Any) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(4, 4, -4, -4)

        def y(score: float) -> float:
            return r.bottom() - (max(200.0, min(350.0, score)) - 200) / 150 * r.height()
        pen = QPen(QColor("#9aa7b0"), 1, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(r.left(), y(300)), QPointF(r.right(), y(300)))
        if not self.scores:
            return
        step = r.width() / max(1, len(self.scores) - 1)
        points = [QPointF(r.left() + n * step if len(self.scores) > 1 else r.center().x(), y(s))
                  for n, s in enumerate(self.scores)]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        p.setPen(QPen(QColor(ACCENT), 2))
        p.drawPath(path)
        for point, score in zip(points, self.scores, strict=True):
            p.setBrush(QColor("#1d7a34" if score >= 300 else "#b3261e"))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawEllipse(point, 3.5, 3.5)


class HomeScreen(QWidget):
    """The desk itself; its buttons' signals are wired by HomeWindow."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "homeScreen", "Home")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("homeBody")
        body.setAccessibleName("Home")
        scroll.setAccessibleName("Home")
        scroll.setWidget(body)
        outer.addWidget(scroll)
        page = QVBoxLayout(body)
        page.setContentsMargins(36, 24, 36, 24)
        page.setSpacing(14)

        top = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(named(QLabel("CPIM Study Desk"), "homeTitle", "CPIM Study Desk"))
        self.greeting = note("", "homeGreeting", "Greeting")
        titles.addWidget(self.greeting)
        top.addLayout(titles, 1)
        self.history_button = home_button("&History", "historyButton", "History",
                                          "Every attempt, its score and the trends (Alt+H)")
        self.settings_button = home_button("&Settings", "settingsButton", "Settings",
                                           "Your name, extra time, colours, text size, paper size (Alt+S)")
        self.banks_button = home_button("Question &banks...", "banksButton", "Question banks",
                                        "Import from Moodle, Aiken or CSV; sit an imported bank (Alt+B)")
        self.quit_button = home_button("&Quit", "quitButton", "Quit", "Close the program (Alt+Q)")
        for b in (self.history_button, self.settings_button, self.banks_button, self.quit_button):
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            top.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)
        page.addLayout(top)

        # An unfinished exam the candidate put off at the start.
        self.resume_banner = QFrame()
        self.resume_banner.setObjectName("resumeBanner")
        self.resume_banner.setAccessibleName("Unfinished exam")
        self.resume_banner.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        banner = QHBoxLayout(self.resume_banner)
        banner.setContentsMargins(16, 8, 12, 8)
        self.resume_text = note("", "resumeText", "Unfinished exam")
        self.resume_button = home_button("&Resume it", "resumeButton", "Resume the unfinished exam",
                                         "Carry on where you stopped (Alt+R)")
        self.resume_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        banner.addWidget(self.resume_text, 1)
        banner.addWidget(self.resume_button)
        self.resume_banner.hide()
        page.addWidget(self.resume_banner)

        start, start_col = card("Start", "start")
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(4)
        self.start_button = home_button("&Full CPIM mock exam", "startExamButton", "Full CPIM mock exam",
                                        "150 items, 3:30:00, at a test centre (Alt+F)")
        self.onvue_button = home_button("&OnVUE mock exam", "startOnvueButton", "OnVUE mock exam",
                                        "150 items, 3:30:00, online-proctored rules (Alt+O)")
        self.custom_button = home_button("&Custom exam...", "customExamButton", "Custom exam",
                                         "Your length, time, domains and feedback (Alt+C)")
        self.practice_button = home_button("&Practice...", "practiceButton", "Practice",
                                           "Practice: missed, flagged, due today or weakest first (Alt+P)")
        explanations = (
            (f"{FULL_ITEMS} items in {hms(FULL_MINUTES * 60)}, 20 of them unscored pretest items, as at a "
             "Pearson VUE test centre."),
            ("The same exam with the online-proctored rules: system check, full screen, whiteboard, "
             "focus-loss warnings."),
            "10 to 150 items from the domains and subtopics you choose, exam or study feedback.",
            "Missed, flagged, due today or weakest first: the key, the explanation and the term after "
            "each answer.")
        starts = (self.start_button, self.onvue_button, self.custom_button, self.practice_button)
        for row, (button, text) in enumerate(zip(starts, explanations, strict=True)):
            grid.addWidget(button, row, 0)
            grid.addWidget(note(text, "homeNote", f"About {button.accessibleName()}"), row, 1)
        grid.setColumnStretch(1, 1)
        start_col.addLayout(grid)
        page.addWidget(start)
        page.addStretch(1)
        self._page = page
        self.panels_built = False

        # Reading order: resume, the four ways to start, then History, Settings, Quit.
        order = [self.resume_button, self.start_button, self.onvue_button, self.custom_button,
                 self.practice_button, self.history_button, self.settings_button, self.quit_button]
        for a, b in pairwise(order):
            QWidget.setTabOrder(a, b)

    def build_panels(self) -> None:
        """Progress at a glance, below the ways to start: made once Home is painted
        (HomeWindow.refresh), so the start paints the buttons without them; filled by
        show_progress and the practice layer."""
        if self.panels_built:
            return
        self.panels_built = True
        panels = QGridLayout()
        panels.setHorizontalSpacing(14)
        panels.setVerticalSpacing(14)
        score, score_col = card("Last score", "score")
        self.last_score = note("-", "lastScore", "Last scaled score")
        self.last_detail = note("No exam finished yet: your scaled score (200-350, 300 passes) "
                                "and its trend appear here.", "lastScoreDetail", "About the last score")
        self.trend = ScoreTrend()
        score_col.addWidget(self.last_score)
        score_col.addWidget(self.trend)
        score_col.addWidget(self.last_detail)
        score_col.addStretch(1)
        panels.addWidget(score, 0, 0)

        ready, ready_col = card("Readiness", "readiness")
        self.readiness = note("Your chance of passing, with its margin, estimated from every scored answer: "
                              "shown here once the practice sessions have enough answers.",
                              "readiness", "Readiness")
        ready_col.addWidget(self.readiness)
        ready_col.addStretch(1)
        panels.addWidget(ready, 0, 1)

        due, due_col = card("Due today", "due")
        self.due_count = note("Items whose spaced-repetition review falls due today: shown here once "
                              "practice with spaced repetition is on.", "dueCount", "Items due today")
        due_col.addWidget(self.due_count)
        due_col.addStretch(1)
        panels.addWidget(due, 0, 2)

        mastery, mastery_col = card("Mastery by domain", "mastery")
        self.mastery_grid = QGridLayout()
        self.mastery_grid.setHorizontalSpacing(10)
        self.mastery_grid.setVerticalSpacing(4)
        self.mastery_grid.setColumnStretch(1, 1)
        mastery_col.addLayout(self.mastery_grid)
        self.mastery_bars: dict[str, QProgressBar] = {}
        panels.addWidget(mastery, 1, 0, 1, 2)

        coverage, coverage_col = card("Coverage of the bank", "coverage")
        self.coverage = note("", "bankCoverage", "Coverage of the bank")
        self.coverage_bar = named(QProgressBar(), "bankCoverageBar", "Share of the bank seen")
        self.coverage_bar.setTextVisible(True)
        coverage_col.addWidget(self.coverage)
        coverage_col.addWidget(self.coverage_bar)
        coverage_col.addWidget(note("New exams prefer the items you have not seen yet.", "homeNote",
                                    "About coverage"))
        coverage_col.addStretch(1)
        panels.addWidget(coverage, 1, 2)
        for c in range(3):
            panels.setColumnStretch(c, 1)
        self._page.insertLayout(self._page.count() - 1, panels)  # above the closing stretch

    # --- what it shows -------------------------------------------------------------------
    def greet(self, candidate: str) -> None:
        self.greeting.setText(f"Welcome back, {candidate}. Pick up where your preparation left off.")

    def show_progress(self, progress: Progress) -> None:
        self.build_panels()
        recent = progress.recent
        if recent:
            last = recent[-1]
            verdict = "PASS" if last["passed"] else "FAIL"
            self.last_score.setText(f"{last['scaled_score']}  {verdict}")
            change = ""
            if len(recent) > 1:
                delta = last["scaled_score"] - recent[-2]["scaled_score"]
                change = f"; {'+' if delta >= 0 else ''}{delta} on the attempt before"
            self.last_detail.setText(
                f"Attempt {last['id']}: {last['items']} items, {last['mode']} mode{change}. "
                f"Line: your last {len(recent)} scores (dashed: 300, the passing score).")
        else:
            self.last_score.setText("-")
            self.last_detail.setText("No exam finished yet: your scaled score (200-350, 300 passes) "
                                     "and its trend appear here.")
        self.trend.set_scores([r["scaled_score"] for r in recent])
        self.last_score.setAccessibleDescription(self.last_score.text())
        self._show_mastery(progress.domains)
        self.coverage.setText(f"Seen {progress.seen} of {progress.total} items")
        self.coverage_bar.setRange(0, max(1, progress.total))
        self.coverage_bar.setValue(min(progress.seen, progress.total))
        self.coverage_bar.setFormat(f"{progress.seen / max(1, progress.total):.0%}")

    def _show_mastery(self, domains: list[tuple[str, int, int]]) -> None:
        if not self.mastery_bars:
            for row, (name, _answered, _correct) in enumerate(domains):
                label = note(name, "masteryName", f"Domain {name}")
                made = QProgressBar()
                named(made, f"mastery{row + 1}", f"Mastery of {name}")
                made.setRange(0, 100)
                self.mastery_grid.addWidget(label, row, 0)
                self.mastery_grid.addWidget(made, row, 1)
                self.mastery_bars[name] = made
        for name, answered, correct in domains:
            if name not in self.mastery_bars:
                continue
            bar = self.mastery_bars[name]
            if answered:
                percent = round(100 * correct / answered)
                bar.setValue(percent)
                bar.setFormat(f"{percent}% of {answered} answered")
            else:
                bar.setValue(0)
                bar.setFormat("not answered yet")
            bar.setAccessibleDescription(bar.format())

    def show_unfinished(self, text: str | None) -> None:
        self.resume_banner.setVisible(bool(text))
        self.resume_text.setText(text or "")

    # --- for the practice layer ------------------------------------------------------------
    def set_readiness(self, text: str) -> None:
        """Replace the readiness panel's text (the practice layer's estimate)."""
        self.readiness.setText(text)

    def set_due(self, text: str) -> None:
        """Replace the due-today panel's text (the practice layer's count)."""
        self.due_count.setText(text)


class HomeWindow(QMainWindow):
    """Home and the screens reached from it (History), one at a time."""

    shown_history = Signal()

    def __init__(self, desk: Desk, shell: Shell) -> None:
        super().__init__()
        self.desk, self.shell = desk, shell
        self.setObjectName("homeWindow")
        self.setAccessibleName("CPIM Study Desk")
        self.setWindowTitle("CPIM Study Desk")
        self.setMinimumSize(800, 600)
        self.setStyleSheet(HOME_STYLE)
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.screen_ = HomeScreen(self.stack)
        self.stack.addWidget(self.screen_)
        self._history: HistoryScreen | None = None
        self._results: ResultsScreen | None = None
        self._answers: AnswerReviewScreen | None = None
        self.report: dict[str, Any] | None = None  # the past report on screen
        self._panels_due = False  # the progress panels wait for the first paint
        self.dialog = None  # the custom exam, practice or settings dialog open now
        s = self.screen_
        s.start_button.clicked.connect(lambda: self.shell.start_exam(self.desk.exam_options()))
        s.onvue_button.clicked.connect(lambda: self.shell.start_exam(self.desk.exam_options(onvue=True)))
        s.custom_button.clicked.connect(self.open_custom)
        s.practice_button.clicked.connect(self.open_practice)
        s.history_button.clicked.connect(self.show_history)
        s.settings_button.clicked.connect(self.open_settings)
        s.banks_button.clicked.connect(self.open_banks)
        s.quit_button.clicked.connect(self.close)
        s.resume_button.clicked.connect(self.resume_unfinished)

    @property
    def home(self) -> HomeScreen:
        return self.screen_

    def refresh(self) -> None:
        """Read the progress again (after an exam, a deletion, new settings)."""
        self.screen_.greet(self.desk.candidate())
        if self.screen_.panels_built:
            self._show_panels()
        elif not self._panels_due:
            # The first time, once Home is painted: made and filled in two idle steps
            # (the practice layer's take a few tens of milliseconds), the start does
            # not wait for them.
            self._panels_due = True
            after_first_paint([self._show_progress, self._fill_practice_panels], self)
        attempt = self.desk.unfinished()
        if attempt is None:
            self.screen_.show_unfinished(None)
        else:
            from ...core.words import local_time as when  # as the PDF says it
            answered = sum(1 for row in attempt.items if row.response)
            practice_set = attempt.kind == "practice"  # no clock to speak of
            left = "" if practice_set else f", {hms(attempt.time_allowed_s - attempt.time_used_s)} left"
            self.screen_.show_unfinished(
                f"{'A practice set' if practice_set else 'An exam'} started {when(attempt.started_at)} "
                f"is not finished: {answered} of {len(attempt.items)} items answered{left}.")
        self.stack.setCurrentWidget(self.screen_)
        focus = self.screen_.resume_button if attempt is not None else self.screen_.start_button
        focus.setFocus()

    @property
    def panels_shown(self) -> bool:
        """The progress panels are made and filled, the practice layer's too."""
        return self.screen_.panels_built and not self._panels_due

    def _show_panels(self) -> None:
        self._show_progress()
        self._fill_practice_panels()

    def _show_progress(self) -> None:
        self.screen_.show_progress(self.desk.progress())

    def _fill_practice_panels(self) -> None:
        self._panels_due = False
        from .panels import fill_panels  # readiness, due today, where to study next
        fill_panels(self)

    def resume_unfinished(self) -> None:
        attempt = self.desk.unfinished()
        if attempt is not None:
            self.shell.open_exam(self.desk.resume_run(attempt, self.shell.clock))

    # --- dialogs ---------------------------------------------------------------------------
    def open_custom(self) -> None:
        from .custom import CustomExamDialog
        dialog = CustomExamDialog(self, self.desk.blueprint, self.desk.subtopic_counts())
        dialog.start_requested.connect(lambda chosen: self.shell.start_exam(self.desk.exam_options(**chosen)))
        self._open(dialog)

    def open_practice(self) -> None:
        from .practice import open_practice
        open_practice(self)

    def open_settings(self) -> None:
        from .settings import SettingsDialog
        dialog = SettingsDialog(self, self.desk)
        dialog.saved.connect(self.refresh)
        self._open(dialog)

    def open_banks(self) -> None:
        from .banks import BanksDialog
        dialog = BanksDialog(self, self.desk)
        dialog.start_requested.connect(lambda name: self.shell.start_exam(self.desk.exam_options(bank=name)))
        self._open(dialog)

    def _open(self, dialog: Any) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- history ---------------------------------------------------------------------------
    @property
    def history(self) -> HistoryScreen:
        """Every attempt (built on first use)."""
        if self._history is None:
            from ..report.history import HistoryScreen
            self._history = HistoryScreen()
            self._history.back.connect(self.refresh)
            self._history.delete_requested.connect(self._confirm_delete)
            self._history.open_requested.connect(self.open_report)
            self.stack.addWidget(self._history)
        return self._history

    @property
    def results(self) -> ResultsScreen:
        """A past attempt's report, reopened from History (built on first use)."""
        if self._results is None:
            from ..report.results import ResultsScreen
            self._results = ResultsScreen(self.desk.answers)
            self._results.paper = self.desk.settings.paper
            self._results.close_requested.connect(self.show_history)
            self._results.history_requested.connect(self.show_history)
            self._results.review_requested.connect(self.show_answers)
            self.stack.addWidget(self._results)
        return self._results

    @property
    def answers(self) -> AnswerReviewScreen:
        """The answer review of the report shown (built on first use)."""
        if self._answers is None:
            from ..report.answers import AnswerReviewScreen
            self._answers = AnswerReviewScreen()
            self._answers.back.connect(lambda: self.stack.setCurrentWidget(self.results))
            self.stack.addWidget(self._answers)
        return self._answers

    def open_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.results.paper = self.desk.settings.paper
        self.results.show_report(report)
        self.stack.setCurrentWidget(self.results)
        self.results.export_button.setFocus()

    def show_answers(self, which: str = "all") -> None:
        if self.report is not None:
            self.answers.load(self.desk.answers(self.report["id"]), which)
            self.stack.setCurrentWidget(self.answers)

    def show_history(self) -> None:
        rows = self.desk.history()
        self.history.load(rows, self.desk.history_reports(rows))
        self.stack.setCurrentWidget(self.history)
        self.history.table.setFocus()
        self.shown_history.emit()

    def _confirm_delete(self, attempt_id: int) -> None:
        def delete() -> None:
            self.desk.delete(attempt_id)
            self.show_history()
        ask(self, "Delete Attempt",
            f"Delete attempt {attempt_id} and all its answers? This cannot be undone.",
            on_yes=delete, default_yes=False)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Quitting from Home asks nothing: nothing is on the clock here.
        super().closeEvent(event)
