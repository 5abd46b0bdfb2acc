"""A Snakemake workflow that builds exactly what ``make`` builds, for clusters.

``Snakefile`` has one rule per format, each running the same ``editio build`` command as
the Makefile, so a corpus can be built by Snakemake's executors (Slurm, Kubernetes, ...)
with byte-identical results. ``profiles/slurm`` is a starting profile. Install the engine
with ``pip install 'editio[cluster]'``; ``make`` never needs it.
"""

from importlib.resources import files


def snakefile() -> str:
    """Path of the workflow, for ``snakemake -s``."""
    return str(files(__name__).joinpath("Snakefile"))
