"""Issue 16's table: each thing a person waits for at a big store, against its bare baseline
measured in the same run, one line each with the aim beside it.

Run: ``python -m benchmarks.speed_bench [TICKETS]`` on an X server (``make bench`` starts
Xvfb); the window rows are skipped, and say so, without one. Medians of a few runs each, so
a busy machine's worst moment does not decide the figure.
"""

from __future__ import annotations

import io
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks import bare_paper
from jeweldesk.printing.fonts import FONTS_DIR
from jeweldesk.printing.resources import DEFAULT_TERMS
from jeweldesk.services.board import BoardFilter, BoardSort, board_page, count_tickets
from jeweldesk.services.lookup import search
from jeweldesk.services.moves import move
from jeweldesk.services.story import ticket_story
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import upgrade

DEFAULT_TICKETS = 100_000
PY = sys.executable
Row = tuple[str, float, float, float, str]  # what, ours, bare, aim (ratio), unit note


def median_of(work: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _process(args: list[str], until: str | None = None, env: dict[str, str] | None = None
             ) -> tuple[float, str]:
    """Seconds from starting ``args`` to its line ``until`` (or its end), and its output."""
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, env=env)
    assert child.stdout is not None
    seen = ""
    if until is not None:
        for line in child.stdout:
            seen += line
            if line.startswith(until):
                break
    took = time.perf_counter() - start
    seen += child.stdout.read()
    child.wait(timeout=120)
    return (took if until is not None else time.perf_counter() - start), seen


def _median_process(args: list[str], runs: int, until: str | None = None,
                    env: dict[str, str] | None = None) -> tuple[float, list[str]]:
    results = [_process(args, until, env) for _ in range(runs)]
    return statistics.median(r[0] for r in results), [r[1] for r in results]


def _rss_mb(outputs: list[str]) -> float:
    values = [float(line.split()[1]) for out in outputs for line in out.splitlines()
              if line.startswith("rss")]
    return statistics.median(values) / 1024 if values else float("nan")


# --- the bare baselines -------------------------------------------------------------------

BARE_OPEN_TICKETS = (
    "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
    "rows = c.execute(\"SELECT t.*, c.name FROM ticket t JOIN customer c ON c.id = "
    "t.customer_id WHERE t.status NOT IN ('picked_up', 'cancelled')\").fetchall(); "
    "print(len(rows))")

# The search box's own FTS5 question, asked raw over a connection kept open (as the app's
# pool keeps one): the rows it shows, open tickets first, at most 50.
BARE_WORDS = (
    "SELECT t.number, c.name, c.phone, t.item_description, t.status, t.promised_for "
    "FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE t.id IN ("
    "SELECT id FROM ticket WHERE customer_id IN (SELECT rowid FROM customer_words "
    "WHERE customer_words MATCH ?1) OR id IN (SELECT rowid FROM ticket_words "
    "WHERE ticket_words MATCH ?1) ORDER BY status IN ('picked_up', 'cancelled'), "
    "promised_for DESC LIMIT 50) "
    "ORDER BY t.status IN ('picked_up', 'cancelled'), t.promised_for DESC")


def bare_number(conn: sqlite3.Connection, number: str) -> list[Any]:
    return conn.execute(
        "SELECT t.number, c.name, c.phone, t.item_description, t.status, t.promised_for "
        "FROM ticket t JOIN customer c ON c.id = t.customer_id WHERE t.number = ?",
        (number,)).fetchall()


def bare_words(conn: sqlite3.Connection, text: str) -> list[Any]:
    return conn.execute(BARE_WORDS, ('"' + text.replace('"', '""') + '"',)).fetchall()


def bare_move(conn: sqlite3.Connection, ticket_id: int, staff_id: int, status: str) -> None:
    """The move raw, on a connection kept open and synced as the app's (WAL, NORMAL)."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE ticket SET status = ?, status_at = ?, version = version + 1 "
                 "WHERE id = ?", (status, datetime.now().isoformat(" "), ticket_id))
    conn.execute("INSERT INTO ticket_event (ticket_id, at, status, by_id) VALUES (?, ?, ?, ?)",
                 (ticket_id, datetime.now().isoformat(" "), status, staff_id))
    conn.execute("COMMIT")


def writing_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def bare_story(conn: sqlite3.Connection, number: str) -> None:
    (ticket_id,) = conn.execute("SELECT id FROM ticket WHERE number = ?", (number,)).fetchone()
    for table in ("ticket_service", "ticket_event", "payment", "promise_change", "contact",
                  "ticket_edit", "parcel_item"):
        conn.execute(f"SELECT * FROM {table} WHERE ticket_id = ?", (ticket_id,)).fetchall()


def bare_last_page(conn: sqlite3.Connection, before: int) -> list[Any]:
    """The board's last page as the board shows it, raw: the keyset query for the rows, then
    what the page's work comes to, what was paid and the vendor holding each piece."""
    rows = conn.execute(
        "SELECT t.id, t.number, c.name, c.phone, t.item_description, t.status, j.name, "
        "t.promised_for, t.received_at, t.deposit FROM ticket t "
        "JOIN customer c ON c.id = t.customer_id LEFT JOIN staff j ON j.id = t.assigned_to_id "
        "WHERE t.id > ? ORDER BY t.id LIMIT 200", (before,)).fetchall()
    marks = ", ".join("?" * len(rows))
    ids = [r[0] for r in rows]
    conn.execute("SELECT country, timezone FROM store").fetchone()
    for sql in (
            "SELECT ticket_id, price, tax_name, tax_percent FROM ticket_service "
            "WHERE ticket_id IN ({})",
            "SELECT ticket_id, amount, percent FROM ticket_discount WHERE ticket_id IN ({})",
            "SELECT ticket_id, sum(amount) FROM payment WHERE ticket_id IN ({}) "
            "GROUP BY ticket_id",
            "SELECT s.ticket_id, v.name FROM ticket_service s JOIN vendor v ON v.id = "
            "s.vendor_id WHERE s.ticket_id IN ({}) ORDER BY s.ticket_id, s.position",
            "SELECT i.ticket_id, v.name FROM parcel_item i JOIN parcel p ON p.id = i.parcel_id "
            "JOIN vendor v ON v.id = p.vendor_id JOIN ticket t ON t.id = i.ticket_id "
            "WHERE i.ticket_id IN ({}) AND i.returned_at IS NULL AND t.status = 'at_vendor' "
            "ORDER BY p.sent_at"):
        conn.execute(sql.format(marks), ids).fetchall()
    return rows


BARE_INDEX = (
    "INSERT INTO customer_words (rowid, name, phone_digits, notes) "
    "SELECT id, name, phone_digits, notes FROM customer",
    "INSERT INTO ticket_words (rowid, number, description, stones, notes) "
    "SELECT t.id, t.number, t.item_description, t.item_stones, "
    "(SELECT group_concat(e.note, char(10)) FROM ticket_event e "
    "WHERE e.ticket_id = t.id AND e.note IS NOT NULL) FROM ticket t")


def bare_insert(source: Path, target: Path) -> float:
    """The floor for the demo maker: the same rows inserted raw into the same tables."""
    upgrade_db = Database(f"sqlite:///{target}")
    upgrade(upgrade_db.engine)
    upgrade_db.dispose()
    conn = sqlite3.connect(target)
    conn.execute(f"ATTACH DATABASE '{source}' AS made")
    # The records raw, then the search index (derived) made from them in one pass each, as
    # the cheapest way to the same file: the demo's store has its index too.
    for (trigger,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'trigger'"
                                   " AND instr(name, '_words_') > 0").fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM made.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " AND name != 'alembic_version' AND name NOT LIKE 'customer_words%'"
        " AND name NOT LIKE 'ticket_words%'")]
    copied = {t: conn.execute(f"SELECT * FROM made.{t}").fetchall() for t in tables}
    conn.execute("PRAGMA foreign_keys = OFF")
    for t in (*tables, "customer_words", "ticket_words"):
        conn.execute(f"DELETE FROM {t}")
    conn.commit()
    start = time.perf_counter()
    for t in tables:
        rows = copied[t]
        if rows:
            marks = ", ".join("?" * len(rows[0]))
            conn.executemany(f"INSERT INTO {t} VALUES ({marks})", rows)
    for statement in BARE_INDEX:
        conn.execute(statement)
    conn.commit()
    took = time.perf_counter() - start
    conn.close()
    return took


# --- the rows -------------------------------------------------------------------------------

def window_rows(path: Path) -> list[Row]:
    if not os.environ.get("DISPLAY"):
        print("  (no X server: the window rows need one; make bench starts Xvfb)")
        return []
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    start = [PY, "-m", "benchmarks.window_start"]
    _process([*start, str(path)], "mapped", env)  # the day's first start backs the file up
    window, outs = _median_process([*start, str(path)], 3, "mapped", env)
    sign_in, _ = _median_process([*start, "--sign-in", str(path)], 3, "mapped", env)
    bare, bare_outs = _median_process([*start, "--bare"], 3, "mapped", env)
    ours_mb, bare_mb = _rss_mb(outs), _rss_mb(bare_outs)
    return [("start to the main window (after sign-in)", window, bare, 1.5, "s"),
            ("start to the sign-in dialog", sign_in, bare, 1.2, "s"),
            ("memory after start (MB over the bare window)", ours_mb, bare_mb, 60.0, "+MB")]


def command_rows(path: Path, number: str, folder: Path) -> list[Row]:
    jeweldesk = [PY, "-m", "jeweldesk", "--db", str(path)]
    at_risk, _ = _median_process([*jeweldesk, "at-risk", "--json"], 3)
    bare_risk, _ = _median_process([PY, "-c", BARE_OPEN_TICKETS, str(path)], 3)
    out = folder / "receipt.pdf"
    receipt = [*jeweldesk, "print", "receipt", number, "--out", str(out)]
    # The first command after a write checks the whole file (quick_check, seconds at this
    # size) once the write is two seconds old: that once is the store's, not the paper's.
    time.sleep(max(0.0, 2.5 - (time.time() - path.stat().st_mtime)))
    checked, _ = _process(receipt)
    printed, _ = _median_process(receipt, 3)
    bare_print, _ = _median_process([PY, str(Path(bare_paper.__file__)), str(path), number,
                                     str(folder / "bare.pdf"), str(FONTS_DIR),
                                     str(DEFAULT_TERMS)], 3)
    return [("`at-risk --json` (its first run judges, the next reuse)", at_risk, bare_risk,
             10.0, "s"),
            ("`print receipt`, whole command", printed, bare_print, 2.0, "s"),
            ("`print receipt`, the first after a write (file checked)", checked, bare_print,
             2.0, "s")]


def in_process_rows(db: Database, path: Path, number: str) -> list[Row]:
    from jeweldesk.services.documents import receipt_pdf

    with sqlite3.connect(path) as conn:
        phone = conn.execute("SELECT phone_digits FROM customer WHERE phone_digits IS NOT NULL "
                             "LIMIT 1 OFFSET 500").fetchone()[0]
        name = conn.execute("SELECT name FROM customer LIMIT 1 OFFSET 700").fetchone()[0]
        open_ids = conn.execute(
            "SELECT t.id, t.number FROM ticket t WHERE t.status = 'received' "
            "ORDER BY t.status_at LIMIT 40").fetchall()  # moved on after their last move
        staff_code, staff_id = conn.execute(
            "SELECT code, id FROM staff WHERE role = 'manager' LIMIT 1").fetchone()
    fragment = name.split()[-1][1:5].lower()
    raw = sqlite3.connect(path)  # kept open, as the app's pool keeps its connection
    rows: list[Row] = []
    rows.append(("search box: an exact ticket number", median_of(lambda: search(db, number), 15),
                 median_of(lambda: bare_number(raw, number), 15), 2.0, "s"))
    rows.append(("search box: phone fragment", median_of(lambda: search(db, phone[-6:]), 15),
                 median_of(lambda: bare_words(raw, phone[-6:]), 15), 2.0, "s"))
    rows.append(("search box: name fragment", median_of(lambda: search(db, fragment), 15),
                 median_of(lambda: bare_words(raw, fragment), 15), 2.0, "s"))
    writer = writing_connection(path)  # kept open too, as the pool keeps the app's
    ours_moves = iter(open_ids[:20])
    bare_moves = iter(open_ids[20:])
    rows.append(("scan, then move committed",
                 median_of(lambda: move(db, next(ours_moves)[1], "at_bench", staff_code), 20),
                 median_of(lambda: bare_move(writer, next(bare_moves)[0], staff_id, "at_bench"),
                           20), 3.0, "s"))
    writer.close()
    rows.append(("open a ticket's story", median_of(lambda: ticket_story(db, number)),
                 median_of(lambda: bare_story(raw, number)), 5.0, "s"))
    total = count_tickets(db, BoardFilter())
    last = max(total - 200, 0)
    with sqlite3.connect(path) as conn:  # the row before the last page: where scrolling is
        before = conn.execute("SELECT id FROM ticket ORDER BY id LIMIT 1 OFFSET ?",
                              (last - 1,)).fetchone()[0]
    rows.append(("board, last page (the page after the one shown)",
                 median_of(lambda: board_page(db, BoardFilter(), BoardSort("number"), last,
                                              after=(before, before)), 15),
                 median_of(lambda: bare_last_page(raw, before), 15), 2.0, "s"))
    receipt_pdf(db, [number], "letter")  # fonts and templates loaded once, as in the window
    bare_paper.register(FONTS_DIR)
    rows.append(("receipt, in process", median_of(lambda: receipt_pdf(db, [number], "letter"), 15),
                 median_of(lambda: bare_paper.receipt(raw, number, io.BytesIO(),
                                                      DEFAULT_TERMS), 15), 1.5, "s"))
    raw.close()
    return rows


def print_rows(rows: list[Row]) -> None:
    print(f"{'what':58} {'JewelDesk':>11} {'bare':>11} {'ratio':>8} {'aim':>9}")
    for what, ours, bare, aim, unit in rows:
        if unit == "+MB":
            over = ours - bare
            verdict = "ok" if over <= aim else "OVER"
            print(f"{what:58} {ours:8.0f} MB {bare:8.0f} MB {over:+7.0f} ≤ +{aim:.0f} MB "
                  f"{verdict}")
            continue
        ratio = ours / bare if bare else float("inf")
        verdict = "ok" if ratio <= aim else "OVER"
        print(f"{what:58} {_t(ours):>11} {_t(bare):>11} {ratio:7.1f}× {f'≤ {aim:g}×':>9} "
              f"{verdict}")


def _t(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    tickets = int(args[0]) if args else DEFAULT_TICKETS
    folder = Path(tempfile.mkdtemp(prefix="jeweldesk-speed-"))
    path = folder / "store.sqlite3"
    made = [PY, "-m", "jeweldesk", "--db", str(path), "demo", "--tickets", str(tickets)]
    demo, _ = _process(made)
    raw = bare_insert(path, folder / "raw.sqlite3")
    print(f"A demo store of {tickets:,} tickets, made in {demo:.0f} s.\n")
    db = Database(f"sqlite:///{path}")
    with sqlite3.connect(path) as conn:
        number = conn.execute("SELECT number FROM ticket ORDER BY id LIMIT 1 OFFSET ?",
                              (tickets // 2,)).fetchone()[0]
    rows = window_rows(path)
    rows += command_rows(path, number, folder)
    rows += in_process_rows(db, path, number)
    rows.append((f"`demo --tickets {tickets}`", demo, raw, 3.0, "s"))
    db.dispose()
    print_rows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
