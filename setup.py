"""The package is described in pyproject.toml; this file only maps the top-level db/ and
resources/ into it as jeweldesk.db and jeweldesk.resources, which TOML cannot list beside
the packages it finds."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["jeweldesk", "jeweldesk.*"]),
              "jeweldesk.db", "jeweldesk.resources"],
    package_dir={"jeweldesk.db": "db", "jeweldesk.resources": "resources"},
)
