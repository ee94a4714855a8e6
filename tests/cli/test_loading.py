"""A command loads only the libraries its work needs (issue 20): `check` writes nothing, so
XlsxWriter stays unloaded; the holiday data is that of the country in Settings, or none."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbooks import ACME, tracker

_RUN = """
import sys
from followup import cli
try:
    cli.main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print("exit", code)
print(" ".join(sorted(m for m in sys.modules if m.startswith(("xlsxwriter", "holidays")))))
"""


def _loaded(*args: str) -> tuple[str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args], capture_output=True, text=True, check=False
    )
    exit_line, modules = done.stdout.splitlines()[-2:]
    return exit_line, modules.split()


@pytest.mark.parametrize("country", ["", "GB", "US-CA"])
def test_check_loads_no_writer_and_only_the_settings_country(tmp_path: Path, country: str) -> None:
    settings = {"Holidays (country code)": country} if country else {}
    path = tracker(tmp_path / "t.xlsx", [ACME], settings=settings)
    exit_line, modules = _loaded("check", str(path), "--as-of", "2026-11-09")
    assert exit_line == "exit 0"
    assert not [m for m in modules if m.startswith("xlsxwriter")]
    countries = [m.rsplit(".", 1)[1] for m in modules if m.startswith("holidays.countries.")]
    expected = {"": [], "GB": ["united_kingdom"], "US-CA": ["united_states"]}[country]
    assert countries == expected
    assert bool(modules) == bool(country)  # no holiday library at all without a country
