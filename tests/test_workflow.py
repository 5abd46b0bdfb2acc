"""The Snakemake workflow builds what ``make`` builds, byte for byte, on a small corpus."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import editio.cluster
from conftest import REPO, build_env

SOURCES = [REPO / "tests" / "fixtures" / "make" / "short-letter.xml",
           REPO / "tests" / "fixtures" / "short" / "ozymandias.xml"]


def _small_corpus(folder: Path) -> None:
    """tei/ with the two sources, beside which the project's Makefile runs."""
    (folder / "tei").mkdir()
    for source in SOURCES:
        shutil.copy(source, folder / "tei" / source.name)
    # the Makefile's install stamp depends on pyproject.toml: an old one keeps it satisfied
    (folder / "pyproject.toml").write_text("", encoding="utf-8")
    os.utime(folder / "pyproject.toml", (0, 0))


def test_snakemake_builds_what_make_builds(tmp_path):
    _small_corpus(tmp_path)
    env = dict(build_env(), SOURCE_DATE_EPOCH="1700000000")
    venv = Path(sys.executable).parent.parent
    made = subprocess.run(["make", "-f", str(REPO / "Makefile"), f"VENV={venv}", "DIST=by-make",
                           "html", "epub"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    snake = subprocess.run([str(venv / "bin" / "snakemake"), "-s", editio.cluster.snakefile(), "--cores", "2",
                            "--config", "out=by-snakemake", "formats=html,epub", f"editio={venv}/bin/editio",
                            "--quiet"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert snake.returncode == 0, snake.stdout + snake.stderr
    for source in SOURCES:
        name = source.stem
        for output in ("index.html", f"{name}.epub"):
            a = tmp_path / "by-make" / name / output
            b = tmp_path / "by-snakemake" / name / output
            assert a.is_file() and b.is_file(), output
            assert a.read_bytes() == b.read_bytes(), f"{name}/{output} differs between make and Snakemake"


def test_the_slurm_profile_names_the_executor_and_the_pdf_resources():
    import yaml

    profile = Path(editio.cluster.__file__).parent / "profiles" / "slurm" / "config.yaml"
    config = yaml.safe_load(profile.read_text(encoding="utf-8"))
    assert config["executor"] == "slurm"
    assert config["set-resources"]["pdf"]["cpus_per_task"] >= 2
    assert os.path.basename(editio.cluster.snakefile()) == "Snakefile"


def test_a_base_url_set_once_in_make_reaches_every_editions_citation(tmp_path):
    _small_corpus(tmp_path)
    venv = Path(sys.executable).parent.parent
    made = subprocess.run(["make", "-s", "-f", str(REPO / "Makefile"), f"VENV={venv}",
                           "BASE_URL=https://example.org/editions/", "html"],
                          cwd=tmp_path, env=build_env(), capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    for source in SOURCES:
        page = (tmp_path / "dist" / source.stem / "index.html").read_text(encoding="utf-8")
        assert f"https://example.org/editions/{source.stem}/" in page, source.stem
