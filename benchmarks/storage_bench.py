"""How the data layer keeps up with a big store, against bare sqlite3 in the same run.

Run: ``python -m benchmarks.storage_bench [TICKETS]``. Builds a demo store, then
times export, import, a board page deep in the list, the search box and the
Today lists, each beside the bare tool doing the nearest equivalent work (plain
sqlite3 and json, no JewelDesk), and prints the ratio.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jeweldesk.interchange.common import drain
from jeweldesk.interchange.exporter import export_store
from jeweldesk.interchange.importer import import_document
from jeweldesk.services.board import BoardFilter, BoardSort, board_page
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.services.lookup import search
from jeweldesk.services.today import today_lists
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import upgrade

DEFAULT_TICKETS = 20_000


def timed(work: Callable[[], Any], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def fresh(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    return db


def bare_export(path: Path) -> str:
    """The floor for export: every row of the main tables read and written as JSON."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    tables = ("customer", "ticket", "ticket_service", "ticket_event", "parcel", "parcel_item",
              "contact")
    document = {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t}")] for t in tables}
    conn.close()
    return json.dumps(document, default=str)


def bare_import(text: str, path: Path) -> None:
    """The floor for import: parse the JSON, insert each ticket and its events as flat rows."""
    document = json.loads(text)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (number, customer, received_at, kind, description, promised)")
    conn.execute("CREATE TABLE e (number, at, status, by)")
    conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)", [
        (t["number"], t["customer"], t["received_at"], t["item"]["kind"],
         t["item"]["description"], t["promised_for"]) for t in document["tickets"]])
    conn.executemany("INSERT INTO e VALUES (?, ?, ?, ?)", [
        (t["number"], e["at"], e["status"], e["by"])
        for t in document["tickets"] for e in t["events"]])
    conn.commit()
    conn.close()


def bare_page(path: Path, offset: int) -> list[Any]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT t.number, c.name, c.phone, t.item_description, t.status, s.name, "
        "t.promised_for, t.received_at FROM ticket t JOIN customer c ON c.id = t.customer_id "
        "LEFT JOIN staff s ON s.id = t.assigned_to_id ORDER BY c.name LIMIT 200 OFFSET ?",
        (offset,)).fetchall()
    conn.close()
    return rows


def bare_search(path: Path, text: str) -> list[Any]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT t.number, c.name FROM ticket t JOIN customer c ON c.id = t.customer_id "
        "WHERE lower(c.name) LIKE ? LIMIT 50", (f"%{text}%",)).fetchall()
    conn.close()
    return rows


def bare_today(path: Path) -> list[Any]:
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT t.number, c.name FROM ticket t JOIN customer c ON c.id = t.customer_id "
        "WHERE t.status NOT IN ('picked_up', 'cancelled') ORDER BY t.promised_for").fetchall()
    conn.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    tickets = int(args[0]) if args else DEFAULT_TICKETS
    folder = Path(tempfile.mkdtemp(prefix="jeweldesk-bench-"))
    source = fresh(folder / "source.sqlite3")
    start = time.perf_counter()
    drain(fill_demo_store(source, tickets=tickets, seed=7))
    print(f"Demo store of {tickets:,} tickets made in {time.perf_counter() - start:.1f} s\n")
    source_path = folder / "source.sqlite3"

    exported = io.StringIO()
    rows: list[tuple[str, float, float]] = []
    rows.append(("export the whole store",
                 timed(lambda: drain(export_store(source, exported))),
                 timed(lambda: bare_export(source_path))))
    text = exported.getvalue()
    targets = iter(range(1000))

    def jeweldesk_import() -> None:
        db = fresh(folder / f"import-{next(targets)}.sqlite3")
        drain(import_document(db, json.loads(text)))
        db.dispose()

    rows.append(("import it into a new database", timed(jeweldesk_import),
                 timed(lambda: bare_import(text, folder / f"bare-{time.time_ns()}.sqlite3"))))
    deep = tickets // 2
    rows.append(("a board page halfway down, by customer",
                 timed(lambda: board_page(source, BoardFilter(), BoardSort("customer"), deep),
                       repeat=5),
                 timed(lambda: bare_page(source_path, deep), repeat=5)))
    rows.append(("the search box: part of a name",
                 timed(lambda: search(source, "son"), repeat=5),
                 timed(lambda: bare_search(source_path, "son"), repeat=5)))
    rows.append(("the Today lists",
                 timed(lambda: today_lists(source), repeat=5),
                 timed(lambda: bare_today(source_path), repeat=5)))

    print(f"{'operation':42} {'JewelDesk':>10} {'bare':>10} {'ratio':>7}")
    for name, ours, bare in rows:
        print(f"{name:42} {ours:9.3f}s {bare:9.3f}s {ours / bare:6.1f}x")
    source.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
