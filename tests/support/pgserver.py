"""A real, throwaway PostgreSQL server for the tests, on a loopback port in a temp folder.

initdb refuses to run as root, so as root the server runs as an ordinary user
(``postgres`` when Debian's package made it, else one we create).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise PostgresUnavailable("no PostgreSQL server binaries (install Debian's 'postgresql')")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    for user in ("postgres", "jeweldesk-test"):
        try:
            pwd.getpwnam(user)
            return user
        except KeyError:
            continue
    subprocess.run(["useradd", "--system", "--no-create-home", "jeweldesk-test"], check=True)
    return "jeweldesk-test"


@dataclass
class PostgresServer:
    folder: Path
    port: int
    bin_dir: Path
    user: str | None

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _cmd(self, *args: str) -> list[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        return ["runuser", "-u", self.user, "--", *command] if self.user else command

    def start(self) -> None:
        data = self.folder / "data"
        if self.user:
            shutil.chown(self.folder, self.user)
        run = subprocess.run
        result = run(self._cmd("initdb", "-D", str(data), "-A", "trust", "-U", "postgres",
                               "-E", "UTF8", "--no-sync"), capture_output=True, text=True)
        if result.returncode:
            raise PostgresUnavailable(f"initdb failed: {result.stderr.strip()}")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        result = run(self._cmd("pg_ctl", "-D", str(data), "-l", str(self.folder / "server.log"),
                               "-o", options, "-w", "-t", "60", "start"),
                     capture_output=True, text=True)
        if result.returncode:
            log = (self.folder / "server.log").read_text(errors="replace")[-2000:]
            raise PostgresUnavailable(f"PostgreSQL did not start: {result.stderr.strip()}\n{log}")

    def stop(self) -> None:
        subprocess.run(self._cmd("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate",
                                 "-w", "stop"), capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_server() -> PostgresServer:
    bin_dir = _bin_dir()
    folder = Path(tempfile.mkdtemp(prefix="jeweldesk-pg-"))
    os.chmod(folder, 0o755)
    server = PostgresServer(folder, _free_port(), bin_dir, _run_as())
    try:
        server.start()
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return server
