"""The README and the command line must tell the same story."""

from __future__ import annotations

import re
from pathlib import Path

import click

from followup.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def readme_block(name: str) -> str:
    match = re.search(rf"<!-- {name} -->\n(.*?)<!-- /{name} -->", README, re.S)
    assert match, f"README has no {name} block"
    return match.group(1)


def command_table() -> str:
    ctx = click.Context(main)
    rows = ["| command | what it does |", "| --- | --- |"]
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        usage = " ".join(command.collect_usage_pieces(ctx)).replace("[OPTIONS] ", "")
        rows.append(f"| `followup {name} {usage}` | {command.get_short_help_str(200)} |")
    return "\n".join(rows) + "\n"


def test_readme_lists_every_command_with_its_help() -> None:
    assert readme_block("commands") == command_table(), (
        "README's command table drifted from the CLI; replace it with:\n" + command_table()
    )


def test_every_command_and_option_has_help() -> None:
    ctx = click.Context(main)
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None and command.help, f"{name} has no help"
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts} has no help"


def test_readme_commands_install_and_run_demo_and_tests() -> None:
    demo = readme_block("demo-command")
    tests = readme_block("test-command")
    assert "pip install ." in demo and "followup demo" in demo
    assert "pip install -e '.[test]'" in tests and "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text()
    assert "readme_block test-command" in ci


def synonym_tables() -> str:
    """The header and choice synonyms of the schema, as docs/cadence.md lists them."""
    from followup.schema import (
        CHOICE_PHRASES,
        CHOICE_SYNONYMS,
        IMPORT_FIELDS,
        PLACEHOLDERS,
        RESPONSE_DATE,
        SETTINGS_TABLE,
        USER_SHEETS,
    )

    assert {"n/a", "tbd", "-", "none", "null"} <= PLACEHOLDERS
    rows = ["| sheet | column | also found as |", "| --- | --- | --- |"]
    for sheet in (*USER_SHEETS, SETTINGS_TABLE):
        for col in sheet.columns:
            if col.aliases:
                rows.append(f"| {sheet.name} | {col.header} | {', '.join(col.aliases)} |")
    assert RESPONSE_DATE in IMPORT_FIELDS
    rows.append(f"| (import) | {RESPONSE_DATE.header} | {', '.join(RESPONSE_DATE.aliases)} |")
    rows += ["", "| choice | also read from |", "| --- | --- |"]
    rows += [f"| {choice} | {', '.join(words)} |" for choice, words in CHOICE_SYNONYMS.items()]
    rows += ["", "| words inside a longer value, first found wins | read as |", "| --- | --- |"]
    rows += [f"| {phrase} | {choice} |" for phrase, choice in CHOICE_PHRASES]
    return "\n".join(rows) + "\n"


def test_the_docs_list_every_synonym_the_reader_knows() -> None:
    docs = (ROOT / "docs" / "cadence.md").read_text()
    match = re.search(r"<!-- synonyms -->\n(.*?)<!-- /synonyms -->", docs, re.S)
    assert match, "docs/cadence.md has no synonyms block"
    assert match.group(1) == synonym_tables(), (
        "docs/cadence.md's synonyms drifted from the schema; replace the block with:\n"
        + synonym_tables()
    )


def fenced(name: str) -> str:
    """The text inside a README block's code fence."""
    return readme_block(name).split("\n", 1)[1].rsplit("```", 1)[0]


def test_readme_import_example_prints_what_it_says(tmp_path: Path, monkeypatch) -> None:
    from click.testing import CliRunner

    (tmp_path / "applications.csv").write_text(fenced("import-source"))
    monkeypatch.chdir(tmp_path)
    command = fenced("import-command").split()
    assert command[:2] == ["followup", "import"]
    result = CliRunner().invoke(main, command[1:])
    assert result.exit_code == 0, result.output
    assert result.output == fenced("import-output")


def test_readme_module_table_names_every_module_once() -> None:
    source = ROOT / "src" / "followup"
    modules = sorted(
        path.relative_to(source).as_posix()
        for path in (*source.glob("*.py"), *source.glob("workbook/*.py"))
        if path.name != "__init__.py"
    )
    listed = re.findall(r"^\| `([^`]+)` \|", readme_block("modules"), re.M)
    assert len(listed) == len(set(listed)), "README's module table names a module twice"
    missing = sorted(set(modules) - set(listed))
    stale = sorted(set(listed) - set(modules))
    assert not missing, f"add a line for {missing} to README's module table (For developers)"
    assert not stale, f"README's module table names {stale}, which do not exist"
