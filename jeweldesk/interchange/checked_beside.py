"""A big version 2 file checked in a process of its own while this one writes it.

Reading, the schema and the rules take about as long as building and writing the rows;
on a machine with more than one core the two halves run side by side. The checker reads
the file itself (the operating system has it cached by then) and answers with every
problem it found; the writer's transaction is committed only when that answer is "none",
so a file with anything wrong in it still writes nothing, and names the same problems.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from jeweldesk.interchange.common import InvalidDocument, Problem

# Below this the second process costs more to start than it saves.
WORTH_IT_BYTES = 32_000_000  # about 20,000 tickets


def worth_it(path: Path) -> bool:
    """A big file, and a core to spare: the load over the last minute leaves one free."""
    cores = os.cpu_count() or 1
    busy = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return cores > 1 and busy <= cores - 1 and path.stat().st_size >= WORTH_IT_BYTES


class Beside:
    """The checker running beside the writer; ``problems()`` waits for its answer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pool = ProcessPoolExecutor(max_workers=1,
                                         mp_context=multiprocessing.get_context("spawn"))
        self._answer: Future[Answer] = self._pool.submit(_check_file, str(path))
        self.peak_mb = 0.0  # the checker's own peak memory, once it has answered

    def problems(self) -> list[Problem]:
        try:
            found, self.peak_mb = self._answer.result()
        except Exception:  # noqa: BLE001 - the checker died (killed, out of memory): check here
            found, _ = _check_file(str(self.path))
        finally:
            self.close()
        return [Problem(where, what) for where, what in found]

    def close(self) -> None:
        self._answer.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)


Answer = tuple[list[tuple[str, str]], float]  # every problem as plain pairs; peak MB


def _check_file(path: str) -> Answer:
    """In the checker's process: every problem of the file, and the memory it took."""
    from jeweldesk.interchange import carried
    from jeweldesk.interchange.common import collector_paused
    from jeweldesk.interchange.import_v2 import V2Import
    from jeweldesk.interchange.reader import StreamReader

    try:
        with collector_paused(), open(path, encoding="utf-8-sig") as handle:
            reader = StreamReader(handle, carried.LISTS)
            checking = V2Import(None, lambda: (0, 0))
            checking.check.may_hold_unstorable = lambda: reader.escaped
            for _ in checking.run(reader.pairs()):
                pass
    except OSError as exc:
        return [("$", f"cannot read {path}: {exc.strerror}")], _peak_mb()
    except InvalidDocument as exc:
        return [(p.path, p.message) for p in exc.problems], _peak_mb()
    return [(p.path, p.message) for p in checking.problems], _peak_mb()


def _peak_mb() -> float:
    """This process's peak resident memory (Linux; 0 where it cannot be read)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
