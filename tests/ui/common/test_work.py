"""Long work runs off the window's thread, and a newer answer is never overwritten."""

import threading
import time

from jeweldesk.ui.common.work import BackgroundCall


def test_the_newest_answer_wins_and_the_window_never_waits(qtbot):
    call = BackgroundCall()
    answers = []
    call.done.connect(answers.append)
    window_thread = threading.get_ident()
    seen_threads = []

    def slow(value, seconds):
        def work():
            seen_threads.append(threading.get_ident())
            time.sleep(seconds)
            return value
        return work

    started = time.perf_counter()
    call.request(slow("old picture", 0.4))
    call.request(slow("new picture", 0.05))
    assert time.perf_counter() - started < 0.2  # asking returns at once
    assert call.busy
    qtbot.waitUntil(lambda: not call.busy, timeout=3000)
    qtbot.wait(500)  # the old, slower answer arrives later and must be dropped
    assert answers == ["new picture"]
    assert window_thread not in seen_threads


def test_a_failure_is_reported_in_words(qtbot):
    call = BackgroundCall()
    with qtbot.waitSignal(call.failed, timeout=3000) as said:
        call.request(lambda: 1 / 0)
    assert "division by zero" in said.args[0]
