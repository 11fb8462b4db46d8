"""The whole store out and back in, against the json module on the same document.

Run: ``python -m benchmarks.interchange_bench [TICKETS]``. Makes a demo store, exports
it (version 2), imports the file into a new database, each in a process of its own (so
the import's peak memory is its own), and prints each figure beside its aim: export at most 2x
``json.dump`` of the same document, import at most 3x ``json.load`` of the same file,
and at most 300 MB of memory for the import.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jeweldesk.interchange.common import drain
from jeweldesk.interchange.exporter import export_store
from jeweldesk.interchange.importer import import_file
from jeweldesk.services.demo import fill_demo_store
from jeweldesk.storage.engine import Database
from jeweldesk.storage.migrate import upgrade

DEFAULT_TICKETS = 20_000
AIMS = {"export": 2.0, "import": 3.0, "memory_mb": 300}


def fresh(path: Path) -> Database:
    db = Database(f"sqlite:///{path}")
    upgrade(db.engine)
    return db


def _peak_mb() -> float:
    """This process's own peak memory: VmHWM on Linux (ru_maxrss there also counts what
    the parent held when it started us), ru_maxrss elsewhere."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _child_make(tickets: int, folder: Path) -> None:
    source = fresh(folder / "source.sqlite3")
    start = time.perf_counter()
    drain(fill_demo_store(source, tickets=tickets, seed=7))
    made = time.perf_counter() - start
    start = time.perf_counter()
    with (folder / "store.json").open("w", encoding="utf-8") as out:
        drain(export_store(source, out))
    print(made, time.perf_counter() - start)
    source.dispose()


def _child_import(source: Path, target: Path, beside: bool) -> None:
    db = fresh(target)
    start = time.perf_counter()
    drain(import_file(db, source, beside=beside))
    took = time.perf_counter() - start
    # The checker beside is this process's child: its peak is counted with ours.
    checker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024 if beside else 0
    print(took, _peak_mb() + checker)
    db.dispose()


def _child_json(source: Path, target: Path) -> None:
    start = time.perf_counter()
    with source.open(encoding="utf-8") as handle:
        document = json.load(handle)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    with target.open("w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False)
    dumped = time.perf_counter() - start
    peak = _peak_mb()
    del document
    # The import holds the cycle collector off while it reads; json.load so, for a floor
    # that does not pay for the collector the import avoids.
    gc.collect()
    gc.disable()
    start = time.perf_counter()
    with source.open(encoding="utf-8") as handle:
        json.load(handle)
    held_off = time.perf_counter() - start
    gc.enable()
    print(loaded, dumped, peak, held_off)


def _in_child(*args: str) -> list[float]:
    """What the child reports: its seconds, and its peak memory where it says it."""
    done = subprocess.run([sys.executable, "-m", "benchmarks.interchange_bench", *args],
                          check=True, capture_output=True, text=True)
    return [float(x) for x in done.stdout.strip().splitlines()[-1].split()]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    children = {"--child-make": lambda: _child_make(int(args[1]), Path(args[2])),
                "--child-import": lambda: _child_import(Path(args[1]), Path(args[2]),
                                                        args[3] == "beside"),
                "--child-json": lambda: _child_json(Path(args[1]), Path(args[2]))}
    if args and args[0] in children:
        children[args[0]]()
        return 0
    tickets = int(args[0]) if args else DEFAULT_TICKETS
    # Every big job in a process of its own, so each one's memory is its own.
    folder = Path(tempfile.mkdtemp(prefix="jeweldesk-interchange-bench-"))
    made_s, export_s = _in_child("--child-make", str(tickets), str(folder))
    print(f"Demo store of {tickets:,} tickets made in {made_s:.1f} s")
    exported = folder / "store.json"
    import_s, peak_mb = _in_child("--child-import", str(exported),
                                  str(folder / "imported.sqlite3"), "alone")
    beside_s, beside_mb = _in_child("--child-import", str(exported),
                                    str(folder / "imported-beside.sqlite3"), "beside")
    load_s, dump_s, load_peak_mb, bare_load_s = _in_child("--child-json", str(exported),
                                                          str(folder / "dumped.json"))
    size_mb = exported.stat().st_size / 1e6

    print(f"The file: {size_mb:,.0f} MB, version 2")
    print(f"export the whole store   {export_s:7.2f} s   json.dump {dump_s:6.2f} s   "
          f"{export_s / dump_s:4.1f}x   (aim: at most {AIMS['export']:.0f}x)")
    print(f"import into a new store  {import_s:7.2f} s   json.load {load_s:6.2f} s   "
          f"{import_s / load_s:4.1f}x   (aim: at most {AIMS['import']:.0f}x; one process)")
    print(f"  checked beside         {beside_s:7.2f} s   json.load {load_s:6.2f} s   "
          f"{beside_s / load_s:4.1f}x   (aim: at most {AIMS['import']:.0f}x; the checker in a "
          f"second process, as a big file is imported when a core is free: load now "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    print(f"  json.load with the collector held off, as the import reads: {bare_load_s:.2f} s;"
          f" the import {import_s / bare_load_s:.1f}x that, checked beside "
          f"{beside_s / bare_load_s:.1f}x")
    print(f"import peak memory       {peak_mb:7.0f} MB  json.load {load_peak_mb:4.0f} MB         "
          f"(aim: at most {AIMS['memory_mb']} MB)")
    print(f"  checked beside         {beside_mb:7.0f} MB  (both processes together)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
