"""Build and check a whole corpus: every TEI file of a folder, every format, every oracle.

Run with ``make corpus-check`` (or ``.venv/bin/python tests/corpus/run.py [--corpus DIR]
[--formats html,epub,pdf] [-j N] [--limit N] [--no-ace]``). It is not part of
``make test``: the 99 ELTeC novels take a long time, and the point is a table, not a
pass/fail of one commit.

For each TEI file it runs ``editio build`` as a fresh process (as ``make`` would) and
records its wall time, its peak resident memory (from ``wait4``, the process and its
workers) and its messages; then, on what was written: the share of the TEI's words found
in order in each output (``editio.check.fidelity``), EPUBCheck 5.3 and DAISY Ace on the
EPUB, and, on the PDF, the fonts (embedded, no fallback face) and the typography report.

Editions run ``-j`` at a time, each with one process (``editio build -j 1``), so the
machine's cores go to different books instead of workers of one book competing for them.
Then ``editio site OUT`` makes the corpus catalogue, and its search is timed in Chromium
(``tests/tools/site_search.mjs``): the catalogue page must stay under 1 MB and a typed
query show its hits within 200 ms once the editions are indexed.
The table goes to stdout and, with the raw figures, to ``OUT/corpus.md`` and
``OUT/corpus.json``. The exit status is 1 when any book misses a threshold.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "src"))

import checkers  # noqa: E402  (the test tools: EPUBCheck, Ace, poppler)
from editio.check import fidelity, typography  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus-eltec-eng"
EDITIO = str(Path(sys.executable).parent / "editio")
#: The bar every book must clear (fidelity: share of the TEI's words in order).
THRESHOLDS = {"html": 0.999, "epub": 0.999, "pdf": 0.995}


def build(tei: Path, out: Path, formats: str) -> dict:
    """One ``editio build`` as its own process: seconds, peak RSS (MiB), exit, messages."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1700000000"))
    started = time.perf_counter()
    proc = subprocess.Popen([EDITIO, "build", str(tei), "--format", formats, "--out", str(out), "-j", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 2), "exit": proc.returncode,
            "errors": [line for line in stderr.splitlines() if ": error " in line],
            "warnings": sum(": warning " in line for line in stderr.splitlines()),
            "traceback": "Traceback" in stderr}


def peak_rss(tei: Path, out: Path, formats: str) -> tuple[dict, float]:
    """Run :func:`build` in a child Python: the peak of its reaped children (getrusage)
    is then that one build's, workers included, whatever else runs beside it."""
    code = ("import json, resource, sys; sys.path.insert(0, %r); import run; "
            "r = run.build(*map(__import__('pathlib').Path, sys.argv[1:3]), sys.argv[3]); "
            "r['rss_mib'] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1); "
            "print(json.dumps(r))") % str(Path(__file__).parent)
    proc = subprocess.run([sys.executable, "-c", code, str(tei), str(out), formats],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        return {"seconds": 0, "exit": -1, "errors": [proc.stderr[-500:]], "warnings": 0,
                "traceback": True, "rss_mib": 0}, 0
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result, result["rss_mib"]


def check_one(tei: Path, out: Path, formats: list[str], ace: bool) -> dict:
    """One book's row; a checker that cannot run fails that book's row, not the whole run."""
    try:
        return _check_one(tei, out, formats, ace)
    except Exception as exc:  # reported in the table
        return {"name": tei.stem, "kb": round(tei.stat().st_size / 1024), "exit": -1,
                "errors": [f"checking failed: {type(exc).__name__}: {exc}"], "traceback": True}


def _check_one(tei: Path, out: Path, formats: list[str], ace: bool) -> dict:
    row: dict = {"name": tei.stem, "kb": round(tei.stat().st_size / 1024)}
    result, _ = peak_rss(tei, out, ",".join(formats))
    row.update(result)
    edition = out / tei.stem
    if result["exit"] != 0 or not edition.is_dir():
        return row
    reports = fidelity.check_detailed(tei, edition)
    row["fidelity"] = {fmt: round(report.score, 5) for fmt, report in reports.items()}
    epub = edition / f"{tei.stem}.epub"
    if "epub" in formats and epub.is_file():
        found = checkers.epubcheck(epub)
        row["epubcheck"] = {"errors": found["fatals"] + found["errors"], "warnings": found["warnings"],
                            "first": [m["message"] for m in found["messages"][:3]]}
        if ace:
            report = checkers.ace(epub, out / ".ace" / tei.stem)
            row["ace"] = checkers.ace_outcome(report)
    pdf = edition / f"{tei.stem}.pdf"
    if "pdf" in formats and pdf.is_file():
        fonts = checkers.pdffonts(pdf)
        row["fonts"] = sorted({f["name"].split("+")[-1] for f in fonts})
        row["fonts_ok"] = all(f["emb"] for f in fonts) and all(f["name"].split("+")[-1].startswith("Editio")
                                                               for f in fonts)
        measured = typography.measure(pdf)
        row["typography"] = measured.describe()
        row["typography_ok"] = not measured.problems()
    return row


#: The corpus site must stay usable: its catalogue page small, a query answered quickly.
SITE_LIMITS = {"catalogue_bytes": 1_000_000, "typed_ms": 200}


def site_check(out: Path, queries=("tonight", "garden", "letter")) -> dict:
    """``editio site OUT`` over every edition built, then its search timed in Chromium
    (tests/tools/site_search.mjs): first hits, whole corpus indexed, a typed query."""
    started = time.perf_counter()
    proc = subprocess.run([EDITIO, "site", str(out), "-q"], capture_output=True, text=True)
    result: dict = {"exit": proc.returncode, "seconds": round(time.perf_counter() - started, 2)}
    catalogue = out / "index.html"
    if proc.returncode != 0 or not catalogue.is_file():
        result["errors"] = proc.stderr[-500:]
        return result
    result["catalogue_bytes"] = catalogue.stat().st_size
    script = REPO / "tests" / "tools" / "site_search.mjs"
    timed = subprocess.run([checkers.node(), str(script), str(catalogue), *queries, checkers.chromium()],
                           capture_output=True, text=True, timeout=1800)
    try:
        result.update(json.loads(timed.stdout.strip().splitlines()[-1]))
    except (ValueError, IndexError):
        result["errors"] = timed.stderr[-500:]
    result["ok"] = (result.get("catalogue_bytes", 1e12) < SITE_LIMITS["catalogue_bytes"]
                    and result.get("typedQueryMs", 1e9) < SITE_LIMITS["typed_ms"])
    return result


def passed(row: dict, formats: list[str]) -> bool:
    if row.get("exit") != 0 or row.get("traceback"):
        return False
    for fmt in formats:
        if row.get("fidelity", {}).get(fmt, 0) < THRESHOLDS.get(fmt, 0):
            return False
    epub = row.get("epubcheck")
    if epub is not None and (epub["errors"] or epub["warnings"]):
        return False
    if row.get("ace") not in (None, "pass"):
        return False
    return row.get("fonts_ok", True) and row.get("typography_ok", True)


def table(rows: list[dict], formats: list[str]) -> str:
    head = ["book", "KB", *[f"fid {f}" for f in formats], "EPUBCheck", "Ace", "fonts", "s", "RSS MiB", "ok"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        fid = row.get("fidelity", {})
        epub = row.get("epubcheck")
        cells = [row["name"], str(row["kb"]),
                 *[f"{fid[f] * 100:.2f}%" if f in fid else "—" for f in formats],
                 f"{epub['errors']} / {epub['warnings']}" if epub else "—",
                 row.get("ace", "—"),
                 ("ok" if row["fonts_ok"] else "FALLBACK") if "fonts_ok" in row else "—",
                 f"{row.get('seconds', 0):.1f}", f"{row.get('rss_mib', 0):.0f}",
                 "yes" if passed(row, formats) else "**no**"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def summary(rows: list[dict], formats: list[str], wall: float) -> str:
    ok = sum(passed(r, formats) for r in rows)
    parts = [f"{ok}/{len(rows)} books pass", f"wall {wall:.0f} s",
             f"build time summed {sum(r.get('seconds', 0) for r in rows):.0f} s"]
    for fmt in formats:
        scores = [r["fidelity"][fmt] for r in rows if fmt in r.get("fidelity", {})]
        if scores:
            parts.append(f"{fmt} fidelity min {min(scores) * 100:.2f}%")
    rss = [r.get("rss_mib", 0) for r in rows]
    if rss:
        parts.append(f"peak RSS max {max(rss):.0f} MiB")
    return "; ".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of TEI files")
    parser.add_argument("--out", type=Path, default=REPO / "build" / "corpus", help="output folder")
    parser.add_argument("--formats", default="html,epub,pdf")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="books at once")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files (by name)")
    parser.add_argument("--no-ace", action="store_true", help="skip DAISY Ace (slow)")
    parser.add_argument("--no-site", action="store_true", help="skip the corpus site and its search timing")
    parser.add_argument("--resume", action="store_true",
                        help="keep the rows of books already checked in OUT (a long run in parts)")
    args = parser.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    files = sorted(args.corpus.glob("*.xml"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        print(f"no TEI files in {args.corpus}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    done = args.out / ".rows"
    done.mkdir(exist_ok=True)
    rows = []
    todo = []
    for tei in files:
        kept = done / f"{tei.stem}.json"
        if args.resume and kept.is_file():
            row = json.loads(kept.read_text(encoding="utf-8"))
            if row.get("formats") == formats:
                rows.append(row)
                continue
        todo.append(tei)
    # Smallest first: a run stopped early has checked as many books as it could.
    todo.sort(key=lambda tei: tei.stat().st_size)
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(check_one, tei, args.out, formats, not args.no_ace) for tei in todo]
        for future in futures:
            row = future.result()
            row["formats"] = formats
            (done / f"{row['name']}.json").write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
            rows.append(row)
            state = "ok" if passed(row, formats) else "FAIL"
            print(f"{state:4} {row['name']}: {row.get('seconds', 0):.1f} s, "
                  f"{row.get('rss_mib', 0):.0f} MiB, fidelity {row.get('fidelity', {})}, "
                  f"epubcheck {row.get('epubcheck', {}).get('errors', '—')}/"
                  f"{row.get('epubcheck', {}).get('warnings', '—')}"
                  + (f", {row['errors'][:2]}" if row.get("errors") else ""), flush=True)
    wall = time.perf_counter() - started
    rows.sort(key=lambda row: row["name"])
    text = f"{summary(rows, formats, wall)}\n\n{table(rows, formats)}\n"
    site = None
    if not args.no_site and "html" in formats:
        site = site_check(args.out)
        text += (f"\ncorpus site: catalogue {site.get('catalogue_bytes', 0) / 1e3:.0f} kB; search in "
                 f"Chromium: first hits {site.get('firstHitsMs', '—')} ms, every edition indexed "
                 f"{site.get('allIndexedMs', '—')} ms, a typed query {site.get('typedQueryMs', '—')} ms, "
                 f"with Enter {site.get('enterQueryMs', '—')} ms, JS heap {site.get('heapMB', '—')} MB"
                 f" — {'ok' if site.get('ok') else 'FAIL'}\n")
    print("\n" + text)
    (args.out / "corpus.md").write_text(text, encoding="utf-8")
    (args.out / "corpus.json").write_text(json.dumps({"books": rows, "site": site}, indent=1,
                                                     ensure_ascii=False), encoding="utf-8")
    return 0 if all(passed(r, formats) for r in rows) and (site is None or site.get("ok")) else 1


if __name__ == "__main__":
    sys.exit(main())
