"""A CSV followup writes opens in a spreadsheet app with every cell shown as the text it is."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from followup.workbook.writer import csv_bytes

LEADS = "=+-@\t\r\x00"  # what makes a spreadsheet app read a cell as a formula
cells = st.text(alphabet=st.sampled_from([*LEADS, "a", "1", " ", ",", '"', "\n", "é", "'"]))


def _read(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=5))
def test_every_cell_reads_back_as_typed_or_guarded(rows: list[tuple[str, str]]) -> None:
    frame = pd.DataFrame(rows, columns=["Employer", "Result"])
    back = _read(csv_bytes(frame))
    assert back[0] == ["Employer", "Result"]
    typed_cells = [v for row in rows for v in row]
    shown_cells = [v for row in back[1:] for v in row]
    for typed, shown in zip(typed_cells, shown_cells, strict=True):
        guarded = typed[:1] in tuple(LEADS)
        assert shown == ("'" + typed if guarded else typed)
        assert shown[:1] not in tuple(LEADS)
