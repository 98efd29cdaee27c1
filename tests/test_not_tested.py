"""On a short form a domain with no items is 'not tested', not '0% / Near standard'."""

from __future__ import annotations

from pypdf import PdfReader

from simulator.core.scoring import NOT_TESTED, ScoredItem, score
from simulator.ui.report.results import ResultsScreen

from .test_gui_results import finished_window


def test_core_domain_without_items_is_not_tested():
    result = score([ScoredItem("D1", 0.0, False, True)], ["D1", "D2"], 0.7)
    assert result.domains[1].items == 0 and result.domains[1].level == NOT_TESTED


def test_short_form_shows_not_tested_on_screen_and_in_pdf(qtbot, workspace, clock, tmp_path):
    window = finished_window(qtbot, workspace, clock)
    report = window.report
    empty = [d for d in report["domains"] if d["items"] == 0]
    assert [d["name"] for d in empty] == ["Distribution"]   # 3% of 12 items is none
    assert empty[0]["level"] == NOT_TESTED
    screen: ResultsScreen = window.results
    screen.show_report(report)
    rows = {screen.table.item(r, 0).text(): r for r in range(screen.table.rowCount())}
    for d in empty:
        r = rows[d["name"]]
        assert screen.table.item(r, 3).text() == "-"
        assert screen.table.item(r, 4).text() == "Not tested"
    screen.include_items.setChecked(False)
    target = tmp_path / "short.pdf"
    from simulator.report.pdf import write_pdf
    write_pdf(report, target)
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "Not tested" in text and "Near standard" not in text.split(empty[0]["name"])[1][:40]
