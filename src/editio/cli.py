"""The ``editio`` command: argument parsing, messages and exit codes, nothing else.

Exit codes: 0 success, 1 invalid input (or a failed build), 2 usage error.
Messages go to stderr as ``FILE:LINE:COL: error CODE: text``; a user error never shows
a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from . import diagnostics as diag

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _CommaList:
    """An option's type for a comma-separated list drawn from ``choices``.

    argparse checks ``choices`` only for single values; this type checks each item of the
    list and keeps ``choices`` where help texts and tests can read them.
    """

    def __init__(self, choices, what: str):
        self.choices = tuple(choices)
        self.what = what

    def __call__(self, value: str) -> list[str]:
        names = [v.strip().lower() for v in value.split(",") if v.strip()]
        unknown = [n for n in names if n not in self.choices]
        if unknown or not names:
            raise argparse.ArgumentTypeError(
                f"unknown {self.what} {', '.join(unknown) or value!r}; choose from {', '.join(self.choices)}")
        return list(dict.fromkeys(names))


def _text_name(value: str) -> str:
    """NAME of 'editio new', refused as a usage error before anything is written."""
    from .new import NewTextError, check_name

    try:
        return check_name(value)
    except NewTextError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def default_jobs(environ=os.environ) -> int:
    """All cores, unless a parallel ``make`` (or another jobserver client) runs this
    process beside others: N builds each starting N workers would oversubscribe the
    machine, so each build then works in one process."""
    flags = environ.get("MAKEFLAGS", "")
    parallel = re.search(r"(?:^|\s)-j(\d*)", flags)
    if "--jobserver" in flags or (parallel and parallel.group(1) != "1"):
        return 1
    return os.cpu_count() or 1


def _base_url(value: str) -> str:
    """--base-url: an http(s) address, or nothing; it becomes a link in every edition."""
    from .hub.links import is_safe, scheme_of

    if value.strip() and not (scheme_of(value) in ("http", "https") and is_safe(value)):
        raise argparse.ArgumentTypeError(f"{value!r} is not an http or https address; give the "
                                         "public address of the web edition, e.g. https://example.org/texts/")
    return value.strip()


def _usage_problems(paths) -> list:
    """Edition names no build may use, and names two inputs share, as located messages:
    refused before anything is written (exit 2)."""
    from .publish import name_problem, same_names

    found = []
    for path in paths:
        problem = name_problem(path)
        if problem is not None:
            found.append(diag.error(path, problem, "E-NAME-1", 1, 1))
    for name, clashing in same_names(paths).items():
        for path in clashing[1:]:
            found.append(diag.error(path, f"this file and {clashing[0]} both give the edition name "
                                    f"'{name}' (OUT/{name}/): one would overwrite the other; build "
                                    "them in separate commands with different --out, or rename one",
                                    "E-NAME-2", 1, 1))
    return found


def build_parser() -> argparse.ArgumentParser:
    from .build import DEFAULT_FORMATS, WRITERS
    from .new import KINDS

    parser = _Parser(
        prog="editio",
        description="Publish TEI P5 XML as a web edition, an EPUB 3 and a PDF from one source.",
        epilog="Run 'editio COMMAND --help' for the options of each command.",
    )
    parser.add_argument("--version", action="version", version=f"editio {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def common(p):
        p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
        p.add_argument("-v", "--verbose", action="store_true", help="print every step")

    v = sub.add_parser("validate", help="check TEI files: well-formedness, schema, rules",
                       description="Check TEI files in three layers (well-formedness, editio's "
                       "TEI schema, Schematron rules) and report every problem found.")
    v.add_argument("files", nargs="+", type=Path, metavar="FILE")
    v.add_argument("--format", choices=["text", "json"], default="text", dest="output_format",
                   help="message format (json for editors and tools)")
    v.add_argument("--lenient", action="store_true",
                   help="treat schema problems as warnings, as 'build' does for foreign TEI")
    common(v)

    b = sub.add_parser("build", help="build editions (HTML, EPUB, PDF, ...) into OUT/NAME/",
                       description="Build each TEI file into OUT/NAME/: index.html (web "
                       "edition), NAME.epub and NAME.pdf.")
    b.add_argument("files", nargs="+", type=Path, metavar="FILE")
    b.add_argument("--format", type=_CommaList(WRITERS, "format"), default=list(DEFAULT_FORMATS),
                   dest="formats", metavar="LIST",
                   help=f"comma-separated formats, from: {', '.join(WRITERS)} "
                   f"(default: {','.join(DEFAULT_FORMATS)})")
    b.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR",
                   help="output folder (default: dist)")
    b.add_argument("--strict", action="store_true",
                   help="schema problems and missing glyphs are errors, not warnings")
    b.add_argument("--base-url", default=os.environ.get("EDITIO_BASE_URL", ""), type=_base_url,
                   help="public URL of the web edition, used in 'how to cite'")
    b.add_argument("-j", "--jobs", type=int, default=default_jobs(),
                   help="processes a build may use: PDF layout, font subsetting, and a long "
                   "text validated beside its transform (default: all cores, or 1 when run by "
                   "a parallel make, which already uses them)")
    common(b)

    c = sub.add_parser("check", help="measure how much of the TEI text reaches each output",
                       description="For each TEI file, report the share of its words (notes "
                       "included) found in order in OUT/NAME/ (HTML, EPUB, PDF).")
    c.add_argument("files", nargs="+", type=Path, metavar="FILE")
    c.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR")
    c.add_argument("--min", type=float, default=0.0, metavar="RATIO",
                   help="exit 1 when any output scores below RATIO (e.g. 0.999)")
    c.add_argument("--typography", action="store_true",
                   help="also measure the PDF as a typographer would (loose lines, ladders of "
                   "hyphens, broken addresses, widows and orphans, fallback and duplicate fonts); "
                   "exit 1 when it breaks a rule")
    common(c)

    n = sub.add_parser("new", help="start a new text: write a valid TEI file to fill in",
                       description="Write DIR/NAME.xml, a small TEI file of the chosen kind that "
                       "passes 'editio validate', with comments where the text, notes, names and "
                       "sources go and [bracketed] placeholders to replace. Never overwrites a file.")
    n.add_argument("name", type=_text_name, metavar="NAME",
                   help="the text's name: letters A-Z and a-z, digits, '-' and '_' (the file is NAME.xml)")
    n.add_argument("--kind", choices=KINDS, default=KINDS[0],
                   help="what the text is (default: %(default)s)")
    n.add_argument("--dir", type=Path, default=Path("tei"), metavar="DIR",
                   help="folder to write NAME.xml in (default: tei)")
    common(n)

    si = sub.add_parser("site", help="write DIR/index.html: a catalogue of the editions in DIR, searchable",
                        description="Write DIR/index.html, a catalogue of every edition built into DIR "
                        "(title, author, date, language, links to the web edition, EPUB, PDF and TEI) "
                        "with one search across all of them. Works when opened from disk.")
    si.add_argument("dir", type=Path, metavar="DIR", help="the folder the editions were built into (e.g. dist)")
    si.add_argument("--title", default="", help="the catalogue's title (default: 'Editions', in its language)")
    si.add_argument("--lang", default="", metavar="TAG",
                    help="language of the catalogue's own words (default: the language most editions are in)")
    common(si)

    sv = sub.add_parser("serve", help="build web editions, serve them, rebuild and reload on every save",
                        description="Build the web editions of the TEI files (default: tei/*.xml) and their "
                        "catalogue, serve them on http://127.0.0.1:PORT/, and rebuild when a TEI file or a "
                        "style changes; open pages reload themselves. A save that does not build shows its "
                        "messages in the page and keeps the last edition that built. Ctrl-C stops.")
    sv.add_argument("files", nargs="*", type=Path, metavar="FILE")
    sv.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free port)")
    sv.add_argument("--out", type=Path, default=None, metavar="DIR",
                    help="folder to build into (default: a temporary folder, removed when serving stops)")
    sv.add_argument("--strict", action="store_true",
                    help="schema problems and missing glyphs are errors, as 'make' has them")
    common(sv)
    return parser


def _emit(diagnostics, quiet: bool, verbose: bool = False) -> None:
    """Print the diagnostics in file order; a message repeated many times in a file is
    printed at its first places and then summed up, unless every step is asked for."""
    for d in (diag.sort if verbose else diag.condensed)(diagnostics):
        if quiet and not d.is_error:
            continue
        print(d.format(), file=sys.stderr)


def cmd_validate(args) -> int:
    from .source.validate import validate

    found = []
    for path in args.files:
        found.extend(validate(path, strict=not args.lenient))
    found = diag.sort(found)
    if args.output_format == "json":
        print(diag.to_json(found))
    else:
        _emit(found, args.quiet, getattr(args, "verbose", False))
        if not args.quiet:
            errors = sum(d.is_error for d in found)
            warnings = len(found) - errors
            state = "invalid" if errors else "valid"
            print(f"{len(args.files)} file(s) {state}: {errors} error(s), {warnings} warning(s)",
                  file=sys.stderr)
    return EXIT_INVALID if any(d.is_error for d in found) else EXIT_OK


def cmd_build(args) -> int:
    from .build import WRITERS, build

    def progress(name, step, seconds):
        if args.quiet:
            return
        if step in WRITERS:
            print(f"editio: {name}: {step} built in {seconds:.2f} s", file=sys.stderr)
        else:
            print(f"editio: {name}: {step} {seconds:.3f} s", file=sys.stderr)

    refused = _usage_problems(args.files)
    if refused:
        _emit(refused, False)
        print("editio: nothing was built", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for path in args.files:
        result = build(path, args.formats, args.out, strict=args.strict, base_url=args.base_url,
                       verbose=args.verbose, quiet=args.quiet, jobs=max(1, args.jobs), progress=progress,
                       report=lambda found: _emit(found, args.quiet, args.verbose))
        if not result.ok:
            status = EXIT_INVALID
            if result.outputs:
                print(f"editio: {path}: build failed for some formats; the others were "
                      f"written to {args.out}", file=sys.stderr)
            else:
                print(f"editio: {path}: build failed; nothing was written to {args.out}",
                      file=sys.stderr)
            if any(d.code == "E-OUT-1" for d in result.diagnostics):
                break        # the next files would meet the same full or read-only --out
    return status


def cmd_check(args) -> int:
    from .check import fidelity

    refused = _usage_problems(args.files)
    if refused:
        _emit(refused, False)
        return EXIT_USAGE
    status = EXIT_OK
    for path in args.files:
        edition = args.out / path.stem
        if not edition.is_dir():
            print(diag.error(path, f"no edition in {edition}; build it first with "
                             f"'editio build {path} --out {args.out}'", "E-CHECK-1").format(),
                  file=sys.stderr)
            status = EXIT_INVALID
            continue
        try:
            reports = fidelity.check_detailed(path, edition)
        except diag.EditioError as exc:
            # one file that cannot be read stops nothing: the others are checked
            _emit(list(exc.diagnostics), False)
            status = EXIT_INVALID
            continue
        print(fidelity.format_report(reports, str(path), show_missing=10 if args.verbose else 0))
        if any(report.score < args.min for report in reports.values()):
            status = EXIT_INVALID
        pdf = edition / f"{path.stem}.pdf"
        if args.typography and pdf.is_file():
            from .check import typography

            report = typography.measure(pdf)
            print(f"{path}: pdf typography: {report.describe()}")
            problems = report.problems()
            for line in problems[: None if args.verbose else 10]:
                print(f"{path}: pdf typography:   {line}")
            if problems:
                status = EXIT_INVALID
    return status


def cmd_new(args) -> int:
    from .new import NewTextError, create

    try:
        path = create(args.name, args.kind, args.dir)
    except NewTextError as exc:
        print(f"editio new: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"editio new: error: cannot write {args.dir / args.name}.xml: {exc.strerror or exc}",
              file=sys.stderr)
        return EXIT_INVALID
    if not args.quiet:
        print(f"editio: wrote {path} ({args.kind}); fill in the [bracketed] placeholders, then run "
              f"'editio validate {path}'", file=sys.stderr)
    return EXIT_OK


def cmd_site(args) -> int:
    from . import site

    target, found, noticed = site.write(args.dir, title=args.title, lang=args.lang)
    _emit(noticed, args.quiet)
    if not args.quiet:
        print(f"editio: wrote {target}: {len(found)} edition(s)", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .serve import ServeError, default_files, serve

    files = args.files or default_files()
    if not files:
        print("editio serve: error: no TEI files named and none in tei/", file=sys.stderr)
        return EXIT_USAGE
    missing = [f for f in files if not f.is_file()]
    if missing:
        for f in missing:
            print(diag.error(f, f"no such file: {f}", "E-SERVE-1").format(), file=sys.stderr)
        return EXIT_INVALID
    try:
        return serve(files, port=args.port, out=args.out, strict=args.strict, quiet=args.quiet)
    except ServeError as exc:
        print(f"editio serve: error: {exc}", file=sys.stderr)
        return EXIT_INVALID


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    handler = {"validate": cmd_validate, "build": cmd_build, "check": cmd_check, "new": cmd_new,
               "site": cmd_site, "serve": cmd_serve}[args.command]
    previous = _stop_on_term()
    try:
        return handler(args)
    except diag.EditioError as exc:
        _emit(exc.diagnostics, False)
        return EXIT_INVALID
    except KeyboardInterrupt as exc:
        signum = getattr(exc, "signum", signal.SIGINT)
        more = ("; the edition being built was not published (its working folder is removed)"
                if args.command == "build" else "")
        print(f"editio: stopped by {signal.Signals(signum).name}{more}", file=sys.stderr)
        return 128 + signum
    except BrokenPipeError:
        return EXIT_OK
    finally:
        for signum, handler in (previous or {}).items():
            if handler is not None:
                signal.signal(signum, handler)


class Stopped(KeyboardInterrupt):
    """SIGTERM (or SIGINT), raised where the build is, so that it unwinds as after Ctrl-C:
    the writers' worker processes are stopped and the staging folder is removed."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _in_finalizer(frame) -> bool:
    """Whether Python is running a finalizer or a weak reference's callback: an exception
    raised there is printed ("Exception ignored in …") and dropped, and the build goes on."""
    while frame is not None:
        code = frame.f_code
        if code.co_name == "__del__" or code.co_filename.endswith(("_weakrefset.py", "weakref.py")):
            return True
        frame = frame.f_back
    return False


def _stop(signum, frame):
    """Raise :class:`Stopped` where the build is; when the signal came during a finalizer,
    which would drop it, raise it a moment later instead (SIGALRM), outside."""
    if _in_finalizer(frame):
        signal.signal(signal.SIGALRM, lambda _alarm, later: _stop(signum, later))
        signal.setitimer(signal.ITIMER_REAL, 0.01)
        return
    raise Stopped(signum)


def _stop_on_term():
    """Turn SIGTERM (kill, a scheduler's timeout, make stopping a job) and SIGINT (Ctrl-C)
    into :class:`Stopped`; return the handlers they replace (None where there is none to
    replace)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return {signum: signal.signal(signum, _stop) for signum in (signal.SIGTERM, signal.SIGINT)}


if __name__ == "__main__":
    sys.exit(main())
