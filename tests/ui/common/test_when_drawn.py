"""Work that waits for the window to be on screen begins once it is drawn, or soon anyway."""

from PySide6.QtWidgets import QLabel

from jeweldesk.ui.common.when_drawn import WhenDrawn


def test_the_work_waits_for_the_first_paint_and_runs_once(qtbot):
    calls = []
    label = QLabel("Today")
    qtbot.addWidget(label)
    WhenDrawn(label, lambda: calls.append("judged"), at_latest_ms=60_000)
    assert calls == []  # built, not drawn: nothing yet
    label.show()
    qtbot.waitExposed(label)
    qtbot.waitUntil(lambda: calls == ["judged"])
    label.repaint()
    qtbot.wait(50)
    assert calls == ["judged"]


def test_a_screen_never_shown_still_begins_its_work_soon(qtbot):
    calls = []
    label = QLabel("Today")
    qtbot.addWidget(label)
    WhenDrawn(label, lambda: calls.append("judged"), at_latest_ms=100)
    assert calls == []
    qtbot.waitUntil(lambda: calls == ["judged"], timeout=3000)
