"""One start of the window, for the speed bench: ``python -m benchmarks.window_start DB``
opens JewelDesk on DB with its first manager already signed in (the PIN is the person's
part, not the program's), and prints ``mapped`` once the main window is on the X server;
``--bare`` does the same for a bare PySide6 window, the baseline. ``--sign-in`` stops at
the sign-in dialog instead."""

from __future__ import annotations

import sys


def _rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _when_mapped(kind: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def check() -> None:
        for widget in QApplication.topLevelWidgets():
            if type(widget).__name__ == kind and widget.isVisible():
                handle = widget.windowHandle()
                if handle is not None and handle.isExposed():
                    print("mapped", flush=True)
                    print("rss", _rss_kb(), flush=True)
                    QApplication.exit(0)
                    widget.close()
                    return
        QTimer.singleShot(5, check)

    QTimer.singleShot(0, check)


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1360, 860)
    _when_mapped("QMainWindow")
    window.show()
    return app.exec()


def jeweldesk(db: str, sign_in: bool) -> int:
    from jeweldesk.__main__ import check_ahead_of_the_window

    check_ahead_of_the_window(db)  # as the real start does, before Qt loads
    from PySide6.QtWidgets import QApplication

    import jeweldesk.app as app_module

    app = QApplication(sys.argv)
    if sign_in:
        _when_mapped("SignInDialog")
    else:
        def signed_in(ctx, parent=None):  # type: ignore[no-untyped-def]
            from jeweldesk.services.store import list_staff

            ctx.set_user(next(s for s in list_staff(ctx.db) if s.role.value == "manager"))
            return True

        def signed_in_while_opening(first, opening):  # type: ignore[no-untyped-def]
            return next(p for p in first.people if p.role.value == "manager")

        # The manager signs in the moment the dialog would come up: the window's start, with
        # nothing of the store's opening hidden behind a person typing a PIN.
        app_module.sign_in_first = signed_in  # type: ignore[assignment]
        app_module.sign_in_while_opening = signed_in_while_opening  # type: ignore[assignment]
        _when_mapped("MainWindow")
    del app
    return app_module.open_window(db)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[0] == "--bare":
        sys.exit(bare())
    sys.exit(jeweldesk(args[-1], "--sign-in" in args))
