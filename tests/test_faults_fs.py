"""Faults of the machine and of the run, not of the TEI: an --out that is a file, a
read-only or full file system, a build killed or stopped half-way.

Each is a real condition: a file, /dev/null, a tmpfs mounted read-only or too small
(in a private mount namespace, so nothing outside the test sees it), a signal sent to a
real ``editio build`` process. What must hold: one located message with a code and what
to do, no traceback, the previous edition intact, no staging folder left behind and no
worker process left running.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SOURCE_DATE_EPOCH

LETTER = REPO / "tests" / "fixtures" / "make" / "short-letter.xml"
HAMLET = REPO / "tests" / "fixtures" / "corpus" / "drama-shake-hamlet.xml"


def editio() -> list[str]:
    script = Path(sys.executable).with_name("editio")
    return [str(script)] if script.exists() else [shutil.which("editio") or "editio"]


def env() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)


def build(*args, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(editio() + ["build", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env())


def assert_located(stderr: str, tei: Path, code: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [ln for ln in stderr.splitlines() if f" error {code}: " in ln]
    assert lines, stderr
    assert lines[0].startswith(f"{tei}:1:1: error {code}: "), lines[0]
    return lines[0]


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) if folder.is_dir() else []


# --- --out is no folder -----------------------------------------------------------------------


def test_out_is_a_file(tmp_path):
    out = tmp_path / "dist"
    out.write_text("not a folder\n", encoding="utf-8")
    proc = build(LETTER, "--out", out, "--format", "md")
    assert proc.returncode == 1
    line = assert_located(proc.stderr, LETTER, "E-OUT-1")
    assert f"--out {out}" in line and "it is a file, not a folder; give --out a folder" in line
    assert out.read_text(encoding="utf-8") == "not a folder\n"


def test_out_is_dev_null():
    proc = build(LETTER, "--out", "/dev/null", "--format", "md")
    assert proc.returncode == 1
    line = assert_located(proc.stderr, LETTER, "E-OUT-1")
    assert "--out /dev/null" in line and "not a folder" in line
    assert Path("/dev/null").is_char_device()


def test_out_below_a_file(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    proc = build(LETTER, "--out", tmp_path / "file" / "dist", "--format", "md")
    assert proc.returncode == 1
    assert_located(proc.stderr, LETTER, "E-OUT-1")


# --- read-only and full file systems -----------------------------------------------------------


def in_mount_namespace(script: str, tmp_path: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``script`` (sh) where it may mount a tmpfs that nobody else sees: a private
    mount namespace (as root), or a user namespace mapping the user to root."""
    if os.geteuid() == 0:
        prefix = ["unshare", "--mount", "--propagation", "private"]
    else:
        prefix = ["unshare", "--user", "--map-root-user", "--mount"]
    if shutil.which("unshare") is None or subprocess.run(prefix + ["true"], capture_output=True).returncode:
        pytest.skip("this machine allows no private mount namespace (unshare), so no real "
                    "read-only or full file system can be made for the test")
    variables = dict(env(), EDITIO=editio()[0], TEI=str(LETTER), MNT=str(tmp_path / "mnt"),
                     LOG=str(tmp_path / "editio.log"))
    (tmp_path / "mnt").mkdir()
    proc = subprocess.run(prefix + ["sh", "-c", script], capture_output=True, text=True,
                          timeout=timeout, env=variables)
    assert "MOUNT-FAILED" not in proc.stdout, proc.stdout + proc.stderr
    return proc


def _log(tmp_path: Path) -> str:
    return (tmp_path / "editio.log").read_text(encoding="utf-8")


def test_out_on_a_read_only_file_system(tmp_path):
    script = r"""
mount -t tmpfs -o size=4m tmpfs "$MNT" || { echo MOUNT-FAILED; exit 1; }
mkdir -p "$MNT/dist/short-letter" && printf 'old edition' > "$MNT/dist/short-letter/index.html"
mount -o remount,ro "$MNT" || { echo MOUNT-FAILED; exit 1; }
"$EDITIO" build "$TEI" --out "$MNT/dist" --format html -j 1 2> "$LOG"; echo "rc=$?"
find "$MNT" -mindepth 1 | sort
cat "$MNT/dist/short-letter/index.html"
"""
    proc = in_mount_namespace(script, tmp_path)
    assert "rc=1" in proc.stdout, proc.stdout + _log(tmp_path)
    line = assert_located(_log(tmp_path), LETTER, "E-OUT-1")
    assert "Read-only file system" in line and "read-only file system; give --out a folder" in line
    assert proc.stdout.rstrip().endswith("old edition")
    assert "/dist/." not in proc.stdout, "a staging folder was left"


def test_a_full_disk_fails_the_build_and_keeps_the_previous_edition(tmp_path):
    script = r"""
mount -t tmpfs -o size=96k tmpfs "$MNT" || { echo MOUNT-FAILED; exit 1; }
mkdir -p "$MNT/dist/short-letter" && printf 'old edition' > "$MNT/dist/short-letter/index.html"
"$EDITIO" build "$TEI" --out "$MNT/dist" --format html,epub -j 1 2> "$LOG"; echo "rc=$?"
find "$MNT" -mindepth 1 | sort
cat "$MNT/dist/short-letter/index.html"
"""
    proc = in_mount_namespace(script, tmp_path)
    assert "rc=1" in proc.stdout, proc.stdout + _log(tmp_path)
    line = assert_located(_log(tmp_path), LETTER, "E-OUT-1")
    assert "No space left on device" in line and "the disk (or your quota) is full" in line
    assert proc.stdout.rstrip().endswith("old edition")
    listed = [ln for ln in proc.stdout.splitlines() if ln.startswith("/")]
    assert sorted(listed) == [f"{tmp_path}/mnt/dist", f"{tmp_path}/mnt/dist/short-letter",
                              f"{tmp_path}/mnt/dist/short-letter/index.html"], listed


# --- staging folders ---------------------------------------------------------------------------


def test_stale_staging_folders_are_removed_and_only_those(tmp_path):
    out = tmp_path / "out"
    stale = out / ".short-letter.k1ll3d"
    stale.mkdir(parents=True)
    (stale / ".editio-staging").write_text("", encoding="utf-8")
    (stale / "index.html").write_text("half an edition", encoding="utf-8")
    foreign = out / ".short-letter.mine"          # not made by editio: no marker
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    busy = out / ".short-letter.running"          # a build still running holds its lock
    busy.mkdir()
    fd = os.open(busy / ".editio-staging", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        proc = build(LETTER, "--out", out, "--format", "md")
    finally:
        os.close(fd)
    assert proc.returncode == 0, proc.stderr
    assert not stale.exists()
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"
    assert busy.is_dir()
    assert hidden(out) == [".short-letter.mine", ".short-letter.running"]
    assert (out / "short-letter" / "short-letter.md").is_file()


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_pdf_build(out: Path) -> tuple[subprocess.Popen, list[int]]:
    """A PDF build of Hamlet with two layout processes, once they run."""
    scratch = out.parent / "tmp"      # what a SIGKILL leaves in the temporary folder stays here
    scratch.mkdir()
    proc = subprocess.Popen(editio() + ["build", str(HAMLET), "--out", str(out), "--format", "pdf", "-j", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(env(), TMPDIR=str(scratch)), start_new_session=True)
    deadline = time.monotonic() + 300
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if workers and hidden(out):
            break
        time.sleep(0.1)
    assert proc.poll() is None, "the build ended before it could be stopped"
    assert workers and hidden(out), "the build started no worker or no staging folder"
    time.sleep(2)
    return proc, sorted(set(workers) | set(_children(proc.pid)))


@pytest.mark.parametrize("how", ["SIGTERM", "SIGINT-group"])
def test_a_stopped_build_stops_its_workers_and_leaves_no_staging_folder(tmp_path, how):
    out = tmp_path / "out"
    proc, workers = _start_pdf_build(out)
    if how == "SIGTERM":
        proc.send_signal(signal.SIGTERM)             # kill, a scheduler's timeout
    else:
        os.killpg(proc.pid, signal.SIGINT)           # Ctrl-C in a terminal reaches the group
    _, stderr = proc.communicate(timeout=60)
    name = how.split("-")[0]
    assert proc.returncode == 128 + getattr(signal, name), stderr[-2000:]
    assert "Traceback" not in stderr, stderr[-4000:]
    assert f"editio: stopped by {name}; the edition being built was not published" in stderr
    assert hidden(out) == [] and not (out / HAMLET.stem).exists()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "a worker process outlived the build"


def test_a_killed_build_leaves_a_staging_folder_the_next_build_removes(tmp_path):
    out = tmp_path / "out"
    proc, _ = _start_pdf_build(out)
    os.killpg(proc.pid, signal.SIGKILL)              # nothing can clean up after this
    proc.communicate(timeout=60)
    left = hidden(out)
    assert left and all(n.startswith(f".{HAMLET.stem}.") for n in left)
    scratch = out.parent / "tmp"
    parts = sorted(p.name for p in scratch.iterdir())
    assert parts and all(n.startswith("editio-pdf-") for n in parts), parts
    (scratch / "someone-elses").mkdir()              # not editio's: never touched
    again = subprocess.run(editio() + ["build", str(HAMLET), "--out", str(out), "--format", "md"],
                           capture_output=True, text=True, timeout=600, env=dict(env(), TMPDIR=str(scratch)))
    assert again.returncode == 0, again.stderr[-2000:]
    assert hidden(out) == []
    assert (out / HAMLET.stem / f"{HAMLET.stem}.md").is_file()
    assert sorted(p.name for p in scratch.iterdir()) == ["someone-elses"]


def test_builds_of_one_edition_at_once_each_publish_a_whole_edition(tmp_path):
    """Two terminals, or a make -j and an editor's save hook, build one edition at once:
    each build publishes whole (no ENOTEMPTY while one replaces the folder the other
    fills), and the edition left is complete, with no staging folder behind."""
    out = tmp_path / "out"
    runs = [subprocess.Popen(editio() + ["build", str(LETTER), "--out", str(out), "--format", "html,epub", "-q"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
            for _ in range(4)]
    for proc in runs:
        _, stderr = proc.communicate(timeout=600)
        assert proc.returncode == 0, stderr[-2000:]
        assert "Traceback" not in stderr, stderr[-2000:]
    edition = out / LETTER.stem
    assert (edition / "index.html").is_file() and (edition / f"{LETTER.stem}.epub").is_file()
    assert (edition / "assets").is_dir() and any((edition / "assets").iterdir())
    assert hidden(out) == []
