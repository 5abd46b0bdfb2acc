"""editio: publish TEI P5 XML as a web edition, an EPUB 3 and a PDF from one source."""

__version__ = "0.1.0"
