"""Two workstations on one database: a move made in one process shows in the other's open
Bench view within two seconds, with nobody pressing refresh."""

import subprocess
import sys
import time

from jeweldesk.domain.status import Status
from jeweldesk.services.store import list_staff
from jeweldesk.ui.bench.bench import BenchScreen
from jeweldesk.ui.common.context import AppContext
from tests.support.store import BENCH, take_in_ring

OTHER_WORKSTATION = """
import sys
from jeweldesk.services.moves import move
from jeweldesk.storage.engine import Database
db = Database(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
move(db, sys.argv[2], "at_bench", by=sys.argv[3])
print("moved", flush=True)
"""


def test_a_move_in_another_process_shows_in_an_open_view_within_two_seconds(qtbot, store_db):
    number = take_in_ring(store_db)
    person = next(p for p in list_staff(store_db) if p.code == BENCH)
    ctx = AppContext(store_db, person)
    view = BenchScreen(ctx)
    qtbot.addWidget(view)
    view.show()
    assert [line.status for line in view.queue.rows] == [Status.RECEIVED]

    with subprocess.Popen([sys.executable, "-c", OTHER_WORKSTATION, store_db.url, number,
                           BENCH], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          text=True) as other:
        try:
            assert other.stdout.readline().strip() == "ready"  # imports done: time the move
            ctx.start_watching()
            with qtbot.waitSignal(ctx.changed, timeout=2000):
                started = time.monotonic()
                other.stdin.write("go\n")
                other.stdin.flush()
            seen_after = time.monotonic() - started
            assert other.stdout.readline().strip() == "moved"
            assert other.wait(timeout=10) == 0
        finally:
            ctx.stop_watching()
            if other.poll() is None:
                other.kill()
    print(f"\nseen at the other workstation after {seen_after:.2f} s")
    assert [line.status for line in view.queue.rows] == [Status.AT_BENCH]
    assert view.queue.index(0, 6).data() == "At the bench"
    assert seen_after < 2.0
