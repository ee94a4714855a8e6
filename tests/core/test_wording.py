"""The wording table's fillers: every row gets its own words, however rows repeat."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from followup import wording

TEMPLATES = ("{name} at {company}", "Hi {name}", "", "No fields", "{company}: {n} {name}")
NAMES = st.sampled_from(["Ann", "Bo", "", "Ann "])
ROWS = st.lists(
    st.tuples(
        st.sampled_from(TEMPLATES), NAMES, st.sampled_from(["Acme", "Beta"]), st.integers(0, 2)
    ),
    max_size=30,
)


def frame(rows: list[tuple[str, str, str, int]]) -> pd.DataFrame:
    # An index that is neither 0..n-1 nor in order, as a filtered frame's is.
    index = [3 * i + 7 for i in range(len(rows))][::-1]
    return pd.DataFrame(rows, columns=["template", "name", "company", "n"], index=index)


@given(ROWS)
def test_each_row_is_its_own_template_filled_with_its_own_fields(
    rows: list[tuple[str, str, str, int]],
) -> None:
    fields = frame(rows)
    texts = wording.fill_each(fields["template"], fields[["name", "company", "n"]])
    assert list(texts.index) == list(fields.index)
    assert texts.tolist() == [t.format(name=a, company=c, n=n) for t, a, c, n in rows]


@given(ROWS, st.lists(st.booleans(), min_size=30, max_size=30))
def test_an_optional_part_is_blank_where_it_does_not_apply(
    rows: list[tuple[str, str, str, int]], present: list[bool]
) -> None:
    fields = frame(rows)
    shown = present[: len(rows)]
    texts = wording.optional("with {name}", fields, np.array(shown, dtype=bool))
    assert texts.tolist() == [
        f"with {a}" if p else "" for (_, a, _, _), p in zip(rows, shown, strict=True)
    ]
