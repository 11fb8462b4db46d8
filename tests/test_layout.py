"""The tests' own house: they mirror the package, and share helpers only through
tests/support, so moving or renaming one test file never breaks another."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent
PACKAGE = TESTS.parent / "jeweldesk"
SUPPORT = "tests.support"


def _module_name(path: Path) -> str:
    parts = path.relative_to(TESTS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(source: str, package: str) -> list[tuple[int, str]]:
    """Every module some source imports, relative imports resolved, with its line."""
    tree = ast.parse(source)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from tests.x import y` may name a module y, so both are checked.
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def _shared(module: str) -> bool:
    return module == SUPPORT or module.startswith(SUPPORT + ".")


def _test_code_imported(module: str) -> bool:
    """A test module or any other module under tests/ that is not a shared helper."""
    return module.startswith("tests.") and not _shared(module)


def test_no_test_module_imports_from_another_one() -> None:
    wrong = []
    for path in sorted(TESTS.rglob("*.py")):
        package = _module_name(path) if path.name == "__init__.py" else _module_name(path.parent)
        for line, module in _imported(path.read_text(encoding="utf-8"), package):
            if _test_code_imported(module) and _is_a_module(module):
                wrong.append(f"{path.relative_to(TESTS.parent)}:{line} imports {module}")
    assert not wrong, (
        "Shared test helpers belong in tests/support; these import another test module:\n"
        + "\n".join(wrong)
    )


def _is_a_module(name: str) -> bool:
    where = TESTS.parent.joinpath(*name.split("."))
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def test_the_check_sees_every_way_of_importing_a_test_module() -> None:
    assert _is_a_module("tests.risk.test_engine") and _is_a_module("tests.ui.conftest")
    for line in ("from tests.risk.test_engine import nov",
                 "from tests.risk import test_engine",
                 "import tests.risk.test_engine",
                 "from .test_engine import nov",
                 "from tests.ui.conftest import ctx"):
        assert any(_test_code_imported(m) and _is_a_module(m)
                   for _, m in _imported(line, "tests.risk")), line
    assert not any(_test_code_imported(m) for _, m in _imported(
        "from tests.support.store import ring\nimport tests.support.paper", "tests.risk"))


def test_the_tests_mirror_the_package() -> None:
    """Each folder of tests is a part of the package (tests/cli for the command line), and
    each room of the window has its tests in the same room under tests/ui."""
    folders = {p.parent.relative_to(TESTS) for p in TESTS.rglob("test_*.py")}
    strays = [
        str(folder) for folder in folders
        if folder != Path(".") and not (PACKAGE / folder / "__init__.py").is_file()
    ]
    assert not strays, f"test folders with no part of jeweldesk/ to mirror: {strays}"
    # At the top: only what is about the package as a whole (its layout, the wheel).
    whole = {Path(__file__).name, "test_wheel.py"}
    top = [p.name for p in TESTS.glob("test_*.py") if p.name not in whole]
    assert not top, f"tests at the top of tests/ belong beside their part of jeweldesk/: {top}"
    for folder in folders:
        assert (TESTS / folder / "__init__.py").is_file(), f"tests/{folder} needs __init__.py"


def test_every_benchmark_still_imports() -> None:
    """`make bench` is not run by `make test`; a rename must not break it unseen."""
    import importlib

    folder = TESTS.parent / "benchmarks"
    for path in sorted(folder.glob("*.py")):
        if path.stem != "__main__":
            importlib.import_module(f"benchmarks.{path.stem}")
