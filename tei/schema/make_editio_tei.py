"""Derive ``editio-tei.rng`` from TEI P5's ``tei_all.rng`` by pruning.

Why a derived schema: lxml needs seconds to compile the full ``tei_all``
grammar, far too slow for a validator run before every build.  editio renders a
known set of TEI elements, so its schema keeps exactly those elements with
TEI's own content models and attribute classes, and removes everything else.

Why pruning gives a strict subset of TEI P5: every reference to a removed
element is replaced by ``<notAllowed/>``.  In RelaxNG that can only remove
documents from the language (a choice loses a branch; a group, element or
one-or-more that *needs* the removed element becomes impossible).  Nothing is
added, and namespaces, names and datatypes are TEI's, so every document valid
against the result is valid against ``tei_all``.  The test suite checks this on
real files with jing.

Attributes are pruned the same way, but only optional ones: attributes that
editio's editions and the reference corpus do not use are dropped from the
attribute classes (an optional attribute removed is again a pure restriction).
This keeps the grammar small enough for lxml to compile in a fraction of a
second.

Usage::

    python tei/schema/make_editio_tei.py PATH/TO/tei_all.rng > tei/schema/editio-tei.rng

The output is deterministic, so the test suite can regenerate it and compare.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree

RNG = "http://relaxng.org/ns/structure/1.0"
R = "{%s}" % RNG

#: TEI elements editio admits, by TEI module.  Extending the schema means
#: adding a name here and regenerating (see README.md beside this file).
ELEMENTS: dict[str, str] = {
    "textstructure": "TEI teiCorpus text front body back group div div1 div2 div3 div4 div5 div6 div7 "
    "titlePage docTitle titlePart docAuthor docDate docEdition docImprint byline epigraph argument "
    "opener closer salute signed dateline postscript trailer floatingText divGen imprimatur",
    "header": "teiHeader fileDesc titleStmt editionStmt edition extent publicationStmt seriesStmt notesStmt "
    "sourceDesc encodingDesc profileDesc revisionDesc availability licence authority distributor "
    "principal sponsor funder respStmt resp change listChange langUsage language textClass keywords "
    "classCode catRef abstract creation projectDesc samplingDecl editorialDecl correction normalization "
    "quotation hyphenation segmentation interpretation punctuation stdVals refsDecl cRefPattern "
    "tagsDecl rendition namespace tagUsage classDecl taxonomy category catDesc listPrefixDef prefixDef "
    "appInfo application xenoData handNote handNotes styleDefDecl variantEncoding geoDecl unitDecl "
    "unitDef metDecl metSym listRef refState citeStructure citeData",
    "core": "p foreign emph hi distinct said quote q cit mentioned soCalled gloss term sic corr choice reg "
    "orig gap add del unclear supplied abbr expan name rs email address addrLine street postCode postBox "
    "num measure date time ptr ref list item label head headLabel headItem note noteGrp index "
    "graphic milestone pb lb cb gb analytic monogr series author editor meeting imprint pubPlace "
    "publisher biblScope citedRange bibl biblStruct biblFull listBibl relatedItem textLang idno title "
    "l lg sp speaker stage desc media",
    "namesdates": "persName placeName orgName forename surname roleName addName genName nameLink "
    "geogName settlement region country bloc district place location geo listPerson person personGrp "
    "listPlace listOrg org listEvent event listRelation relation birth death occupation affiliation "
    "residence nationality faith education sex state trait floruit age persona",
    "corpus": "particDesc settingDesc setting textDesc channel constitution derivation domain factuality "
    "interaction preparedness purpose",
    "drama": "castList castGroup castItem role roleDesc actor set move view performance prologue epilogue",
    "figures": "figure figDesc table row cell formula",
    "transcr": "facsimile surface zone damage subst restore handShift am ex space surplus secl fw "
    "sourceDoc surfaceGrp line path metamark mod redo retrace undo delSpan addSpan",
    "linking": "anchor seg ab link linkGrp standOff listAnnotation annotation join joinGrp alt altGrp timeline when",
    "verse": "caesura rhyme",
    "gaiji": "g charDecl char glyph charName glyphName charProp localProp unicodeProp unihanProp "
    "localName value mapping",
    "certainty": "certainty precision respons",
    "nets": "forest listForest eTree eLeaf triangle",
    "iso-fs": "fs f fLib fvLib vColl symbol string numeric binary default vAlt vLabel vNot",
    "analysis": "w pc c s phr cl m span spanGrp interp interpGrp",
    "textcrit": "app lem rdg rdgGrp listWit witness witDetail wit listApp",
    "msdescription": "msDesc msIdentifier repository institution collection altIdentifier msName "
    "msContents msItem locus locusGrp incipit explicit rubric finalRubric colophon summary physDesc "
    "objectDesc supportDesc support foliation collation condition layoutDesc layout handDesc decoDesc "
    "decoNote additions bindingDesc binding accMat history origin origDate origPlace provenance "
    "acquisition additional adminInfo recordHist source custodialHist custEvent surrogates dimensions "
    "catchwords signatures secFol watermark stamp objectType "
    "height width depth dim material sealDesc seal musicNotation scriptDesc scriptNote typeDesc typeNote",
    "correspDesc": "correspDesc correspAction correspContext",
    "tagdocs": "code eg gi att val tag ident egXML",
    "spoken": "u pause vocal kinesic incident shift writing recordingStmt recording equipment broadcast "
    "annotationBlock",
    "dictionaries": "superEntry entry entryFree hom sense dictScrap form orth pron hyph syll stress gramGrp "
    "gram gen number case per tns mood iType pos subc colloc def etym usg lbl xr re oRef pRef",
}

#: Attributes editio keeps (local name, or "xml:" prefixed).  Optional
#: attributes not listed here are removed from the grammar.  Required attributes
#: are always kept, so no content model becomes impossible by this step.
ATTRIBUTES = set(
    """
    xml:id xml:lang xml:base xml:space n rend rendition style corresp source ana facs resp cert type subtype
    sameAs copyOf next prev exclude select synch
    when notBefore notAfter from to calendar period dur datingMethod datingPoint
    who ref key target targetLang cRef evaluate
    place reason agent hand extent unit quantity atLeast atMost min max precision scope
    break ed edRef status mode level version scheme ident usage name value url mimeType width height
    scale decls part sample org instant default
    role sex age form toWhom direction spoken rhyme met real enjamb
    wit lemma lemmaRef loc varSeq
    pos msd join force pattern label cert locus given degree assertedValue fVal feats
    when-iso notBefore-iso notAfter-iso from-iso to-iso when-custom notBefore-custom notAfter-custom
    from-custom to-custom
    cols rows columns writtenLines ruledLines from_ to_ contemporary material
    mainLang otherLangs active passive mutual
    matchPattern replacementPattern gi occurs selector scheme schemeVersion
    key defective marks expand reason seq class hands script scribe evidence method eol
    sortKey full sort notation location variantEncoding points ulx uly lrx lry start end dim indexName
    interval since absolute origin feature new spanTo function rotate commodity delim length match use
    """.split()
)

#: Tiny XML namespaces attribute pruning keys on.
XML_NS = "http://www.w3.org/XML/1998/namespace"


def _is_annotation(el) -> bool:
    return not isinstance(el.tag, str) or not el.tag.startswith(R)


def _attr_key(attr) -> str | None:
    """The name an <attribute> pattern defines, as written in ATTRIBUTES."""
    name = attr.get("name")
    if name is None:
        return None
    ns = attr.get("ns", "")
    if name.startswith("xml:") or ns == XML_NS:
        return "xml:" + name.split(":")[-1]
    return name


def prune(tei_all: etree._ElementTree) -> etree._ElementTree:
    keep = {name for names in ELEMENTS.values() for name in names.split()}
    root = tei_all.getroot()

    # 1. Drop annotations (documentation, embedded Schematron): the grammar only.
    for el in list(root.iter()):
        if el is not root and _is_annotation(el):
            el.getparent().remove(el)

    defines = {d.get("name"): d for d in root.iter(R + "define")}

    def element_name(define):
        kids = [k for k in define if isinstance(k.tag, str)]
        if len(kids) == 1 and kids[0].tag == R + "element":
            name = kids[0].get("name")
            return name.split(":")[-1] if name else None
        return None

    removed = {
        name for name, d in defines.items() if element_name(d) is not None and element_name(d) not in keep
    }
    missing = keep - {element_name(d) for d in defines.values() if element_name(d)}
    if missing:
        raise SystemExit(f"not TEI elements: {sorted(missing)}")

    # 2. References to removed elements become notAllowed.
    for ref in list(root.iter(R + "ref")):
        if ref.get("name") in removed:
            _replace(ref, etree.Element(R + "notAllowed"))

    # 3. Optional attributes editio does not use are removed.
    for opt in list(root.iter(R + "optional")):
        kids = [k for k in opt if isinstance(k.tag, str)]
        if len(kids) == 1 and kids[0].tag == R + "attribute":
            key = _attr_key(kids[0])
            if key is not None and key not in ATTRIBUTES:
                _replace(opt, etree.Element(R + "empty"))

    # 4. Simplify notAllowed/empty upwards until nothing changes.
    while _simplify(root, defines):
        pass

    # 5. Keep only what the start pattern reaches.
    reachable: set[str] = set()
    todo = [r.get("name") for r in root.find(R + "start").iter(R + "ref")]
    while todo:
        name = todo.pop()
        if name in reachable or name not in defines:
            continue
        reachable.add(name)
        todo.extend(r.get("name") for r in defines[name].iter(R + "ref"))
    for name, d in defines.items():
        if name not in reachable and d.getparent() is not None:
            d.getparent().remove(d)

    etree.cleanup_namespaces(root, top_nsmap={None: RNG})
    return tei_all


def _replace(old, new) -> None:
    new.tail = old.tail
    old.getparent().replace(old, new)


def _pattern_children(el):
    kids = [k for k in el if isinstance(k.tag, str)]
    if el.tag in (R + "element", R + "attribute") and (el.get("name") is None):
        kids = kids[1:]  # the first child is a name class
    return kids


def _simplify(root, defines) -> bool:
    changed = False
    not_allowed_defines = {
        name
        for name, d in defines.items()
        if d.getparent() is not None
        and [k.tag for k in d if isinstance(k.tag, str)] == [R + "notAllowed"]
    }
    for ref in list(root.iter(R + "ref")):
        if ref.get("name") in not_allowed_defines:
            _replace(ref, etree.Element(R + "notAllowed"))
            changed = True
    for el in list(root.iter(R + "choice")):
        kids = _pattern_children(el)
        dead = [k for k in kids if k.tag == R + "notAllowed"]
        if not dead or el.getparent() is None:
            continue
        for k in dead:
            el.remove(k)
        changed = True
        if len(dead) == len(kids):
            _replace(el, etree.Element(R + "notAllowed"))
    # Containers that need all their content: one impossible child kills them.
    strict = ("group", "interleave", "oneOrMore", "element", "attribute", "mixed", "list", "define")
    for tag in strict:
        for el in list(root.iter(R + tag)):
            if el.getparent() is None and tag != "define":
                continue
            kids = _pattern_children(el)
            if any(k.tag == R + "notAllowed" for k in kids) and not (
                len(kids) == 1 and tag == "define"
            ):
                if tag == "define":
                    for k in kids:
                        el.remove(k)
                    el.append(etree.Element(R + "notAllowed"))
                else:
                    _replace(el, etree.Element(R + "notAllowed"))
                changed = True
    # Optional content that is impossible is just absent.
    for tag in ("optional", "zeroOrMore"):
        for el in list(root.iter(R + tag)):
            if el.getparent() is None:
                continue
            kids = _pattern_children(el)
            if kids and all(k.tag in (R + "notAllowed", R + "empty") for k in kids):
                _replace(el, etree.Element(R + "empty"))
                changed = True
    return changed


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-3], file=sys.stderr)
        return 2
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
    tree = prune(etree.parse(str(Path(argv[1])), parser))
    header = etree.Comment(
        " Generated by make_editio_tei.py from TEI P5 4.3.0 tei_all.rng (CC BY / BSD-2, TEI Consortium)."
        " A strict subset of TEI P5: do not edit by hand, edit the script and regenerate. "
    )
    tree.getroot().addprevious(header)
    sys.stdout.buffer.write(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
