"""Measures of built editions: how much of the TEI text reaches each output (fidelity)
and how well the PDF is set (typography)."""
