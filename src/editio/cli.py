"""The ``editio`` command: argument parsing, messages and exit codes, nothing else.

Exit codes: 0 success, 1 invalid input (or a failed build), 2 usage error.
Messages go to stderr as ``FILE:LINE:COL: error CODE: text``; a user error never shows
a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
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
    b.add_argument("--base-url", default=os.environ.get("EDITIO_BASE_URL", ""),
                   help="public URL of the web edition, used in 'how to cite'")
    b.add_argument("-j", "--jobs", type=int, default=default_jobs(),
                   help="worker processes for PDF layout and font subsetting (default: all "
                   "cores, or 1 when run by a parallel make, which already uses them)")
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
    return parser


def _emit(diagnostics, quiet: bool) -> None:
    for d in diag.sort(diagnostics):
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
        _emit(found, args.quiet)
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

    status = EXIT_OK
    for path in args.files:
        result = build(path, args.formats, args.out, strict=args.strict, base_url=args.base_url,
                       verbose=args.verbose, quiet=args.quiet, jobs=max(1, args.jobs), progress=progress,
                       report=lambda found: _emit(found, args.quiet))
        if not result.ok:
            status = EXIT_INVALID
            if result.outputs:
                print(f"editio: {path}: build failed for some formats; the others were "
                      f"written to {args.out}", file=sys.stderr)
            else:
                print(f"editio: {path}: build failed; nothing was written to {args.out}",
                      file=sys.stderr)
    return status


def cmd_check(args) -> int:
    from .check import fidelity

    status = EXIT_OK
    for path in args.files:
        edition = args.out / path.stem
        if not edition.is_dir():
            print(diag.error(path, f"no edition in {edition}; build it first with "
                             f"'editio build {path} --out {args.out}'", "E-CHECK-1").format(),
                  file=sys.stderr)
            status = EXIT_INVALID
            continue
        reports = fidelity.check_detailed(path, edition)
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


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    handler = {"validate": cmd_validate, "build": cmd_build, "check": cmd_check, "new": cmd_new}[args.command]
    try:
        return handler(args)
    except diag.EditioError as exc:
        _emit(exc.diagnostics, False)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print("editio: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
