"""The EPUB 3 writer (see :mod:`editio.writers.epub.book`)."""

from .book import Book, build_entries, package, write

__all__ = ["Book", "build_entries", "package", "write"]
