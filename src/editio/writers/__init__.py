"""Writers: each turns the hub into one format and knows nothing else.

A writer is a function ``write(hub, outdir) -> list[Diagnostic]`` that fills ``outdir``
with its outputs; :data:`editio.build.WRITERS` lists them in the order they run.
"""
