"""A RelaxNG grammar followed step by step, to find where a document stops matching it.

libxml2 (behind lxml) says reliably *whether* a document matches editio's
grammar, but not where: in mixed content it blames an ancestor of the culprit,
often dozens of lines away.  jing is precise because it reads the document in
order and, after every start tag, attribute, text and end tag, reduces the
grammar to what may still follow (James Clark's derivative algorithm,
https://relaxng.org/jclark/derivative.html).  The first step that leaves
nothing possible is the culprit, whatever its depth.

:class:`Grammar` is that algorithm.  Patterns are interned (equal patterns are
one object) and every derivative is memoised, so a document costs little more
than a walk over its tree.  Datatypes are not reimplemented: each ``<data>`` or
typed ``<value>`` is compiled by lxml into a one-element schema, so a value is
judged exactly as the grammar layer judges it.

Only the RelaxNG the TEI tools generate is read (one grammar, defines, refs,
the usual patterns and name classes); ``externalRef``, ``include`` and nested
grammars raise :class:`Unsupported`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

RNG_NS = "http://relaxng.org/ns/structure/1.0"
XSD = "http://www.w3.org/2001/XMLSchema-datatypes"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_R = "{%s}" % RNG_NS

EMPTY, NOT_ALLOWED, TEXT, CHOICE, GROUP, INTERLEAVE, ONE_OR_MORE, LIST, DATA, VALUE, ATTRIBUTE, ELEMENT, AFTER = (
    range(13))


class Unsupported(Exception):
    """The grammar uses a RelaxNG construct this module does not follow."""


class Pattern:
    """One interned pattern: ``a`` and ``b`` are its parts, by kind (see :class:`Grammar`)."""

    __slots__ = ("a", "b", "kind", "nc", "nullable", "valued")

    def __init__(self, kind: int, a=None, b=None, nc=None, nullable=False, valued=False):
        self.kind, self.a, self.b, self.nc, self.nullable, self.valued = kind, a, b, nc, nullable, valued


# --- name classes: ("name", ns, local) | ("any", except) | ("ns", ns, except) | ("choice", a, b) ----


def split(clark: str) -> tuple[str, str]:
    """(namespace, local name) of a name in lxml's Clark notation."""
    if clark.startswith("{"):
        namespace, _, local = clark[1:].partition("}")
        return namespace, local
    return "", clark


def contains(nc: tuple, namespace: str, local: str) -> bool:
    kind = nc[0]
    if kind == "name":
        return nc[1] == namespace and nc[2] == local
    if kind == "any":
        return nc[1] is None or not contains(nc[1], namespace, local)
    if kind == "ns":
        return nc[1] == namespace and (nc[2] is None or not contains(nc[2], namespace, local))
    return contains(nc[1], namespace, local) or contains(nc[2], namespace, local)


def names_of(nc: tuple) -> set[tuple[str, str]]:
    """The single names a name class lists (wildcards list none)."""
    if nc[0] == "name":
        return {(nc[1], nc[2])}
    if nc[0] == "choice":
        return names_of(nc[1]) | names_of(nc[2])
    return set()


# --- datatypes -------------------------------------------------------------------------------


class _Datatype:
    """A ``<data>`` or typed ``<value>`` check, compiled by lxml once and memoised per value."""

    def __init__(self, node: etree._Element, library: str):
        self.type = node.get("type", "token").strip()
        self.library = library
        self.params = {p.get("name"): (p.text or "") for p in node.findall(_R + "param")}
        self._node = node
        self._schema: etree.RelaxNG | None = None
        self._seen: dict[str, bool] = {}

    def _compile(self, node) -> etree.RelaxNG | None:
        element = etree.Element(_R + "element", name="v", datatypeLibrary=self.library)
        copy = etree.SubElement(element, node.tag, type=self.type)
        copy.text = node.text if node.tag == _R + "value" else None
        for param in node.findall(_R + "param"):
            etree.SubElement(copy, _R + "param", name=param.get("name")).text = param.text
        try:
            return etree.RelaxNG(element)
        except etree.RelaxNGParseError:
            return None

    def accepts(self, value: str) -> bool:
        known = self._seen.get(value)
        if known is None:
            known = self._seen[value] = self._check(value)
        return known

    def _check(self, value: str) -> bool:
        if self._schema is None and self._node is not None:
            # Compiled on first use: most datatypes of a grammar never meet a value.
            self._schema, self._node = self._compile(self._node), None
        if self._schema is None:
            return True
        instance = etree.Element("v")
        instance.text = value
        return self._schema.validate(instance)


def _builtin_equal(datatype: str, expected: str, value: str) -> bool:
    if datatype == "string":
        return value == expected
    return value.split() == expected.split()


# --- the grammar -----------------------------------------------------------------------------


class Grammar:
    """A RelaxNG grammar as interned patterns, with the derivatives of Clark's algorithm.

    Kinds and parts: CHOICE ``a`` = frozenset of alternatives; GROUP, INTERLEAVE, AFTER
    ``a`` then ``b``; ONE_OR_MORE, LIST ``a``; ATTRIBUTE ``nc`` and value pattern ``a``;
    ELEMENT ``nc`` and the RelaxNG node ``b`` whose content is built on first use
    (:meth:`content`); DATA ``a`` = datatype, ``b`` = except pattern or None; VALUE ``a`` =
    datatype or builtin type name, ``b`` = the value.
    """

    def __init__(self, root: etree._Element):
        self._interned: dict = {}
        self._memo: dict = {}
        self._contents: dict[Pattern, Pattern] = {}
        self._elements: dict[etree._Element, Pattern] = {}
        self.empty = self._intern(("empty",), EMPTY, nullable=True)
        self.not_allowed = self._intern(("notAllowed",), NOT_ALLOWED)
        self.text_pattern = self._intern(("text",), TEXT, nullable=True)
        self._defines, starts = self._definitions(root)
        self._built: dict[str, Pattern] = {}
        self.start = self._combined(starts, "start") if root.tag == _R + "grammar" else self._pattern(root)
        self.element_patterns = [self._element(node) for node in root.iter(_R + "element")]
        self.id_attributes = self._id_attributes(root)

    # --- construction ----------------------------------------------------------------------

    def _intern(self, key, kind, a=None, b=None, nc=None, nullable=False, valued=False) -> Pattern:
        found = self._interned.get(key)
        if found is None:
            found = self._interned[key] = Pattern(kind, a, b, nc, nullable, valued)
        return found

    def choice(self, a: Pattern, b: Pattern) -> Pattern:
        if a is b or b.kind == NOT_ALLOWED:
            return a
        if a.kind == NOT_ALLOWED:
            return b
        return self.choice_of((a, b))

    def choice_of(self, patterns: Iterable[Pattern]) -> Pattern:
        alternatives: set[Pattern] = set()
        for p in patterns:
            if p.kind == CHOICE:
                alternatives.update(p.a)
            elif p.kind != NOT_ALLOWED:
                alternatives.add(p)
        if not alternatives:
            return self.not_allowed
        if len(alternatives) == 1:
            return alternatives.pop()
        key = frozenset(alternatives)
        found = self._interned.get(key)
        if found is None:
            found = self._interned[key] = Pattern(
                CHOICE, key, nullable=any(p.nullable for p in key), valued=any(p.valued for p in key))
        return found

    def group(self, a: Pattern, b: Pattern) -> Pattern:
        return self._both("group", GROUP, a, b)

    def interleave(self, a: Pattern, b: Pattern) -> Pattern:
        return self._both("interleave", INTERLEAVE, a, b)

    def _both(self, name: str, kind, a: Pattern, b: Pattern) -> Pattern:
        """group and interleave simplify alike: notAllowed absorbs, empty vanishes, and
        both parts are needed (nullable only when both are)."""
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        if a.kind == EMPTY:
            return b
        if b.kind == EMPTY:
            return a
        return self._intern((name, a, b), kind, a, b, nullable=a.nullable and b.nullable,
                            valued=a.valued or b.valued)

    def after(self, a: Pattern, b: Pattern) -> Pattern:
        if a.kind == NOT_ALLOWED or b.kind == NOT_ALLOWED:
            return self.not_allowed
        return self._intern(("after", a, b), AFTER, a, b, valued=a.valued)

    def one_or_more(self, a: Pattern) -> Pattern:
        if a.kind in (NOT_ALLOWED, EMPTY):
            return a
        return self._intern(("oneOrMore", a), ONE_OR_MORE, a, nullable=a.nullable, valued=a.valued)

    def optional(self, a: Pattern) -> Pattern:
        return self.choice(a, self.empty)

    # --- reading the RelaxNG syntax -------------------------------------------------------------

    def _definitions(self, root) -> tuple[dict[str, list], list]:
        if root.tag != _R + "grammar":
            return {}, []
        defines: dict[str, list] = {}
        starts: list = []
        for node in _grammar_children(root):
            if node.tag == _R + "define":
                defines.setdefault(node.get("name"), []).append(node)
            elif node.tag == _R + "start":
                starts.append(node)
            elif node.tag == _R + "include":
                raise Unsupported("include")
        return defines, starts

    def _combined(self, nodes: list, what: str) -> Pattern:
        """Definitions of one name, combined as their ``combine`` attribute says."""
        if not nodes:
            raise Unsupported(f"no definition of {what}")
        parts = [self._sequence(_patterns(node)) for node in nodes]
        how = next((n.get("combine") for n in nodes if n.get("combine")), "choice")
        result = parts[0]
        for part in parts[1:]:
            result = self.interleave(result, part) if how == "interleave" else self.choice(result, part)
        return result

    def _define(self, name: str) -> Pattern:
        built = self._built.get(name)
        if built is None:
            nodes = self._defines.get(name)
            if nodes is None:
                raise Unsupported(f"reference to undefined {name}")
            built = self._built[name] = self._combined(nodes, name)
        return built

    def _sequence(self, nodes: list) -> Pattern:
        result = self.empty
        for node in nodes:
            result = self.group(result, self._pattern(node))
        return result

    def _pattern(self, node) -> Pattern:
        build = _BUILDERS.get(node.tag[len(_R):])
        if build is None:
            raise Unsupported(node.tag)
        return build(self, node)

    def _element(self, node) -> Pattern:
        found = self._elements.get(node)
        if found is None:
            nc = _name_class(node, attribute=False)
            found = self._elements[node] = Pattern(ELEMENT, None, node, nc)
        return found

    def _attribute(self, node) -> Pattern:
        nc = _name_class(node, attribute=True)
        nodes = _patterns(node)[(0 if node.get("name") is not None else 1):]
        value = self._sequence(nodes) if nodes else self.text_pattern
        return self._intern(("attribute", nc, value), ATTRIBUTE, value, nc=nc)

    def _data(self, node) -> Pattern:
        library = _inherited(node, "datatypeLibrary")
        datatype = _Datatype(node, library) if library else None
        excepted = node.find(_R + "except")
        exclude = self.choice_of(self._pattern(n) for n in _patterns(excepted)) if excepted is not None else None
        return Pattern(DATA, datatype, exclude, valued=True)

    def _value(self, node) -> Pattern:
        library = _inherited(node, "datatypeLibrary") if node.get("type") else ""
        datatype = _Datatype(node, library) if library else node.get("type", "token")
        return self._intern(("value", library, node.get("type"), node.text or ""), VALUE, datatype,
                            node.text or "", valued=True)

    def content(self, element: Pattern) -> Pattern:
        """The pattern inside an element (attributes and children), built on first use."""
        built = self._contents.get(element)
        if built is None:
            node = element.b
            nodes = _patterns(node)[(0 if node.get("name") is not None else 1):]
            built = self._contents[element] = self._sequence(nodes)
        return built

    def _id_attributes(self, root) -> set[str]:
        """Clark names of the attributes typed ``ID`` (their values must be unique)."""
        names = set()
        for node in root.iter(_R + "attribute"):
            data = [n for n in _patterns(node) if n.tag == _R + "data"]
            if data and data[0].get("type") == "ID":
                for namespace, local in names_of(_name_class(node, attribute=True)):
                    names.add(f"{{{namespace}}}{local}" if namespace else local)
        return names

    # --- derivatives ---------------------------------------------------------------------------

    def _remember(self, key, found: Pattern) -> Pattern:
        self._memo[key] = found
        return found

    def apply_after(self, p: Pattern, f: Callable[[Pattern], Pattern]) -> Pattern:
        if p.kind == AFTER:
            return self.after(p.a, f(p.b))
        if p.kind == CHOICE:
            return self.choice_of(self.apply_after(x, f) for x in p.a)
        return self.not_allowed

    def open(self, p: Pattern, tag: str) -> Pattern:
        """What may follow once a start tag named ``tag`` (Clark notation) is opened."""
        key = ("open", p, tag)
        return self._memo.get(key) or self._remember(key, self._open(p, tag, skipping=False))

    def open_skipping(self, p: Pattern, tag: str) -> Pattern:
        """Like :meth:`open`, but required content before the tag may be skipped: how jing
        tells an element that comes too early from one that is out of place."""
        key = ("skip", p, tag)
        return self._memo.get(key) or self._remember(key, self._open(p, tag, skipping=True))

    def _open(self, p: Pattern, tag: str, skipping: bool) -> Pattern:
        again = self.open_skipping if skipping else self.open
        kind = p.kind
        if kind == CHOICE:
            # Element alternatives are tested here rather than memoised one by one: TEI's
            # content models are choices among hundreds of elements.
            namespace, local = split(tag)
            return self.choice_of(
                (self.after(self.content(x), self.empty) if contains(x.nc, namespace, local) else self.not_allowed)
                if x.kind == ELEMENT else again(x, tag) for x in p.a)
        if kind == ELEMENT:
            return self.after(self.content(p), self.empty) if contains(p.nc, *split(tag)) else self.not_allowed
        if kind == GROUP:
            first = self.apply_after(again(p.a, tag), lambda x: self.group(x, p.b))
            return self.choice(first, again(p.b, tag)) if p.a.nullable or skipping else first
        if kind == INTERLEAVE:
            return self.choice(self.apply_after(again(p.a, tag), lambda x: self.interleave(x, p.b)),
                               self.apply_after(again(p.b, tag), lambda x: self.interleave(p.a, x)))
        if kind == ONE_OR_MORE:
            return self.apply_after(again(p.a, tag), lambda x: self.group(x, self.optional(p)))
        if kind == AFTER:
            return self.apply_after(again(p.a, tag), lambda x: self.after(x, p.b))
        return self.not_allowed

    def attributes_named(self, p: Pattern, name: str) -> frozenset[Pattern]:
        """The attribute patterns that may match an attribute called ``name`` here."""
        key = ("named", p, name)
        found = self._memo.get(key)
        if found is None:
            namespace, local = split(name)
            found = self._memo[key] = frozenset(
                a for a in self._attribute_patterns(p) if contains(a.nc, namespace, local))
        return found

    def _attribute_patterns(self, p: Pattern) -> list[Pattern]:
        key = ("attributes", p)
        found = self._memo.get(key)
        if found is None:
            if p.kind == ATTRIBUTE:
                found = [p]
            elif p.kind == CHOICE:
                found = [a for x in p.a for a in self._attribute_patterns(x)]
            elif p.kind in (GROUP, INTERLEAVE):
                found = self._attribute_patterns(p.a) + self._attribute_patterns(p.b)
            elif p.kind in (ONE_OR_MORE, AFTER):
                found = self._attribute_patterns(p.a)
            else:
                found = []
            self._memo[key] = found
        return found

    def value_matches(self, attribute: Pattern, value: str) -> bool:
        p = attribute.a
        return (p.nullable and not value.strip()) or self.text(p, value).nullable

    def attribute(self, p: Pattern, matching: frozenset[Pattern]) -> Pattern:
        """What may follow an attribute that the patterns ``matching`` accept."""
        key = ("att", p, matching)
        return self._memo.get(key) or self._remember(key, self._attribute_deriv(p, matching))

    def _attribute_deriv(self, p: Pattern, matching) -> Pattern:
        kind = p.kind
        if kind == ATTRIBUTE:
            return self.empty if p in matching else self.not_allowed
        if kind == CHOICE:
            return self.choice_of(self.attribute(x, matching) for x in p.a)
        if kind == GROUP:
            return self.choice(self.group(self.attribute(p.a, matching), p.b),
                               self.group(p.a, self.attribute(p.b, matching)))
        if kind == INTERLEAVE:
            return self.choice(self.interleave(self.attribute(p.a, matching), p.b),
                               self.interleave(p.a, self.attribute(p.b, matching)))
        if kind == ONE_OR_MORE:
            return self.group(self.attribute(p.a, matching), self.optional(p))
        if kind == AFTER:
            return self.after(self.attribute(p.a, matching), p.b)
        return self.not_allowed

    def close(self, p: Pattern, recovering: bool = False) -> Pattern:
        """What may follow the end of a start tag: attributes not given must be optional
        (``recovering``: take the missing ones as given)."""
        key = ("close", p, recovering)
        return self._memo.get(key) or self._remember(key, self._close(p, recovering))

    def _close(self, p: Pattern, recovering: bool) -> Pattern:
        kind = p.kind
        if kind == ATTRIBUTE:
            return self.empty if recovering else self.not_allowed
        if kind == CHOICE:
            return self.choice_of(self.close(x, recovering) for x in p.a)
        if kind == GROUP:
            return self.group(self.close(p.a, recovering), self.close(p.b, recovering))
        if kind == INTERLEAVE:
            return self.interleave(self.close(p.a, recovering), self.close(p.b, recovering))
        if kind == ONE_OR_MORE:
            return self.one_or_more(self.close(p.a, recovering))
        if kind == AFTER:
            return self.after(self.close(p.a, recovering), p.b)
        return p

    def end(self, p: Pattern, recovering: bool = False) -> Pattern:
        """What may follow an end tag: the content must be complete (``recovering``: take it as
        complete)."""
        if p.kind == CHOICE:
            return self.choice_of(self.end(x, recovering) for x in p.a)
        if p.kind == AFTER and (recovering or p.a.nullable):
            return p.b
        return self.not_allowed

    def finish(self, p: Pattern) -> Pattern:
        """The state once an element's content is taken as complete (after a refused value,
        so that the end tag does not report the same fault again)."""
        if p.kind == CHOICE:
            return self.choice_of(self.finish(x) for x in p.a)
        return self.after(self.empty, p.b) if p.kind == AFTER else self.not_allowed

    def text(self, p: Pattern, value: str) -> Pattern:
        """What may follow a run of text (or an attribute value)."""
        key = ("text", p, value) if p.valued else ("text", p)
        return self._memo.get(key) or self._remember(key, self._text(p, value))

    def _text(self, p: Pattern, value: str) -> Pattern:
        kind = p.kind
        if kind == TEXT:
            return p
        if kind == CHOICE:
            return self.choice_of(self.text(x, value) for x in p.a)
        if kind == GROUP:
            first = self.group(self.text(p.a, value), p.b)
            return self.choice(first, self.text(p.b, value)) if p.a.nullable else first
        if kind == INTERLEAVE:
            return self.choice(self.interleave(self.text(p.a, value), p.b),
                               self.interleave(p.a, self.text(p.b, value)))
        if kind == ONE_OR_MORE:
            return self.group(self.text(p.a, value), self.optional(p))
        if kind == AFTER:
            return self.after(self.text(p.a, value), p.b)
        if kind == VALUE:
            return self.empty if self._value_equal(p, value) else self.not_allowed
        if kind == DATA:
            return self.empty if self._data_accepts(p, value) else self.not_allowed
        if kind == LIST:
            return self.empty if self._list_accepts(p.a, value) else self.not_allowed
        return self.not_allowed

    def _value_equal(self, p: Pattern, value: str) -> bool:
        if isinstance(p.a, str):
            return _builtin_equal(p.a, p.b, value)
        return p.a.accepts(value)

    def _data_accepts(self, p: Pattern, value: str) -> bool:
        if p.a is not None and not p.a.accepts(value):
            return False
        return p.b is None or not self.text(p.b, value).nullable

    def _list_accepts(self, p: Pattern, value: str) -> bool:
        for token in value.split():
            p = self.text(p, token)
        return p.nullable

    # --- what a pattern expects, for messages ------------------------------------------------

    def next_elements(self, p: Pattern) -> set[tuple]:
        """Name classes of the elements that may come next."""
        kind = p.kind
        if kind == ELEMENT:
            return {p.nc}
        if kind == CHOICE:
            return set().union(*(self.next_elements(x) for x in p.a))
        if kind == GROUP:
            first = self.next_elements(p.a)
            return first | self.next_elements(p.b) if p.a.nullable else first
        if kind == INTERLEAVE:
            return self.next_elements(p.a) | self.next_elements(p.b)
        if kind in (ONE_OR_MORE, AFTER):
            return self.next_elements(p.a)
        return set()

    def required_elements(self, p: Pattern) -> set[tuple[str, str]]:
        """Names of the elements that must still come before the content is complete."""
        kind = p.kind
        if kind == ELEMENT:
            return names_of(p.nc) if len(names_of(p.nc)) == 1 else set()
        if kind == CHOICE:
            return set.intersection(*(self.required_elements(x) for x in p.a))
        if kind in (GROUP, INTERLEAVE):
            return self.required_elements(p.a) | self.required_elements(p.b)
        if kind in (ONE_OR_MORE, AFTER):
            return self.required_elements(p.a)
        return set()

    def required_attributes(self, p: Pattern) -> set[tuple[str, str]]:
        """Names of the attributes a start tag still lacks."""
        kind = p.kind
        if kind == ATTRIBUTE:
            return names_of(p.nc)
        if kind == CHOICE:
            return set.intersection(*(self.required_attributes(x) for x in p.a))
        if kind in (GROUP, INTERLEAVE):
            return self.required_attributes(p.a) | self.required_attributes(p.b)
        if kind in (ONE_OR_MORE, AFTER):
            return self.required_attributes(p.a)
        return set()

    def allowed_attributes(self, p: Pattern) -> set[tuple[str, str]]:
        return set().union(*(names_of(a.nc) for a in self._attribute_patterns(p)))

    def accepts_text(self, p: Pattern) -> bool:
        """Whether text may come here (in mixed content or as a value)."""
        return self.text(p, "x").kind != NOT_ALLOWED

    def elements_named(self, tag: str) -> list[Pattern]:
        """Every element pattern of the grammar that admits this name, wherever it is allowed."""
        namespace, local = split(tag)
        return [p for p in self.element_patterns if contains(p.nc, namespace, local)]

    def element_names(self) -> set[tuple[str, str]]:
        return set().union(*(names_of(p.nc) for p in self.element_patterns))

    def values(self, p: Pattern) -> tuple[list[str], list[_Datatype]]:
        """The literal values and the datatypes a value pattern admits, for messages."""
        literals, types = [], []
        stack = [p]
        while stack:
            q = stack.pop()
            if q.kind == VALUE:
                literals.append(q.b)
            elif q.kind == DATA and q.a is not None:
                types.append(q.a)
            elif q.kind == CHOICE:
                stack.extend(q.a)
            elif q.kind in (GROUP, INTERLEAVE):
                stack.extend((q.a, q.b))
            elif q.kind in (ONE_OR_MORE, LIST, AFTER):
                stack.append(q.a)
        return sorted(set(literals)), types


# --- the RelaxNG syntax ------------------------------------------------------------------------


def _grammar_children(node):
    """Definitions of a grammar, with ``div`` wrappers flattened."""
    for child in node:
        if not isinstance(child.tag, str) or not child.tag.startswith(_R):
            continue
        if child.tag == _R + "div":
            yield from _grammar_children(child)
        else:
            yield child


def _patterns(node) -> list:
    """Child nodes in the RelaxNG namespace (annotations left out)."""
    return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(_R)]


def _inherited(node, attribute: str) -> str:
    while node is not None:
        value = node.get(attribute)
        if value is not None:
            return value.strip()
        node = node.getparent()
    return ""


def _qname(node, written: str, attribute: bool) -> tuple:
    written = written.strip()
    if ":" in written:
        prefix, local = written.split(":", 1)
        namespace = XML_NS if prefix == "xml" else node.nsmap.get(prefix, "")
        return ("name", namespace, local)
    namespace = node.get("ns", "") if attribute else _inherited(node, "ns")
    return ("name", namespace, written)


def _name_class(node, attribute: bool) -> tuple:
    """The name class of an element or attribute pattern."""
    if node.get("name") is not None:
        return _qname(node, node.get("name"), attribute)
    return _name_class_node(_patterns(node)[0])


def _name_class_node(node) -> tuple:
    local = etree.QName(node).localname
    if local == "name":
        return _qname(node, node.text or "", attribute=False)
    excepted = node.find(_R + "except")
    exclude = _name_class_choice(_patterns(excepted)) if excepted is not None else None
    if local == "anyName":
        return ("any", exclude)
    if local == "nsName":
        return ("ns", _inherited(node, "ns"), exclude)
    if local == "choice":
        return _name_class_choice(_patterns(node))
    raise Unsupported(f"name class {local}")


def _name_class_choice(nodes) -> tuple:
    result = _name_class_node(nodes[0])
    for node in nodes[1:]:
        result = ("choice", result, _name_class_node(node))
    return result


def _build_choice(g: Grammar, node) -> Pattern:
    return g.choice_of(g._pattern(n) for n in _patterns(node))


def _build_interleave(g: Grammar, node) -> Pattern:
    result = g.empty
    for n in _patterns(node):
        result = g.interleave(result, g._pattern(n))
    return result


def _unsupported(g: Grammar, node) -> Pattern:
    raise Unsupported(etree.QName(node).localname)


_BUILDERS: dict[str, Callable[[Grammar, etree._Element], Pattern]] = {
    "empty": lambda g, n: g.empty,
    "notAllowed": lambda g, n: g.not_allowed,
    "text": lambda g, n: g.text_pattern,
    "ref": lambda g, n: g._define(n.get("name").strip()),
    "element": lambda g, n: g._element(n),
    "attribute": lambda g, n: g._attribute(n),
    "group": lambda g, n: g._sequence(_patterns(n)),
    "choice": _build_choice,
    "interleave": _build_interleave,
    "mixed": lambda g, n: g.interleave(g._sequence(_patterns(n)), g.text_pattern),
    "optional": lambda g, n: g.optional(g._sequence(_patterns(n))),
    "zeroOrMore": lambda g, n: g.optional(g.one_or_more(g._sequence(_patterns(n)))),
    "oneOrMore": lambda g, n: g.one_or_more(g._sequence(_patterns(n))),
    "list": lambda g, n: g._intern(("list", g._sequence(_patterns(n))), LIST, g._sequence(_patterns(n)),
                                   valued=True),
    "data": lambda g, n: g._data(n),
    "value": lambda g, n: g._value(n),
    "externalRef": _unsupported,
    "parentRef": _unsupported,
    "grammar": _unsupported,
}
