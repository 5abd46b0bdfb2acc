"""The source stage: a TEI file read safely, validated, and what editio learns from it
before any rendering (its language, a content identifier).

Nothing here knows HTML; everything after this stage knows only the hub.
"""
