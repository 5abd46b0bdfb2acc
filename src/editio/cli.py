"""The ``editio`` command: argument parsing, messages and exit codes, nothing else.

Exit codes: 0 success, 1 invalid input (or a failed build), 2 usage error.
Messages go to stderr as ``FILE:LINE:COL: error CODE: text``; a user error never shows
a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from . import diagnostics as diag

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors: one line, exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _formats(value: str) -> list[str]:
    from .build import WRITERS

    names = [v.strip().lower() for v in value.split(",") if v.strip()]
    unknown = [n for n in names if n not in WRITERS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or value!r}; choose from {', '.join(WRITERS)}")
    return list(dict.fromkeys(names))


def build_parser() -> argparse.ArgumentParser:
    from .build import DEFAULT_FORMATS

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
    b.add_argument("--format", type=_formats, default=list(DEFAULT_FORMATS), dest="formats",
                   metavar="LIST", help="comma-separated formats (default: html,epub,pdf)")
    b.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR",
                   help="output folder (default: dist)")
    b.add_argument("--strict", action="store_true",
                   help="schema problems and missing glyphs are errors, not warnings")
    b.add_argument("--base-url", default=os.environ.get("EDITIO_BASE_URL", ""),
                   help="public URL of the web edition, used in 'how to cite'")
    b.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                   help="worker processes for PDF layout (default: all cores)")
    common(b)

    c = sub.add_parser("check", help="measure how much of the TEI text reaches each output",
                       description="For each TEI file, report the share of its words (notes "
                       "included) found in order in OUT/NAME/ (HTML, EPUB, PDF).")
    c.add_argument("files", nargs="+", type=Path, metavar="FILE")
    c.add_argument("--out", type=Path, default=Path("dist"), metavar="DIR")
    c.add_argument("--min", type=float, default=0.0, metavar="RATIO",
                   help="exit 1 when any output scores below RATIO (e.g. 0.999)")
    common(c)
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
    from .build import build

    def progress(name, fmt, seconds):
        if not args.quiet:
            print(f"editio: {name}: {fmt} built in {seconds:.2f} s", file=sys.stderr)

    status = EXIT_OK
    for path in args.files:
        result = build(path, args.formats, args.out, strict=args.strict, base_url=args.base_url,
                       verbose=args.verbose, jobs=max(1, args.jobs), progress=progress)
        _emit(result.diagnostics, args.quiet)
        if args.verbose:
            for stage, seconds in result.timings.items():
                print(f"editio: {path}: {stage} {seconds:.3f} s", file=sys.stderr)
        if not result.ok:
            status = EXIT_INVALID
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
    return status


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    handler = {"validate": cmd_validate, "build": cmd_build, "check": cmd_check}[args.command]
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
