"""Starting points for a new TEI text, one per kind (``editio new NAME --kind KIND``).

Each ``KIND.xml`` here is a complete TEI P5 document that passes strict validation once
``${title}``, ``${date}`` and ``${name}`` are filled in; its comments say where the text,
the notes, the names and the sources go.
"""
