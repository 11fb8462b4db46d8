"""Start-up: the command line when given a command, the window when run bare."""

from __future__ import annotations

import sys


def main() -> int:
    from jeweldesk.cli import main as cli_main

    return cli_main(sys.argv[1:])


def gui_main() -> int:
    from jeweldesk.app import open_window

    return open_window(None)


if __name__ == "__main__":
    sys.exit(main())
