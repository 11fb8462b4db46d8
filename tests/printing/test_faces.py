"""Paper without the wait: a receipt in Latin letters reads only the faces it sets text in,
the Chinese, Japanese and Korean ones (most of a second to read) only when a letter needs
them, and ReportLab runs on its C accelerator."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.paper import fonts_of

RECEIPT_IN_A_FRESH_PROCESS = """
import json, sys
from reportlab.pdfbase import pdfmetrics
from jeweldesk.printing.receipt import render_receipt
from tests.support.paper import STORE, ring_ticket
from dataclasses import replace
ticket = replace(ring_ticket(), customer_name="Dana Whitfield")
if sys.argv[2] == "cjk":
    ticket = replace(ticket, customer_name="李小龍 김민준")
render_receipt(STORE, [ticket], "letter", sys.argv[1])
print(json.dumps(sorted(n for n in pdfmetrics.getRegisteredFontNames() if n.startswith("JD-"))))
"""


def _faces_read(tmp_path, kind: str) -> tuple[list[str], object]:
    out = tmp_path / f"{kind}.pdf"
    done = subprocess.run([sys.executable, "-c", RECEIPT_IN_A_FRESH_PROCESS, str(out), kind],
                          capture_output=True, text=True, check=True, timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1]), out


def test_a_latin_receipt_reads_only_the_sans_faces(tmp_path):
    faces, _ = _faces_read(tmp_path, "latin")
    assert faces == ["JD-Sans", "JD-Sans-Bold"]


def test_a_name_in_chinese_and_korean_brings_in_their_faces_bold_too(tmp_path):
    faces, pdf = _faces_read(tmp_path, "cjk")
    assert {"JD-Fallback", "JD-Hangul"} <= set(faces) and "JD-Serif" not in faces
    fonts = fonts_of(pdf, "李김")
    assert fonts["李"] and fonts["김"]  # set in real faces, not dropped


def test_reportlab_runs_on_its_c_accelerator():
    from reportlab.lib.rl_accel import _c_funcs

    assert {"fp_str", "escapePDF", "instanceStringWidthTTF"} <= set(_c_funcs)
