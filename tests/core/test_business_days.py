"""Business-day rolling: weekends, public holidays, and the country setting."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from followup.business_days import BusinessCalendar, known_country
from followup.settings import Settings


def roll(cal: BusinessCalendar, *days: str) -> list[str]:
    rolled = cal.roll(pd.Series(pd.to_datetime(list(days))))
    return [d.strftime("%Y-%m-%d") if not pd.isna(d) else "NaT" for d in rolled]


def test_weekend_days_roll_to_monday_and_weekdays_stay() -> None:
    cal = BusinessCalendar()
    assert roll(cal, "2026-11-07", "2026-11-08", "2026-11-09", "2026-11-13") == [
        "2026-11-09",
        "2026-11-09",
        "2026-11-09",
        "2026-11-13",
    ]


def test_blank_dates_stay_blank_and_the_index_is_kept() -> None:
    dates = pd.Series(pd.to_datetime(["2026-11-07", None]), index=[10, 20])
    rolled = BusinessCalendar().roll(dates)
    assert list(rolled.index) == [10, 20]
    assert rolled[10] == pd.Timestamp("2026-11-09")
    assert pd.isna(rolled[20])


def test_weekends_are_working_days_when_skip_weekends_is_no() -> None:
    assert roll(BusinessCalendar(skip_weekends=False), "2026-11-07") == ["2026-11-07"]


def test_public_holidays_of_the_country_are_skipped() -> None:
    # Thanksgiving 2026 is Thursday 26 November in the US, an ordinary day in Germany.
    assert roll(BusinessCalendar(country="US"), "2026-11-26") == ["2026-11-27"]
    assert roll(BusinessCalendar(country="DE"), "2026-11-26") == ["2026-11-26"]


def test_holidays_are_skipped_even_when_weekends_are_not() -> None:
    cal = BusinessCalendar(skip_weekends=False, country="us")
    assert roll(cal, "2026-11-26", "2026-11-28") == ["2026-11-27", "2026-11-28"]


def test_christmas_and_observed_boxing_day_roll_past_the_weekend() -> None:
    # GB 2026: Christmas Fri 25 Dec, Boxing Day observed Mon 28 Dec.
    assert roll(BusinessCalendar(country="GB"), "2026-12-25") == ["2026-12-29"]


def test_a_roll_from_december_sees_next_years_holidays() -> None:
    # Sat 31 Dec 2022: New Year's Day 2023 fell on Sunday, observed Monday 2 January in GB.
    assert roll(BusinessCalendar(country="GB"), "2022-12-31") == ["2023-01-03"]


def test_regions_follow_their_own_holidays() -> None:
    # Reformation Day, 31 Oct 2025 (a Friday), is a holiday in Saxony but not in Bavaria.
    assert roll(BusinessCalendar(country="DE-SN"), "2025-10-31") == ["2025-11-03"]
    assert roll(BusinessCalendar(country="DE-BY"), "2025-10-31") == ["2025-10-31"]


@pytest.mark.parametrize("code", ["US", "gb", " DE ", "US-CA"])
def test_known_countries(code: str) -> None:
    assert known_country(code)


@pytest.mark.parametrize("code", ["XX", "", "Germany", "US-XX"])
def test_unknown_countries(code: str) -> None:
    assert not known_country(code)


def test_an_unknown_country_is_refused() -> None:
    with pytest.raises(ValueError, match="XX"):
        BusinessCalendar(country="XX")


def test_calendar_follows_settings() -> None:
    cal = BusinessCalendar.from_settings(Settings(skip_weekends=False, holidays="US"))
    assert roll(cal, "2026-11-07", "2026-11-26") == ["2026-11-07", "2026-11-27"]


@pytest.mark.parametrize(
    "code", ["US", "USA", "GB", "UK", "DE-BY", "FR", "JP", "AU-NSW", "BR", "IN", "AS", "PR"]
)
def test_holidays_are_the_holiday_librarys_own(code: str) -> None:
    # The tool loads one country's calendar by itself; it must give what the library's
    # public lookup gives, aliases (USA, UK) and territories (AS, PR) included.
    import holidays

    country, _, region = code.partition("-")
    public = holidays.country_holidays(country, subdiv=region or None, years=[2026, 2027])
    expected = np.array(sorted(public), dtype="datetime64[D]")
    assert known_country(code)
    got = BusinessCalendar(country=code).holidays_between(2026, 2027)
    assert list(got) == list(expected)


def _modules_loaded_after(code: str) -> list[str]:
    script = (
        "import sys\n"
        "import followup.cadence, followup.validate\n"
        "from followup.business_days import BusinessCalendar\n"
        f"BusinessCalendar(country={code!r}).holidays_between(2026, 2026)\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('holidays'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_only_the_named_countrys_holidays_are_loaded() -> None:
    loaded = _modules_loaded_after("DE-BY")
    assert "holidays.countries.germany" in loaded
    assert [m for m in loaded if m.startswith("holidays.countries.")] == [
        "holidays.countries.germany"
    ]


def test_no_holiday_data_is_loaded_without_a_country() -> None:
    assert _modules_loaded_after("") == []


def test_the_holiday_library_works_as_ever_after_one_country_is_loaded() -> None:
    # The library's package module waits until one of its names is asked for: it reads the
    # library's version from the installed metadata, which one country's calendar does not
    # need. Asked for afterwards, everything is there.
    script = (
        "import sys\n"
        "from followup.business_days import BusinessCalendar\n"
        "BusinessCalendar(country='DE-BY').holidays_between(2026, 2026)\n"
        "print('importlib.metadata' in sys.modules)\n"
        "import holidays, holidays.registry\n"
        "from importlib.metadata import version\n"
        "print(holidays.__version__ == version('holidays'))\n"
        "print(len(holidays.country_holidays('FR', years=2026)))\n"
        "print(holidays.registry.COUNTRIES['germany'][1], holidays.DE is not None)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "True", "11", "DE", "True"]
