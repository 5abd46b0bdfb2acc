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
def golden_built(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    return out, G.build_all(CASES, out)


@pytest.fixture(scope="session")
def golden(golden_built, tools):
    out, failures = golden_built
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


# --- every rule of the stylesheets styles something -------------------------------------------

@pytest.mark.xdist_group("golden")
@pytest.mark.parametrize("medium", ["screen", "epub", "print"])
def test_every_selector_matches_something(golden_built, medium):
    """A rule whose selector matches no element of any edition is dead: the sign of a
    stylesheet and the hub drifting apart (a rule for p.quote-source when the hub writes
    p.quote-source-line). Checked against what each medium's stylesheet styles: the web
    pages, the EPUB's documents, the PDF's print copy of every golden case and fixture."""
    out, _ = golden_built
    trees = G.styled_trees(medium, CASES, out)
    unused = G.unused_selectors(medium, trees)
    assert not unused, f"{medium}: selectors that match nothing in {len(trees)} documents:\n" + "\n".join(unused)
