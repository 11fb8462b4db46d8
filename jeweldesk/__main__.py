"""Start-up: the command line when given a command, the window when run bare."""

from __future__ import annotations

import sys


def check_ahead_of_the_window(db_option: str | None) -> None:
    """The store's file read whole while Qt and the screens load; opening takes it up."""
    from jeweldesk.config import database_url
    from jeweldesk.storage.health import check_ahead
    from jeweldesk.storage.quick_read import plain_file  # SQLAlchemy is not needed yet

    store_file = plain_file(database_url(db_option))
    if store_file is not None:
        check_ahead(store_file)


def _open_window(db_option: str | None) -> int:
    check_ahead_of_the_window(db_option)
    from jeweldesk.app import open_window  # Qt loads only when the window is wanted

    return open_window(db_option)


def main() -> int:
    from jeweldesk.cli import main as cli_main

    return cli_main(sys.argv[1:], open_window=_open_window)


def gui_main() -> int:
    """The launcher's entry: the window, with the same ``--db`` the command line takes."""
    return main()


if __name__ == "__main__":
    sys.exit(main())
