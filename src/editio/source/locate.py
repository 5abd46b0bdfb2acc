"""Schema errors at the culprit: the element, attribute or text at fault, and what to do.

The document is read in order against the grammar (:mod:`.relaxng`), as jing
reads it.  Each problem is reported where jing reports it (an unknown or
misplaced element at its start tag, an attribute at the attribute, a missing
child at the end tag of the element that lacks it, stray text where the text
starts) and the reading then goes on as jing's does, so one run reports every
problem once:

* an element not allowed here is skipped; its own content is still checked
  against the element's definition (unless the schema has none);
* an element that comes too early is taken as if the missing ones were there;
* a wrong attribute or stray text is skipped; an incomplete element is closed.

Messages name the culprit as written in the file and say what would fix it,
with the schema's own choices when there are few.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from .positions import SourceMap
from .relaxng import NOT_ALLOWED, XML_NS, Grammar, Pattern, names_of, split
from .tei_elements import TEI_ELEMENTS

TEI_NS = "http://www.tei-c.org/ns/1.0"
MATHML_NS = "http://www.w3.org/1998/Math/MathML"
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
#: How many choices a message lists before it only gives examples.
FEW = 8
#: Elements worth suggesting first, in this order, when they are allowed where the fault is.
PHRASE_ELEMENTS = ("hi", "seg", "emph", "term", "name", "rs", "foreign")
BLOCK_ELEMENTS = ("div", "p", "ab", "lg", "list", "note")
TEXT_CONTAINERS = ("p", "ab", "l", "head", "desc", "note", "label", "item")
COMMON_ATTRIBUTES = ("xml:id", "type", "n", "rend", "xml:lang", "ref", "when")
DATE_TYPES = {"date", "gYear", "gYearMonth", "gMonth", "gDay", "gMonthDay", "dateTime", "time"}
TYPE_WORDS = {
    "anyURI": "a URI",
    "nonNegativeInteger": "a whole number (0, 1, 2 …)",
    "decimal": "a decimal number",
    "double": "a number",
    "boolean": "true or false",
    "language": "a language tag such as en or de-AT",
    "Name": "an XML name (no spaces)",
    "NCName": "an XML name (no spaces or colons)",
    "ID": "a name unique in the file (no spaces; not starting with a digit)",
    "duration": "an ISO 8601 duration such as P3D",
}


@dataclass(frozen=True)
class Finding:
    """One schema problem: where, what to do, and what it is about, so that a problem other
    layers also see can be reported once: ``value_of`` names the attribute (Clark notation)
    whose value is refused, ``missing`` the elements the ``element`` lacks."""

    line: int
    column: int
    message: str
    element: etree._Element = field(compare=False)
    value_of: str | None = None
    missing: frozenset[str] = frozenset()


def findings(grammar: Grammar, tree: etree._ElementTree, where: SourceMap) -> list[Finding]:
    """Every schema problem of a tree, in document order, each located at its culprit."""
    walk = _Walk(grammar, where)
    walk.element(grammar.start, tree.getroot(), None, [])
    walk.duplicate_ids(tree.getroot())
    return walk.found


class _Walk:
    """One reading of a document: the grammar's state is threaded through the tree, and
    every step that leaves nothing possible is reported and then stepped over."""

    def __init__(self, grammar: Grammar, where: SourceMap):
        self.g, self.where, self.found = grammar, where, []

    def report(self, position, message, element, **about) -> None:
        self.found.append(Finding(position[0], position[1], message, element, **about))

    # --- elements ------------------------------------------------------------------------

    def element(self, state: Pattern, element, parent, before: list) -> Pattern:
        """The state after ``element``, reporting what in it does not match."""
        g = self.g
        opened = g.open(state, element.tag)
        if opened.kind == NOT_ALLOWED:
            opened = self.not_allowed(state, element, parent, before)
            if opened is None:
                return state
        opened = self.attributes(opened, element)
        closed = g.close(opened)
        if closed.kind == NOT_ALLOWED:
            self.missing_attributes(opened, element)
            closed = g.close(opened, recovering=True)
        content = self.children(closed, element)
        ended = g.end(content)
        if ended.kind == NOT_ALLOWED:
            self.incomplete(content, element)
            ended = g.end(content, recovering=True)
        return ended

    def not_allowed(self, state, element, parent, before) -> Pattern | None:
        """Report an element the state does not admit; the state to read its content with."""
        g, tag = self.g, element.tag
        skipping = g.open_skipping(state, tag)
        if skipping.kind != NOT_ALLOWED:
            missing = _locals(g.required_elements(state)) - {split(tag)[1]}
            self.report(self.where.start(element), _too_early(element, parent, missing), parent,
                        missing=frozenset(missing))
            return skipping
        definitions = g.elements_named(tag)
        if not definitions:
            self.report(self.where.start(element), self._unknown(element, state), element)
            return None
        self.report(self.where.start(element), self._out_of_place(element, parent, state, before), element)
        if split(tag)[0] == XINCLUDE_NS:
            return None   # one message for an inclusion; its fallback is TEI of the text around it
        return g.after(g.choice_of(g.content(d) for d in definitions), state)

    def _unknown(self, element, state) -> str:
        namespace, local = split(element.tag)
        fix = self._replacement(local, state)
        if namespace != TEI_NS:
            return f"element <{_name(element)}> ({_namespace(namespace)}) is not allowed here; {fix}"
        if local in TEI_ELEMENTS:
            return (f"element <{local}> is TEI but not in editio's schema (editio does not render it); "
                    f"{fix}, or see tei/schema/README.md to add it to the schema")
        return f"element <{local}> is not TEI; {fix}"

    def _replacement(self, local: str, state) -> str:
        """What to write instead of an unknown element."""
        known = {n for _, n in self.g.element_names()}
        same = [n for n in known if n.lower() == local.lower() and n != local]
        if same:
            return f"write <{same[0]}> (element names are case-sensitive)"
        allowed = self.allowed_elements(state)
        close = difflib.get_close_matches(local, sorted(allowed or known), n=1, cutoff=0.8)
        instead = _instead(allowed, self.g.accepts_text(state))
        if close:
            return f"did you mean <{close[0]}>? If not, remove it" + (f" or {instead}" if instead else "")
        return "remove it" + (f" or {instead}" if instead else "")

    def _out_of_place(self, element, parent, state, before) -> str:
        namespace, _ = split(element.tag)
        name, host = _name(element), _name(parent)
        if namespace == MATHML_NS and host == "formula":
            return ("MathML inside <formula> is not in TEI P5's tei_all schema (it is in TEI's "
                    "tei_math customization); editio typesets it. To be valid TEI P5, declare "
                    "the customization in your ODD, or write the formula in TeX: "
                    "<formula notation=\"TeX\">")
        if namespace == XINCLUDE_NS:
            href = element.get("href") or ""
            return (f"<{name} href=\"{href}\"> is not resolved: editio reads one file, so what it "
                    "includes is missing from the edition; resolve the inclusions first "
                    "(xmllint --xinclude FILE > whole.xml) and publish the whole file")
        if namespace == MENOTA_NS:
            return (f"<{name}> is a level of a Menota transcription, valid against Menota's "
                    "schema but not TEI P5's tei_all; editio reads it (the normalised level as "
                    "the text, the diplomatic one in the diplomatic view): keep it")
        if namespace != TEI_NS:
            other = " (elements of other vocabularies are allowed only in <xenoData>)" if (
                (TEI_NS, "xenoData") in self.g.element_names()) else ""
            return (f"element <{name}> ({_namespace(namespace)}) is not allowed in <{host}>{other}; "
                    f"remove it or {_instead(self.allowed_elements(state), self.g.accepts_text(state)) or 'move it'}")
        earlier = self._earlier_place(element.tag, before)
        if earlier is not None:
            line = self.where.start(earlier)[0]
            return (f"element <{name}> is out of place in <{host}>; <{host}> allows it only earlier, before "
                    f"<{_name(earlier)}> on line {line}: move it there or remove it")
        allowed = sorted(self.allowed_elements(state))
        here = f" (<{host}> allows here: {_list(allowed, '<%s>')})" if 0 < len(allowed) <= FEW else ""
        if ("p" in allowed or "ab" in allowed) and name in _PHRASES:
            # words written straight into a division (a Bible word by word in <body>): they
            # belong in a paragraph, not outside the division
            return (f"element <{name}> is not allowed directly inside <{host}>; put it, with the "
                    f"words around it, inside a <{'p' if 'p' in allowed else 'ab'}> of <{host}>")
        return f"element <{name}> is not allowed inside <{host}>{here}; move it out of <{host}>"

    def _earlier_place(self, tag: str, before: list):
        """The latest earlier sibling before which the parent would admit ``tag``."""
        for state, sibling in reversed(before):
            if self.g.open(state, tag).kind != NOT_ALLOWED:
                return sibling
        return None

    def allowed_elements(self, state) -> set[str]:
        """Local names of the TEI elements that may come next."""
        names = set()
        for nc in self.g.next_elements(state):
            names |= {local for namespace, local in names_of(nc) if namespace == TEI_NS}
        return names

    # --- attributes ---------------------------------------------------------------------------

    def attributes(self, opened: Pattern, element) -> Pattern:
        g = self.g
        for name, value in element.attrib.items():
            candidates = g.attributes_named(opened, name)
            matching = frozenset(a for a in candidates if g.value_matches(a, value))
            following = g.attribute(opened, matching) if matching else g.not_allowed
            if following.kind != NOT_ALLOWED:
                opened = following
            elif candidates:
                self.report(self.where.attribute(element, name), _bad_value(g, element, name, value, candidates),
                            element, value_of=name)
            else:
                self.report(self.where.attribute(element, name), self._unknown_attribute(opened, element, name),
                            element)
        return opened

    def _unknown_attribute(self, opened, element, name) -> str:
        written = _attribute_name(name, element)
        allowed = sorted(_attribute_name(_clark(n), element) for n in self.g.allowed_attributes(opened))
        bare = written.rpartition(":")[2].lower()
        close = [a for a in allowed if a.lower() == written.lower() or a.rpartition(":")[2].lower() == bare]
        close = close or difflib.get_close_matches(written, allowed, n=1, cutoff=0.8)
        if close:
            fix = f"did you mean @{close[0]}? If not, remove it"
        elif 0 < len(allowed) <= FEW:
            fix = f"remove it or use {_list(allowed, '@%s')}"
        else:
            usual = [a for a in COMMON_ATTRIBUTES if a in allowed][:3]
            fix = "remove it" + (f" (<{_name(element)}> takes attributes such as "
                                 f"{_list(usual, '@%s')})" if usual else "")
        return f"attribute @{written} is not allowed on <{_name(element)}>; {fix}"

    def missing_attributes(self, opened, element) -> None:
        names = sorted(_attribute_name(_clark(n), element) for n in self.g.required_attributes(opened))
        add = " ".join(f'{n}="…"' for n in names) or "the attributes it requires"
        what = ("required attribute " + _list(names, "@%s", "and")) if names else "a required attribute"
        self.report(self.where.start(element), f"element <{_name(element)}> lacks {what}; add {add}", element)

    # --- content ---------------------------------------------------------------------------------

    def children(self, state: Pattern, element) -> Pattern:
        g = self.g
        runs = list(_content(element))
        if not any(isinstance(item, etree._Element) for item, _ in runs):
            text = "".join(item for item, _ in runs)
            if not text.strip():
                return g.choice(state, g.text(state, text))
            return self.text(state, text, element, ("in", element))
        before: list = []
        for item, anchor in runs:
            if isinstance(item, etree._Element):
                following = self.element(state, item, element, before)
                before.append((state, item))
                state = following
            elif item.strip():
                state = self.text(state, item, element, anchor)
        return state

    def text(self, state, text: str, element, anchor) -> Pattern:
        following = self.g.text(state, text)
        if following.kind != NOT_ALLOWED:
            return following
        where, node = anchor
        position = self.where.text_in(node) if where == "in" else self.where.text_after(node)
        excerpt = " ".join(text.split())
        excerpt = excerpt if len(excerpt) <= 30 else excerpt[:29] + "…"
        literals, types = self.g.values(state)
        if literals or types:
            fix = _value_fix(literals, types)
            self.report(position, f'the content "{excerpt}" of <{_name(element)}> is not a valid value; {fix}',
                        element)
            return self.g.finish(state)
        containers = [n for n in TEXT_CONTAINERS if n in self.allowed_elements(state)][:2]
        fix = "remove it" + (f" or put it in {_list(containers, '<%s>', 'or')}" if containers else "")
        self.report(position, f'text "{excerpt}" is not allowed directly in <{_name(element)}>; {fix}', element)
        return state

    def incomplete(self, content, element) -> None:
        g = self.g
        required = sorted(_locals(g.required_elements(content)))
        expected = sorted(self.allowed_elements(content))
        if required:
            what = _list(required, "<%s>", "and")
        elif len(expected) == 1:
            what = f"<{expected[0]}>"
        elif 0 < len(expected) <= FEW:
            what = "one of " + _list(expected, "<%s>", "or")
        else:
            what = "the content it requires"
        name = _name(element)
        place = "inside it" if self.where.end(element) == self.where.start(element) else f"before </{name}>"
        self.report(self.where.end(element), f"element <{name}> is incomplete; add {what} {place}", element,
                    missing=frozenset(required or expected))

    def duplicate_ids(self, root) -> None:
        """IDs must be unique (RelaxNG's ID datatype): report each repeat at its attribute."""
        first: dict[tuple[str, str], etree._Element] = {}
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for name in self.g.id_attributes:
                value = element.get(name)
                if value is None:
                    continue
                earlier = first.setdefault((name, value.strip()), element)
                if earlier is not element:
                    written = _attribute_name(name, element)
                    self.report(self.where.attribute(element, name),
                                f'{written} "{value}" is already used on line {self.where.start(earlier)[0]}; '
                                f"give each element its own {written}", element, value_of=name)


# --- helpers ------------------------------------------------------------------------------------


def _content(element) -> Iterator[tuple]:
    """Children as (element, None) and (text, anchor) runs; comments and processing
    instructions drop out, joining the text around them."""
    text, anchor = element.text or "", ("in", element)
    for child in element:
        if isinstance(child.tag, str):
            if text:
                yield text, anchor
            yield child, None
            text, anchor = child.tail or "", ("after", child)
        else:
            text += child.tail or ""
    if text:
        yield text, anchor


def _too_early(element, parent, missing: set[str]) -> str:
    need = _list(sorted(missing), "<%s>", "and") or "the elements it requires first"
    return f"element <{_name(element)}> is not allowed yet in <{_name(parent)}>; add {need} before it"


def _bad_value(g: Grammar, element, name: str, value: str, candidates) -> str:
    literals, types = [], []
    for attribute in candidates:
        more_literals, more_types = g.values(attribute.a)
        literals += more_literals
        types += more_types
    written = _attribute_name(name, element)
    return f'@{written}="{value}" is not a valid value on <{_name(element)}>; {_value_fix(literals, types)}'


def _value_fix(literals: list[str], types: list) -> str:
    """What to write instead of a refused value: the schema's values, or the kind of value."""
    ways = []
    if literals:
        ways.append("use " + _list(sorted(set(literals)), '"%s"', "or"))
    ways += _type_words(types)
    return " or ".join(ways) if ways else "correct it"


def _type_words(types) -> list[str]:
    names = {t.type for t in types}
    words = []
    if len(names & DATE_TYPES) >= 3:
        words.append("write an ISO 8601 date or time such as 1942, 1942-12, 1942-12-18, --12-18 or "
                     "1942-12-18T10:00:00")
        names -= DATE_TYPES
    for t in types:
        if t.type not in names:
            continue
        names.discard(t.type)
        if "pattern" in t.params:
            words.append(f"write a value matching {t.params['pattern']}")
        elif t.type in TYPE_WORDS:
            words.append("write " + TYPE_WORDS[t.type])
        elif t.type in DATE_TYPES:
            words.append(f"write an ISO 8601 value of type {t.type}")
    return words


def _instead(allowed: set[str], in_text: bool) -> str:
    """Advice on an element to use instead, from those allowed here: phrase-level ones
    inside text, block-level ones between blocks."""
    preferred = [n for n in (PHRASE_ELEMENTS if in_text else BLOCK_ELEMENTS) if n in allowed][:2]
    if preferred:
        return "use a TEI element such as " + _list(preferred, "<%s>", "or")
    if len(allowed) == 1:
        return f"use <{next(iter(allowed))}>"
    if len(allowed) <= FEW:
        return "use one of " + _list(sorted(allowed), "<%s>", "or") if allowed else ""
    return ""


#: Phrase-level elements: the words of a paragraph.
_PHRASES = frozenset("""w pc c seg hi emph foreign term name persName placeName orgName rs date
    num measure ref ptr abbr expan choice sic corr orig reg add del unclear supplied gap app q
    quote said title mentioned soCalled gloss lb pb cb milestone anchor note g""".split())


def _list(items, form: str, last: str = "or") -> str:
    shown = [form % item for item in items]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + f" {last} " + shown[-1]


def _locals(names) -> set[str]:
    return {local for _, local in names}


def _clark(name: tuple[str, str]) -> str:
    namespace, local = name
    return f"{{{namespace}}}{local}" if namespace else local


#: the namespace of Menota's transcription levels (me:facs, me:dipl, me:norm)
MENOTA_NS = "http://www.menota.org/ns/1.0"


def _name(element) -> str:
    """An element's name as written: TEI names bare, others with their prefix if they had one."""
    if element is None:
        return "the document"
    namespace, local = split(element.tag)
    if namespace in (TEI_NS, "") or not element.prefix:
        return local
    return f"{element.prefix}:{local}"


def _attribute_name(clark: str, element) -> str:
    namespace, local = split(clark)
    if not namespace:
        return local
    if namespace == XML_NS:
        return f"xml:{local}"
    prefix = next((p for p, uri in element.nsmap.items() if uri == namespace and p), None)
    return f"{prefix}:{local}" if prefix else clark


def _namespace(namespace: str) -> str:
    return f"namespace {namespace}" if namespace else "no namespace"
