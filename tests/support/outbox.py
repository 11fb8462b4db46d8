"""A real mail server on a loopback port (aiosmtpd) and a local HTTP server standing in
for the text gateway, for the tests that send notices."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections.abc import Iterator
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Mailbox:
    """What arrived at the mail server; ``hold_at`` makes that message wait unanswered."""

    def __init__(self) -> None:
        self.arrived: list[tuple[list[str], Any]] = []
        self.hold_at: int | None = None
        self.holding = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.arrived.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        if self.hold_at is not None and len(self.arrived) == self.hold_at:
            self.holding.set()
            await asyncio.sleep(60)
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox()
    port = free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    yield box, port
    controller.stop()


class Gateway(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        Gateway.received.append({"path": self.path, "auth": self.headers["Authorization"],
                                 "form": {k: v[0] for k, v in parse_qs(body).items()}})
        answer = json.dumps({"sid": f"SM{len(Gateway.received)}"}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def gateway() -> Iterator[str]:
    Gateway.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
