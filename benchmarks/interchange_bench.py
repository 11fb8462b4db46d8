"""The whole store out and back in, against the json module on the same document.

Run: ``python -m benchmarks.interchange_bench [TICKETS]``. Makes a demo store, exports
it (version 2), imports the file into a new database in a process of its own (so its
peak memory is its own), and prints each figure beside its aim: export at most 2x
``json.dump`` of the same document, import at most 3x ``json.load`` of the same file,
and at most 300 MB of memory for the import.
"""

from __future__ import annotations

import json
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


def _child_import(source: Path, target: Path) -> None:
    db = fresh(target)
    start = time.perf_counter()
    drain(import_file(db, source))
    print(time.perf_counter() - start)
    db.dispose()


def _child_json_load(source: Path) -> None:
    start = time.perf_counter()
    with source.open(encoding="utf-8") as handle:
        json.load(handle)
    print(time.perf_counter() - start)


def _in_child(*args: str) -> tuple[float, float]:
    """Seconds the child reports, and its peak memory in MB (ru_maxrss is in KB on Linux)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-m", "benchmarks.interchange_bench", *args],
                          check=True, capture_output=True, text=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # RUSAGE_CHILDREN keeps the largest child so far; run the import child first.
    return float(done.stdout.strip().splitlines()[-1]), max(peak, before) / 1024


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--child-import":
        _child_import(Path(args[1]), Path(args[2]))
        return 0
    if args and args[0] == "--child-json-load":
        _child_json_load(Path(args[1]))
        return 0
    tickets = int(args[0]) if args else DEFAULT_TICKETS
    folder = Path(tempfile.mkdtemp(prefix="jeweldesk-interchange-bench-"))
    source = fresh(folder / "source.sqlite3")
    start = time.perf_counter()
    drain(fill_demo_store(source, tickets=tickets, seed=7))
    print(f"Demo store of {tickets:,} tickets made in {time.perf_counter() - start:.1f} s")
    exported = folder / "store.json"
    start = time.perf_counter()
    with exported.open("w", encoding="utf-8") as out:
        drain(export_store(source, out))
    export_s = time.perf_counter() - start
    source.dispose()
    size_mb = exported.stat().st_size / 1e6

    import_s, peak_mb = _in_child("--child-import", str(exported),
                                  str(folder / "imported.sqlite3"))
    load_s, _ = _in_child("--child-json-load", str(exported))
    with exported.open(encoding="utf-8") as handle:
        document = json.load(handle)
    start = time.perf_counter()
    with (folder / "dumped.json").open("w", encoding="utf-8") as out:
        json.dump(document, out, ensure_ascii=False)
    dump_s = time.perf_counter() - start
    del document

    print(f"The file: {size_mb:,.0f} MB, version 2")
    print(f"export the whole store   {export_s:7.2f} s   json.dump {dump_s:6.2f} s   "
          f"{export_s / dump_s:4.1f}x   (aim: at most {AIMS['export']:.0f}x)")
    print(f"import into a new store  {import_s:7.2f} s   json.load {load_s:6.2f} s   "
          f"{import_s / load_s:4.1f}x   (aim: at most {AIMS['import']:.0f}x)")
    print(f"import peak memory       {peak_mb:7.0f} MB                          "
          f"(aim: at most {AIMS['memory_mb']} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
