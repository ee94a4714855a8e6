"""Regenerate templates/tracker.xlsx: exactly what `followup init` writes."""

from pathlib import Path

from followup.workbook.template import write_tracker

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / "templates" / "tracker.xlsx"
    target.unlink(missing_ok=True)
    write_tracker(target)
    print(f"wrote {target}")
