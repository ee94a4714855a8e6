"""Sheet names of a caseload's clients: valid in Excel, unique, recognisable."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from followup.caseload import sheet_names

FORBIDDEN = set("[]:*?/\\")


def test_names_are_cleaned_shortened_and_numbered() -> None:
    names = [
        "Sam Lee",
        "sam lee",
        "Sam Lee",
        "A/B: [test]?",
        "Maximiliane Theodora von Hohenberg-Eschenbach",
        "Maximiliane Theodora von Hohenberg-Eschenbach",
        "History",
        "Caseload",
        "interviews",
        "'quoted'",
        "   ",
        "x" * 30 + "'s tracker",
    ]
    assert sheet_names(names) == [
        "Sam Lee",
        "sam lee (2)",
        "Sam Lee (3)",
        "A-B- -test--",
        "Maximiliane Theodora von Hohenb",
        "Maximiliane Theodora von Ho (2)",
        "History (2)",
        "Caseload (2)",
        "interviews (2)",
        "quoted",
        "Client",
        "x" * 30,
    ]


@given(st.lists(st.text(min_size=0, max_size=40), max_size=12))
def test_any_names_give_valid_unique_sheet_names(names: list[str]) -> None:
    out = sheet_names(names)
    assert len(out) == len(names)
    assert len({n.casefold() for n in out}) == len(out)
    for name in out:
        assert 0 < len(name) <= 31
        assert not FORBIDDEN & set(name)
        assert not name.startswith("'") and not name.endswith("'")
        assert name.casefold() not in ("history", "caseload", "interviews")
