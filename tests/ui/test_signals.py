"""The window's own signals may be sent any number of times and the program still ends
cleanly: PySide6 6.12.0 lost a reference to True on every one, and on Python 3.11 the
interpreter died at exit (``bool_dealloc``) after a short run of the tests, or a long day."""

from __future__ import annotations

import subprocess
import sys

SENT_ALL_DAY = """
import sys
from PySide6.QtCore import QCoreApplication, QObject, Signal

class Screen(QObject):
    changed = Signal()
    said = Signal(str)

app = QCoreApplication([])
screen = Screen()
heard = []
screen.said.connect(heard.append)
for n in range(200_000):  # more than the references True holds when Qt is loaded
    screen.changed.emit()
    screen.said.emit("R-10002")
print("heard", len(heard), flush=True)
"""


def test_a_day_of_signals_ends_cleanly() -> None:
    ran = subprocess.run([sys.executable, "-c", SENT_ALL_DAY], capture_output=True, text=True,
                         env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, check=False)
    assert "bool_dealloc" not in ran.stderr
    assert (ran.returncode, ran.stdout) == (0, "heard 200000\n"), ran.stderr[-500:]
