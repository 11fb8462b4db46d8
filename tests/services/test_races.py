"""Two workstations moving the same envelope at the same moment: one wins, none is doubled."""

import threading

import pytest

from jeweldesk.domain.errors import Conflict, MoveRefused
from jeweldesk.domain.status import Status
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from tests.support.store import BENCH, COUNTER, take_in_ring


def _race(url: str, number: str, moves: list[tuple[Status, str]],
          expected_version: int | None) -> list[object]:
    barrier = threading.Barrier(len(moves))
    results: list[object] = [None] * len(moves)

    def workstation(i: int, to: Status, by: str) -> None:
        db = Database(url)
        try:
            barrier.wait(timeout=10)
            results[i] = move(db, number, to, by=by, expected_version=expected_version)
        except (Conflict, MoveRefused) as exc:
            results[i] = exc
        finally:
            db.dispose()

    threads = [threading.Thread(target=workstation, args=(i, to, by))
               for i, (to, by) in enumerate(moves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.parametrize("seen_version", [True, False], ids=["with-version", "without"])
def test_two_workstations_racing_on_one_ticket_one_wins(store_db, seen_version):
    number = take_in_ring(store_db)
    move(store_db, number, Status.AT_BENCH, by=BENCH)
    before = ticket_story(store_db, number)
    version = before.version if seen_version else None

    results = _race(store_db.url, number,
                    [(Status.QUALITY_CHECK, BENCH), (Status.QUALITY_CHECK, COUNTER)], version)

    losers = [r for r in results if isinstance(r, Conflict | MoveRefused)]
    winners = [r for r in results if r not in losers]
    assert len(winners) == 1 and len(losers) == 1, results
    if seen_version:
        assert isinstance(losers[0], Conflict)
        assert "another workstation" in str(losers[0])
    after = ticket_story(store_db, number)
    assert after.status == Status.QUALITY_CHECK
    assert len(after.events) == len(before.events) + 1
    assert after.version == before.version + 1


def test_different_moves_at_the_same_moment_keep_only_the_first(store_db):
    number = take_in_ring(store_db)
    move(store_db, number, Status.AT_BENCH, by=BENCH)
    before = ticket_story(store_db, number)
    results = _race(store_db.url, number,
                    [(Status.READY, BENCH), (Status.WAITING_PARTS, COUNTER)], before.version)
    winner = next(r for r in results if not isinstance(r, Exception))
    assert sum(isinstance(r, Conflict) for r in results) == 1
    after = ticket_story(store_db, number)
    assert after.status == winner.status
    assert [e.status for e in after.events[len(before.events):]] == [winner.status]
