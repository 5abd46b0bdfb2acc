"""Work done by a second process beside the build (validation beside the transform, the
TEI export beside the web edition) changes the time a build takes, never what it makes
or reports."""

from __future__ import annotations

import os
import re

from conftest import REPO
from editio import beside
from editio import build as build_module

HAMLET = REPO / "tests" / "fixtures" / "corpus" / "drama-shake-hamlet.xml"   # 583 kB


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_long_text_built_with_two_processes_is_what_one_process_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert HAMLET.stat().st_size >= build_module.BESIDE_MIN_BYTES
    one = build_module.build(HAMLET, ["html"], tmp_path / "one", jobs=1, quiet=True)
    two = build_module.build(HAMLET, ["html"], tmp_path / "two", jobs=2, quiet=True)
    # the second process validates while this one transforms and writes
    assert "validate" in one.timings and "transform (validation goes on beside it)" not in one.timings
    assert "transform (validation goes on beside it)" in two.timings and "validate" not in two.timings
    assert [d.format() for d in two.diagnostics] == [d.format() for d in one.diagnostics]
    assert any(not d.is_error for d in one.diagnostics), "Hamlet has warnings to compare"
    assert _files(tmp_path / "two") == _files(tmp_path / "one")
    assert (tmp_path / "two" / HAMLET.stem / f"{HAMLET.stem}.xml").is_file()   # the TEI, written beside


def test_an_invalid_long_text_is_refused_though_its_transform_went_on(tmp_path):
    text = HAMLET.read_text(encoding="utf-8")
    # a second element with the id of the first: an error in every mode
    first = re.search(r'xml:id="([^"]+)"', text)
    tei = tmp_path / "hamlet-broken.xml"
    tei.write_text(text.replace("<body>", f'<body><p xml:id="{first.group(1)}">Twice.</p>', 1),
                   encoding="utf-8")
    line = text[:text.index("<body>")].count("\n") + 1
    result = build_module.build(tei, ["html"], tmp_path / "out", jobs=2, quiet=True)
    errors = [d for d in result.diagnostics if d.is_error]
    assert errors and {d.code for d in errors} == {"E-ID-1"}
    assert line in {d.line for d in errors}
    assert not (tmp_path / "out" / "hamlet-broken").exists()


def _pid() -> int:
    return os.getpid()


def _fails() -> None:
    raise ValueError("no such thing")


def test_the_work_runs_in_another_process_and_its_result_comes_back():
    assert beside.possible()
    assert beside.start(_pid).result() != os.getpid()
    assert beside.start(sorted, [3, 1, 2], reverse=True).result() == [3, 2, 1]


def test_work_that_fails_beside_fails_here_as_it_would_without_a_second_process():
    pending = beside.start(_fails)
    try:
        pending.result()
    except ValueError as exc:
        assert str(exc) == "no such thing"
    else:
        raise AssertionError("the failure was lost")
    # a result that cannot be sent back is made here instead
    made = beside.start(lambda: (lambda: 42)).result()
    assert made() == 42
