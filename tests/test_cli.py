"""The editio command as a user meets it: help, versions, exit codes, messages, atomic builds."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import build_env

FIXTURES = Path(__file__).parent / "fixtures"
LETTER = FIXTURES / "make" / "short-letter.xml"
MESSAGE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)( [A-Z]-[A-Z0-9-]+)?: .+$")


def run(editio_bin, *args, cwd=None):
    return subprocess.run([*editio_bin, *map(str, args)], capture_output=True, text=True,
                          env=build_env(), cwd=cwd, timeout=600)


def test_version_is_the_package_version(editio_bin):
    import editio

    proc = run(editio_bin, "--version")
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"editio {editio.__version__}"


@pytest.mark.parametrize("command", ["validate", "build", "check"])
def test_every_command_has_help(editio_bin, command):
    proc = run(editio_bin, command, "--help")
    assert proc.returncode == 0
    assert "usage: editio " + command in proc.stdout
    assert "FILE" in proc.stdout


def test_usage_errors_exit_2_without_traceback(editio_bin):
    for args in (["build"], ["build", LETTER, "--format", "docz"], ["frobnicate"], []):
        proc = run(editio_bin, *args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr


def test_missing_file_is_one_clear_line(editio_bin, tmp_path):
    missing = tmp_path / "nowhere.xml"
    proc = run(editio_bin, "validate", missing)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if MESSAGE.match(line)]
    assert len(errors) == 1 and str(missing) in errors[0]
    assert "Traceback" not in proc.stderr


def test_malformed_tei_names_line_and_column_and_writes_nothing(editio_bin, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text(LETTER.read_text(encoding="utf-8").replace("</salute>", "</salut>"),
                   encoding="utf-8")
    line = next(i for i, text in enumerate(bad.read_text().splitlines(), 1) if "</salut>" in text)
    out = tmp_path / "dist"
    proc = run(editio_bin, "build", bad, "--out", out)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    located = [MESSAGE.match(l) for l in proc.stderr.splitlines() if MESSAGE.match(l)]
    assert located and located[0]["file"] == str(bad) and int(located[0]["line"]) == line
    assert not (out / "bad").exists()


def test_build_writes_the_output_contract_and_reports_progress(editio_bin, tmp_path):
    out = tmp_path / "dist"
    proc = run(editio_bin, "build", LETTER, "--out", out, "--strict")
    assert proc.returncode == 0, proc.stderr
    edition = out / "short-letter"
    for name in ("index.html", "short-letter.epub", "short-letter.pdf"):
        assert (edition / name).stat().st_size > 0, name
    for fmt in ("html", "epub", "pdf"):
        assert re.search(rf"short-letter: {fmt} built in \d+\.\d+ s", proc.stderr), proc.stderr
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "staging folder left behind"
    quiet = run(editio_bin, "build", LETTER, "--out", out, "--format", "html", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_failed_build_leaves_the_previous_edition_intact(editio_bin, tmp_path):
    out = tmp_path / "dist"
    assert run(editio_bin, "build", LETTER, "--out", out, "--format", "html").returncode == 0
    before = (out / "short-letter" / "index.html").read_bytes()
    # A character the edition font cannot draw is an error in a strict build: the PDF
    # fails, so the HTML built in the same run must not replace the earlier one.
    broken = tmp_path / "short-letter.xml"
    broken.write_text(LETTER.read_text(encoding="utf-8").replace("next week", "next week \U00013000"),
                      encoding="utf-8")
    proc = run(editio_bin, "build", broken, "--out", out, "--format", "html,pdf", "--strict")
    assert proc.returncode == 1
    assert "U+13000" in proc.stderr
    assert (out / "short-letter" / "index.html").read_bytes() == before
    assert not (out / "short-letter" / "short-letter.pdf").exists()


def test_validate_json_lists_every_problem(editio_bin, tmp_path):
    import json

    bad = tmp_path / "dangling.xml"
    bad.write_text(LETTER.read_text(encoding="utf-8")
                   .replace('<p xml:id="p2">', '<p xml:id="p2" corresp="#nowhere">')
                   .replace('<p xml:id="p1">', '<p xml:id="p1" corresp="#elsewhere">'),
                   encoding="utf-8")
    proc = run(editio_bin, "validate", "--format", "json", bad)
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    pointers = [d for d in found if "nowhere" in d["message"] or "elsewhere" in d["message"]]
    assert len(pointers) == 2
    assert all(d["file"] == str(bad) and d["line"] > 0 and d["severity"] == "error" for d in pointers)
    assert [d["line"] for d in found] == sorted(d["line"] for d in found)


def _commands():
    """Every parser the user can ask for help: editio itself, then each command, by argv."""
    import argparse

    from editio.cli import build_parser

    parser = build_parser()
    yield [], parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield [name], sub


def _parser_for(argv):
    return next(parser for args, parser in _commands() if args == list(argv))


def _choices(action) -> list[str]:
    """What an option accepts: argparse's own ``choices``, or those of a list-valued type."""
    found = action.choices if action.choices is not None else getattr(action.type, "choices", None)
    return [str(choice) for choice in found or ()]


def _help_block(text: str, action) -> str:
    """The lines of ``text`` that describe ``action``: its own line and the indented ones under it."""
    heads = action.option_strings or [action.metavar or action.dest]
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(" ") and line.strip().startswith(tuple(heads)):
            indent = len(line) - len(line.lstrip())
            block = [line]
            for more in lines[i + 1:]:
                if not more.strip() or len(more) - len(more.lstrip()) <= indent:
                    break
                block.append(more)
            return "\n".join(block)
    raise AssertionError(f"{heads[0]} is not described in the help:\n{text}")


@pytest.mark.parametrize("argv", [argv for argv, _ in _commands()], ids=lambda argv: " ".join(argv) or "editio")
def test_every_choice_is_listed_in_the_help(editio_bin, argv):
    parser = _parser_for(argv)
    proc = run(editio_bin, *argv, "--help")
    assert proc.returncode == 0, proc.stderr
    for action in parser._actions:
        choices = _choices(action)
        if not choices:
            continue
        block = _help_block(proc.stdout, action)
        for choice in choices:
            assert re.search(rf"(?<![\w-]){re.escape(choice)}(?![\w-])", block), (
                f"{' '.join(['editio', *argv, '--help'])} does not list {choice!r} under "
                f"{action.option_strings or action.metavar}:\n{block}")


def test_list_valued_options_declare_their_choices():
    """The help test reads choices from the parser; --format's are the writers the build runs."""
    from editio.build import WRITERS

    fmt = next(a for a in _parser_for(["build"])._actions if "--format" in a.option_strings)
    assert _choices(fmt) == list(WRITERS)


def test_a_problem_is_reported_once_at_its_place_before_the_build_line(editio_bin, tmp_path):
    """An unknown element is seen by the schema and by the transform: one message, at the
    element's own line, printed before the line that says the edition was built."""
    source = LETTER.read_text(encoding="utf-8")
    start = source.index('<p xml:id="p2">')
    source = source[:start] + "<frobnicate>x</frobnicate>" + source[start:]
    bad = tmp_path / "letter.xml"
    bad.write_text(source, encoding="utf-8")
    line = source[:start].count("\n") + 1
    proc = run(editio_bin, "build", bad, "--format", "html", "--out", tmp_path / "out")
    lines = proc.stderr.splitlines()
    about = [n for n, text in enumerate(lines) if "frobnicate" in text]
    assert len(about) == 1, proc.stderr
    assert lines[about[0]].startswith(f"{bad}:{line}:"), proc.stderr
    built = next(n for n, text in enumerate(lines) if "html built" in text)
    assert about[0] < built, proc.stderr


def test_verbose_streams_each_step_as_it_ends(editio_bin, tmp_path):
    proc = run(editio_bin, "build", LETTER, "--format", "html,pdf", "--out", tmp_path, "-v")
    assert proc.returncode == 0, proc.stderr
    steps = [text.split(": ", 2)[-1] for text in proc.stderr.splitlines() if text.startswith("editio:")]
    order = [next(n for n, s in enumerate(steps) if s.startswith(word))
             for word in ("load", "validate", "transform", "html built", "pdf: layout", "pdf built")]
    assert order == sorted(order), steps


def test_a_build_run_by_a_parallel_make_starts_no_workers_of_its_own():
    """make -jN runs N builds at once: each then lays out and subsets in one process."""
    import os

    from editio.cli import default_jobs

    cores = os.cpu_count() or 1
    assert default_jobs({}) == cores
    assert default_jobs({"MAKEFLAGS": "s"}) == cores
    assert default_jobs({"MAKEFLAGS": "s -j1"}) == cores
    assert default_jobs({"MAKEFLAGS": " -j2 --jobserver-auth=fifo:/tmp/GMfifo1"}) == 1
    assert default_jobs({"MAKEFLAGS": "-j"}) == 1


def test_pdf_layout_reports_progress_unless_quiet(editio_bin, tmp_path):
    loud = run(editio_bin, "build", LETTER, "--format", "pdf", "--out", tmp_path / "a")
    assert loud.returncode == 0, loud.stderr
    assert re.search(r"pdf: layout: \d+ pages? laid out in [\d.]+ s", loud.stderr), loud.stderr
    quiet = run(editio_bin, "build", LETTER, "--format", "pdf", "--out", tmp_path / "b", "-q")
    assert quiet.returncode == 0 and quiet.stderr == "", quiet.stderr


def test_a_stop_signal_arriving_in_a_finalizer_is_raised_again_outside_it(monkeypatch):
    """Python prints and drops an exception raised in a finalizer or a weak reference's
    callback, so a SIGTERM landing there would be lost and the build would go on (seen on
    a busy machine: "Exception ignored in: WeakSet…_remove … Stopped: 15"). There the
    handler sets a short alarm instead, whose handler raises it where the build is. (The
    alarm is recorded, not armed: the test delivers it itself, at a known point.)"""
    import signal
    import sys

    from editio import cli

    alarms = []
    monkeypatch.setattr(signal, "setitimer", lambda which, seconds, *rest: alarms.append((which, seconds)))

    class Finalized:
        def __del__(self):
            cli._stop(signal.SIGTERM, sys._getframe())      # must not raise here

    previous = signal.getsignal(signal.SIGALRM)
    try:
        Finalized()                                          # its __del__ runs now
        assert alarms == [(signal.ITIMER_REAL, 0.01)], "no alarm to raise it again"
        with pytest.raises(cli.Stopped) as stopped:          # the alarm, outside the finalizer
            signal.getsignal(signal.SIGALRM)(signal.SIGALRM, sys._getframe())
        assert stopped.value.signum == signal.SIGTERM
        with pytest.raises(cli.Stopped):                     # outside a finalizer: at once
            cli._stop(signal.SIGTERM, sys._getframe())
        assert len(alarms) == 1
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_check_goes_on_after_a_file_it_cannot_read(editio_bin, tmp_path):
    """One TEI file that cannot be read is reported in one line (file, code) and the
    next file is still checked; the exit status says something failed."""
    out = tmp_path / "dist"
    assert run(editio_bin, "build", LETTER, "--format", "html", "--out", out).returncode == 0
    broken = tmp_path / "broken.xml"
    broken.write_text("<TEI><p>unclosed</TEI>", encoding="utf-8")
    (out / "broken").mkdir()
    (out / "broken" / "index.html").write_text("<html><body><p>unclosed</p></body></html>", encoding="utf-8")
    proc = run(editio_bin, "check", broken, LETTER, "--out", out)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if "E-FID-1" in line and MESSAGE.match(line)]
    assert f"{LETTER}: html: 100.00%" in proc.stdout, proc.stdout
