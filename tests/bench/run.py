"""editio's benchmark: every stage and every format, next to the floors and reference tools.

Run with ``make bench`` (or ``.venv/bin/python tests/bench/run.py [--quick] [--runs N]``).
For each file (the seed edition, a medium ELTeC novel, Bleak House) it measures:

* in one process, per stage: load, validate, transform, HTML write, EPUB package,
  PDF layout, PDF write (wall time, median of the runs);
* as fresh processes, per format, as a user runs them: ``editio validate``,
  ``editio build --format html|epub|pdf`` (wall time and peak RSS);
* the floors and reference tools on the same file, in the same run: lxml parse + a
  trivial XSLT + serialise; WeasyPrint rendering the same hub HTML + print CSS in one
  plain process; pandoc turning the same hub HTML into an EPUB; jing validating against
  TEI P5 ``tei_all.rng`` (when installed); the TEI Stylesheets run by Saxon, TEI → HTML5
  and TEI → EPUB 3 (when a checkout is at ``TEI_STYLESHEETS`` or ``../Stylesheets``);
* a no-op ``make`` in the project;
* what two workers can gain on this machine at best: a CPU-bound loop alone and two
  copies at once (every ``-j2`` ratio above is read against it).

It prints a table and writes ``tests/bench/results/latest.json`` (and a dated copy) so
results can be compared across commits.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "corpus"
RESULTS = Path(__file__).resolve().parent / "results"
VENV_BIN = Path(sys.executable).parent
EDITIO = str(VENV_BIN / "editio")
PYTHON = sys.executable
# Each format from scratch (the hub cache off), as the first build of an edition runs;
# the rows "... (hub cached)" measure the formats that follow it.
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", EDITIO_CACHE_HUBS="off")
CACHED_ENV = dict(ENV, EDITIO_CACHE_HUBS="on")

FILES = {
    "seed": REPO / "tei" / "stalin-hitler-1942-thread.xml",
    "medium novel": SHARED / "eltec-eng-medium.xml",
    "Bleak House": SHARED / "eltec-eng-large.xml",
}

LXML_FLOOR = r"""
import sys
from lxml import etree
xslt = etree.XSLT(etree.XML(b'''<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:template match="/"><html><body><xsl:apply-templates/></body></html></xsl:template>
<xsl:template match="*"><div><xsl:apply-templates/></div></xsl:template></xsl:stylesheet>'''))
tree = etree.parse(sys.argv[1], etree.XMLParser(resolve_entities=False, no_network=True))
open(sys.argv[2], "wb").write(etree.tostring(xslt(tree), method="html"))
"""

# Plain WeasyPrint on the same HTML and the same CSS: the print stylesheet and the
# @font-face rules of the edition's fonts (without them WeasyPrint would set the book in
# whatever fonts the machine has, which is neither the same CSS nor the same work).
WEASYPRINT_FLOOR = r"""
import sys
from weasyprint import HTML, CSS
from weasyprint.text.fonts import FontConfiguration
from editio import fonts
config = FontConfiguration()
sheets = [CSS(string=fonts.font_face_css(lambda f: f.path.as_uri()), font_config=config),
          CSS(filename=sys.argv[2], font_config=config)]
options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True} if sys.argv[4:] == ["tagged"] else {}
HTML(filename=sys.argv[1]).write_pdf(sys.argv[3], stylesheets=sheets, font_config=config, **options)
"""


# Peak RSS is read with wait4() in a small intermediate process: Linux carries a parent's
# RSS high-water mark into a child it forks, so a command started directly by this
# (large) benchmark process would report the benchmark's own memory.
_SPAWN = r"""
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=[
    (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
    (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_measured(cmd: list[str], cwd=None, env=None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MiB and exit code of one fresh process."""
    out = subprocess.run([PYTHON, "-S", "-c", _SPAWN, *cmd], cwd=cwd, env=env or ENV,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), int(out[1]) // 1024, int(out[2])


def median_of(runs: int, fn):
    samples = [fn() for _ in range(runs)]
    times = [s[0] for s in samples]
    return {"seconds": statistics.median(times), "runs": times,
            "rss_mib": max(s[1] for s in samples), "exit": max(s[2] for s in samples)}


def in_process_stages(path: Path, runs: int, with_pdf: bool) -> dict:
    """Per-stage wall time inside one process (the modules are imported and compiled once)."""
    from editio import build
    from editio.hub import transform
    from editio.source import load as source
    from editio.source import validate
    from editio.writers import epub
    from editio.writers import web as html
    from editio.writers.pdf import render as pdf

    stages: dict[str, list[float]] = {}

    def timed(name, fn):
        t0 = time.perf_counter()
        value = fn()
        stages.setdefault(name, []).append(time.perf_counter() - t0)
        return value

    # Warm-up: compile the XSLT, schema and Schematron once, as a long-running process would.
    hub, _ = build.prepare(path, strict=False)
    for _ in range(runs):
        tree = timed("load", lambda: source.load(path))
        timed("validate", lambda: validate.validate(path, tree, strict=False))
        context = build.make_context(path, strict=False)
        hub = timed("transform", lambda: transform.to_hub(tree, context))
        with tempfile.TemporaryDirectory() as tmp:
            timed("HTML write", lambda: html.write(hub, Path(tmp)))
            timed("EPUB package", lambda: epub.write(hub, Path(tmp)))
            if with_pdf:
                document = timed("PDF layout", lambda: pdf.render(hub)[0])
                timed("PDF write", lambda: document.write_pdf(Path(tmp) / "x.pdf",
                                                              pdf_variant="pdf/ua-1"))
    return {name: statistics.median(values) for name, values in stages.items()}


def tei_all_rng() -> Path | None:
    candidate = REPO / "tests" / ".tools" / "tei_all.rng"
    return candidate if candidate.exists() else None


def bench_file(label: str, path: Path, runs: int, quick: bool) -> dict:
    heavy = path.stat().st_size > 1_000_000
    pdf_runs = 1 if heavy else runs
    out: dict = {"file": str(path), "bytes": path.stat().st_size}
    out["stages"] = in_process_stages(path, 1 if heavy else runs, with_pdf=not (quick and heavy))
    procs: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        procs["editio validate"] = median_of(runs, lambda: run_measured(
            [EDITIO, "validate", "--lenient", "--quiet", str(path)]))
        for fmt in ("html", "epub", "pdf"):
            if fmt == "pdf" and quick and heavy:
                continue
            procs[f"editio build {fmt}"] = median_of(pdf_runs if fmt == "pdf" else runs,
                                                     lambda: run_measured(
                [EDITIO, "build", str(path), "--format", fmt, "--out", str(tmp / "dist"),
                 "--quiet"]))
        # the hub cache: a first format fills it, the next ones start from it
        cached = [EDITIO, "build", str(path), "--out", str(tmp / "cached"), "--quiet"]
        run_measured([*cached, "--format", "html"], env=CACHED_ENV)
        for fmt in ("html", "epub"):
            procs[f"editio build {fmt} (hub cached)"] = median_of(runs, lambda: run_measured(
                [*cached, "--format", fmt], env=CACHED_ENV))
        if not (quick and heavy):
            procs["editio build all"] = median_of(pdf_runs, lambda: run_measured(
                [EDITIO, "build", str(path), "--out", str(tmp / "dist"), "--quiet"]))
            procs["editio build pdf -j1"] = median_of(pdf_runs, lambda: run_measured(
                [EDITIO, "build", str(path), "--format", "pdf", "-j", "1", "--out",
                 str(tmp / "dist1"), "--quiet"]))
        # Floors and reference tools on the same input.
        procs["floor: lxml parse+XSLT+serialise"] = median_of(runs, lambda: run_measured(
            [PYTHON, "-c", LXML_FLOOR, str(path), str(tmp / "floor.html")]))
        hub_html, print_css = _hub_for_floors(path, tmp)
        if not (quick and heavy):
            procs["floor: plain WeasyPrint, same HTML+CSS"] = median_of(pdf_runs, lambda: run_measured(
                [PYTHON, "-c", WEASYPRINT_FLOOR, str(hub_html), str(print_css), str(tmp / "w.pdf")]))
            # editio writes PDF/UA-1 with its structure tree: the same request of plain
            # WeasyPrint is the like-for-like floor (tagging is part of WeasyPrint's cost).
            procs["floor: plain WeasyPrint, tagged PDF/UA-1"] = median_of(pdf_runs, lambda: run_measured(
                [PYTHON, "-c", WEASYPRINT_FLOOR, str(hub_html), str(print_css), str(tmp / "wt.pdf"),
                 "tagged"]))
        # The pages themselves, measured as a typographer would: editio's PDF and plain
        # WeasyPrint's, from the same HTML and CSS.
        from editio.check import typography

        out["typography"] = {}
        for name, pdf_path in (("editio", tmp / "dist" / path.stem / f"{path.stem}.pdf"),
                               ("plain WeasyPrint", tmp / "w.pdf")):
            if pdf_path.is_file():
                measured = typography.measure(pdf_path)
                out["typography"][name] = {"report": measured.describe(),
                                           "problems": len(measured.problems())}
        pandoc = _pandoc()
        if pandoc:
            procs["reference: pandoc hub HTML → EPUB"] = median_of(runs, lambda: run_measured(
                [pandoc, str(hub_html), "-f", "html", "-t", "epub3", "-o", str(tmp / "p.epub")]))
        procs.update(stylesheets_reference(path, runs, tmp))
        rng = tei_all_rng()
        if rng and shutil.which("jing"):
            procs["reference: jing tei_all"] = median_of(runs, lambda: run_measured(
                ["jing", str(rng), str(path)]))
    out["processes"] = procs
    return out


def _hub_for_floors(path: Path, tmp: Path) -> tuple[Path, Path]:
    """The hub HTML (as the PDF writer feeds it) and the print CSS, for the plain-tool floors."""
    from lxml import etree

    from editio import build
    from editio.writers.pdf import render as pdf

    hub, _ = build.prepare(path, strict=False)
    prepared = pdf.prepare(hub)
    target = tmp / "hub.html"
    target.write_bytes(etree.tostring(prepared.root, method="html", encoding="utf-8",
                                      doctype="<!DOCTYPE html>"))
    css = tmp / "print.css"
    css.write_text(pdf.print_css(), encoding="utf-8")
    return target, css


def _stylesheets() -> tuple[list[str], Path] | None:
    """The TEI Consortium's Stylesheets run by Saxon, when both are on this machine: the
    command that runs Saxon, and the Stylesheets' folder (``TEI_STYLESHEETS``, else
    ``../Stylesheets`` beside the project). Saxon is ``SAXON_JAR``, else Debian's
    libsaxonhe-java jar, else a ``saxon`` command. Neither is needed by editio: they are the
    reference its HTML and EPUB are timed against."""
    folder = Path(os.environ.get("TEI_STYLESHEETS") or REPO.parent / "Stylesheets")
    if not (folder / "html5" / "html5.xsl").is_file():
        return None
    jar = os.environ.get("SAXON_JAR") or next(
        (str(p) for p in (Path("/usr/share/java/Saxon-HE.jar"), Path("/usr/share/java/saxon9he.jar")) if p.is_file()), "")
    if jar and shutil.which("java"):
        return ["java", "-jar", jar], folder
    if shutil.which("saxon"):
        return ["saxon"], folder
    return None


def stylesheets_reference(path: Path, runs: int, tmp: Path) -> dict:
    """Whole processes of the TEI Stylesheets on the same file: TEI → HTML5 and TEI → the
    EPUB 3 content (the XSLT of ``epub3/``; the zip is not made), as their users run them."""
    found = _stylesheets()
    if found is None:
        return {}
    saxon, folder = found
    procs = {}
    procs["reference: TEI Stylesheets (Saxon) → HTML"] = median_of(runs, lambda: run_measured(
        [*saxon, f"-s:{path}", f"-xsl:{folder / 'html5' / 'html5.xsl'}", f"-o:{tmp / 'stylesheets.html'}"]))
    if (folder / "epub3" / "epub3.xsl").is_file():
        procs["reference: TEI Stylesheets (Saxon) → EPUB 3"] = median_of(runs, lambda: run_measured(
            [*saxon, f"-s:{path}", f"-xsl:{folder / 'epub3' / 'epub3.xsl'}",
             f"-o:{tmp / 'stylesheets-epub' / 'index.html'}", f"directory={tmp / 'stylesheets-epub'}"]))
    return procs


def _pandoc() -> str | None:
    try:
        import pypandoc

        return pypandoc.get_pandoc_path()
    except Exception:  # pandoc is optional for the bench
        return None


def noop_make(runs: int) -> dict:
    subprocess.run(["make", "-s"], cwd=REPO, env=ENV, check=False, capture_output=True)
    return median_of(runs, lambda: run_measured(["make", "-s"], cwd=REPO))


ELTEC = REPO.parent / "shared" / "corpus-eltec-eng"


def corpus_scaling(count: int = 6) -> dict | None:
    """Six novels, HTML + EPUB, as a corpus build runs them: ``make -j1``, ``make -j2``,
    Snakemake with two cores, and ``make`` again after touching one TEI (it must rebuild
    that one edition only). Each run starts from an empty output folder and empty caches."""
    novels = sorted(ELTEC.glob("*.xml"))[:count]
    if len(novels) < count:
        return None
    venv = Path(sys.executable).parent.parent
    out: dict = {"novels": [n.name for n in novels]}
    with tempfile.TemporaryDirectory() as td:
        work = Path(td)
        (work / "tei").mkdir()
        for novel in novels:
            shutil.copy(novel, work / "tei" / novel.name)
        (work / "pyproject.toml").write_text("", encoding="utf-8")
        os.utime(work / "pyproject.toml", (0, 0))     # keeps the install stamp satisfied
        # other projects' TEI: built as 'editio build' does by default, not --strict
        make = ["make", "-s", "-f", str(REPO / "Makefile"), f"VENV={venv}", "BUILD_FLAGS=--quiet"]
        for jobs in (1, 2):
            # cold: an empty output folder and empty caches (hubs and font subsets)
            shutil.rmtree(work / "dist", ignore_errors=True)
            cold = dict(CACHED_ENV, EDITIO_CACHE=str(work / f"cache-j{jobs}"))
            seconds, rss, code = run_measured([*make, f"-j{jobs}", "html", "epub"], cwd=work, env=cold)
            out[f"make -j{jobs}"] = {"seconds": seconds, "rss_mib": rss, "exit": code}
        (work / "tei" / novels[0].name).touch()
        built = {p: p.stat().st_mtime for p in (work / "dist").glob("*/index.html")}
        seconds, _, code = run_measured([*make, "-j2", "html", "epub"], cwd=work,
                                        env=dict(CACHED_ENV, EDITIO_CACHE=str(work / "cache-j2")))
        rebuilt = sum(p.stat().st_mtime != t for p, t in built.items())
        out["make after touching one TEI"] = {"seconds": seconds, "exit": code, "editions rebuilt": rebuilt}
        snakemake = venv / "bin" / "snakemake"
        if snakemake.exists():
            import editio.cluster

            shutil.rmtree(work / "snake", ignore_errors=True)
            cold = dict(CACHED_ENV, EDITIO_CACHE=str(work / "cache-snakemake"))
            seconds, rss, code = run_measured(
                [str(snakemake), "-s", editio.cluster.snakefile(), "--cores", "2", "--quiet",
                 "--config", "out=snake", "formats=html,epub", f"editio={venv}/bin/editio", "flags=--quiet"],
                cwd=work, env=cold)
            out["snakemake --cores 2"] = {"seconds": seconds, "rss_mib": rss, "exit": code}
    return out


SCALING_HEADER = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
<titleStmt><title>Scale</title><author>Bench</author></titleStmt>
<publicationStmt><publisher>bench</publisher><availability><licence target="https://example.org/l">CC0</licence>
</availability></publicationStmt><sourceDesc><p>Synthetic.</p></sourceDesc></fileDesc>
<profileDesc><langUsage><language ident="en">English</language></langUsage></profileDesc></teiHeader>
<text><body>{}</body></text></TEI>"""
SCALING_CASES = {
    "notes, one per paragraph": lambda n: "".join(f"<p>w{i}<note>n{i}</note> more.</p>" for i in range(n)),
    "notes, all in one paragraph": lambda n: "<p>" + "".join(f"w{i}<note>n{i}</note> " for i in range(n)) + "</p>",
    "pointers, two per paragraph": lambda n: "".join(f'<p xml:id="p{i}"><ref target="#p{i} #p{(i + 1) % n}">x</ref></p>'
                                                     for i in range(n)),
    "broken pointers": lambda n: "".join(f'<p xml:id="p{i}"><ref target="#q{i}">x</ref></p>' for i in range(n)),
    "mentions of one register entry": lambda n: ('<listPerson><person xml:id="anna"><persName>Anna</persName>'
                                                 '</person></listPerson>'
                                                 + "".join(f'<p>w{i} <persName ref="#anna">Anna</persName>.</p>'
                                                           for i in range(n))),
    "highlights in one paragraph": lambda n: "<p>" + "".join(f"w{i} <hi>x</hi> " for i in range(n)) + "</p>",
}


def synthetic_scaling(n: int = 10_000) -> dict:
    """Validate and transform of synthetic texts with n and 2n notes, pointers…: the
    ratio of the two times is about 2 when a stage is linear, 4 when it is quadratic."""
    from editio import build
    from editio.hub import transform
    from editio.source import load as source
    from editio.source import validate

    out: dict = {}
    with tempfile.TemporaryDirectory() as td:
        for label, body in SCALING_CASES.items():
            row = {}
            for size in (n, 2 * n):
                path = Path(td) / f"scale-{size}.xml"
                path.write_text(SCALING_HEADER.format(body(size)), encoding="utf-8")
                tree = source.load(path)
                t0 = time.perf_counter()
                validate.validate(path, tree, strict=False)
                t1 = time.perf_counter()
                transform.to_hub(tree, build.make_context(path, strict=False))
                row[size] = {"validate": t1 - t0, "transform": time.perf_counter() - t1}
            out[label] = row
    return out


BURN = "x = 0\nfor i in range(12_000_000):\n    x += i\n"


def parallel_floor(runs: int) -> dict:
    """What two workers can gain on this machine at best: a CPU-bound Python loop run
    alone, then two copies at once. On a machine whose two CPUs share a core, or are
    shared with other work, two processes at once take more than half the time of the
    same two one after the other; no parallel build can do better than that ratio."""
    alone = median_of(runs, lambda: run_measured([PYTHON, "-c", BURN]))["seconds"]

    def pair() -> tuple[float, int, int]:
        started = time.perf_counter()
        procs = [subprocess.Popen([PYTHON, "-c", BURN]) for _ in range(2)]
        codes = [p.wait() for p in procs]
        return time.perf_counter() - started, 0, max(codes)

    together = median_of(runs, pair)["seconds"]
    return {"one alone": alone, "two at once": together, "ratio": together / (2 * alone)}


def ratio(a, b):
    return a / b if a and b else None


def report(results: dict) -> str:
    lines = []
    for label, data in results["files"].items():
        lines.append(f"\n{label}  ({Path(data['file']).name}, {data['bytes'] / 1e6:.2f} MB)")
        lines.append("  in one process, per stage (median):")
        for stage, seconds in data["stages"].items():
            lines.append(f"    {stage:<16} {seconds:8.3f} s")
        lines.append("  fresh processes (median wall, peak RSS):")
        for name, m in data["processes"].items():
            flag = "" if m["exit"] == 0 else f"  (exit {m['exit']})"
            lines.append(f"    {name:<42} {m['seconds']:8.3f} s  {m['rss_mib']:6d} MiB{flag}")
        p = data["processes"]
        pdf_all = p.get("editio build pdf", {}).get("seconds")
        floor = p.get("floor: plain WeasyPrint, same HTML+CSS", {}).get("seconds")
        tagged = p.get("floor: plain WeasyPrint, tagged PDF/UA-1", {}).get("seconds")
        html_t = p.get("editio build html", {}).get("seconds")
        html_c = p.get("editio build html (hub cached)", {}).get("seconds")
        epub_c = p.get("editio build epub (hub cached)", {}).get("seconds")
        lx = p.get("floor: lxml parse+XSLT+serialise", {}).get("seconds")
        val = p.get("editio validate", {}).get("seconds")
        jing = p.get("reference: jing tei_all", {}).get("seconds")
        epub_t = p.get("editio build epub", {}).get("seconds")
        pandoc_t = p.get("reference: pandoc hub HTML → EPUB", {}).get("seconds")
        pdf_one = p.get("editio build pdf -j1", {}).get("seconds")
        tei_html = p.get("reference: TEI Stylesheets (Saxon) → HTML", {}).get("seconds")
        tei_epub = p.get("reference: TEI Stylesheets (Saxon) → EPUB 3", {}).get("seconds")
        for name, t in data.get("typography", {}).items():
            lines.append(f"  typography, {name}: {t['report']}; problems: {t['problems']}")
        lines.append("  ratios:")
        for name, r in (("PDF / plain WeasyPrint", ratio(pdf_all, floor)),
                        ("PDF / tagged WeasyPrint", ratio(pdf_all, tagged)),
                        ("PDF -j1 / plain WeasyPrint", ratio(pdf_one, floor)),
                        ("PDF -j1 / tagged WeasyPrint", ratio(pdf_one, tagged)),
                        ("HTML / lxml floor", ratio(html_t, lx)),
                        ("HTML, hub cached / lxml floor", ratio(html_c, lx)),
                        ("EPUB, hub cached / pandoc", ratio(epub_c, pandoc_t)),
                        ("validate / jing tei_all", ratio(val, jing)),
                        ("EPUB / pandoc EPUB", ratio(epub_t, pandoc_t)),
                        ("HTML / TEI Stylesheets", ratio(html_t, tei_html)),
                        ("HTML, hub cached / TEI Stylesheets", ratio(html_c, tei_html)),
                        ("EPUB / TEI Stylesheets", ratio(epub_t, tei_epub)),
                        ("EPUB, hub cached / TEI Stylesheets", ratio(epub_c, tei_epub))):
            if r is not None:
                lines.append(f"    {name:<28} {r:6.2f}×")
    corpus = results.get("corpus")
    if corpus:
        lines.append(f"\ncorpus: {len(corpus['novels'])} ELTeC novels, HTML + EPUB, empty output folder")
        for name, m in corpus.items():
            if isinstance(m, dict):
                extra = f", {m['editions rebuilt']} edition(s) rebuilt" if "editions rebuilt" in m else ""
                lines.append(f"    {name:<32} {m['seconds']:8.2f} s{extra}")
        r = ratio(corpus.get("make -j2", {}).get("seconds"), corpus.get("make -j1", {}).get("seconds"))
        if r is not None:
            lines.append(f"    make -j2 / make -j1            {r:8.2f}×")
    scaling = results.get("scaling")
    if scaling:
        lines.append("\nscaling (n → 2n; a ratio near 2 is linear, near 4 quadratic):")
        for label, row in scaling.items():
            small, large = (row[k] for k in sorted(row, key=int))
            cells = "  ".join(f"{stage} {small[stage]:6.2f} → {large[stage]:6.2f} s ({ratio(large[stage], small[stage]):.1f}×)"
                              for stage in ("validate", "transform"))
            lines.append(f"    {label:<30} {cells}")
    floor = results.get("parallel floor")
    if floor:
        lines.append(f"\nthis machine: two CPU-bound processes at once take {floor['two at once']:.2f} s, "
                     f"one alone {floor['one alone']:.2f} s: {floor['ratio']:.2f}× the time of running "
                     "them one after the other (no 2-worker ratio can be lower)")
    m = results.get("noop make")
    if m:
        lines.append(f"\nno-op make: {m['seconds']:.3f} s (median of {len(m['runs'])})")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--quick", action="store_true", help="skip PDFs of the large file")
    parser.add_argument("--only", choices=list(FILES), action="append", help="bench these only")
    parser.add_argument("--no-corpus", action="store_true", help="skip the six-novel make -j1/-j2 run")
    parser.add_argument("--no-scaling", action="store_true",
                        help="skip the synthetic 10,000 and 20,000 notes/pointers texts")
    args = parser.parse_args(argv)
    results = {
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cpus": os.cpu_count()},
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "files": {},
    }
    for label, path in FILES.items():
        if args.only and label not in args.only:
            continue
        if not path.exists():
            print(f"bench: {path} not found, skipped", file=sys.stderr)
            continue
        print(f"bench: {label} ...", file=sys.stderr, flush=True)
        results["files"][label] = bench_file(label, path, args.runs, args.quick)
    if not args.no_corpus:
        print("bench: corpus of six novels ...", file=sys.stderr, flush=True)
        results["corpus"] = corpus_scaling()
    if not args.no_scaling:
        print("bench: scaling of synthetic texts ...", file=sys.stderr, flush=True)
        results["scaling"] = synthetic_scaling()
    results["parallel floor"] = parallel_floor(max(3, args.runs))
    results["noop make"] = noop_make(max(3, args.runs))
    text = report(results)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    payload = json.dumps(results, indent=2, ensure_ascii=False)
    (RESULTS / "latest.json").write_text(payload, encoding="utf-8")
    (RESULTS / f"{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(payload, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
