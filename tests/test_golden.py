"""What a reader sees of each TEI construct, in the web edition, the EPUB, the PDF and
the pandoc exports: the golden cases of ``tests/golden/`` (see ``golden_harness``).

All cases are built once per session in two processes and read in one Chromium session;
the tests then only compare. They run on one xdist worker (group "golden").
"""

from __future__ import annotations

import pytest

import golden_harness as G

CASES = G.load_cases()
PARAMS = [pytest.param(case, view, id=f"{case.id}:{view}") for case in CASES for view in case.views()]


@pytest.fixture(scope="session")
def golden(tmp_path_factory, tools):
    out = tmp_path_factory.mktemp("golden")
    failures = G.build_all(CASES, out)
    built = [c for c in CASES if not failures.get(c.input)]
    return failures, G.read_all(built, out, tools.reader_texts)


def test_every_construct_folder_has_cases():
    folders = {p.name for p in G.GOLDEN.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))}
    with_cases = {c.construct for c in CASES}
    assert folders == with_cases, f"folders without cases: {sorted(folders - with_cases)}"
    for case in CASES:
        assert case.input.is_file(), f"{case.id}: {case.input} is missing"
        assert case.facts, f"{case.id}: no facts"


@pytest.mark.xdist_group("golden")
@pytest.mark.parametrize("case,view", PARAMS)
def test_reader_sees(golden, case, view):
    failures, readings = golden
    if failures.get(case.input):
        pytest.fail(f"{case.id} did not build:\n{failures[case.input]}", pytrace=False)
    problems = G.check(view, case.facts[view], readings[case.input])
    if problems:
        pytest.fail(f"{case.id} ({case.about}):\n" + "\n".join(problems), pytrace=False)
