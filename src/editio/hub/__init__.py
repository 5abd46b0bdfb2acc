"""The hub stage: TEI → one semantic HTML tree (styles/HUB.md is its contract).

``transform`` runs the XSLT of ``styles/``; ``vocabulary`` names the hub's classes and
block elements for every writer; ``tree`` holds the small tree edits writers share;
``metadata`` is the one record of the edition read from the hub's head.
"""
