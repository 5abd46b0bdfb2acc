// editio: full-text search of a web edition, or of every edition of a catalogue page.
//
// It works when the page is opened from disk (file://): the engine (MiniSearch) and the
// searchable text (each edition's assets/search-data.js) are added as <script> elements
// the first time the reader searches; nothing is fetched. Words are found whatever their
// case and accents, folded with the language of each edition (Latin u/v and i/j, German
// ä/ae, Greek final sigma are one letter); "a phrase" in quotation marks is found as
// written; word* finds every word that begins so. Hits are listed in the order of the
// text, each with its place (section, speaker, paragraph or line) and its context; a hit
// leads to its paragraph, verse line, speech or note, where the words are highlighted.
// Keyboard: Down from the field goes to the hits, Up and Down move between them, Escape
// goes back to the field (and, in the field, clears it).
(function () {
  'use strict';
  var form = document.getElementById('search');
  if (!form || !String.prototype.normalize) { return; }
  var input = document.getElementById('search-input');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var template = list.querySelector('template');
  var site = form.hasAttribute('data-site');
  var SHOWN = 100;
  var SEP = /[\n\r\p{Z}\p{P}]+/u;          // MiniSearch's own word separators
  var WORD = /[^\n\r\p{Z}\p{P}]+/gu;
  var MARKS = /\p{M}+/gu;
  var SPECIAL = /[ßẞæœøđðłþı]/g;
  var SPECIAL_MAP = { 'ß': 'ss', 'ẞ': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ł': 'l', 'þ': 'th', 'ı': 'i' };

  // --- words ---------------------------------------------------------------------------

  function primary(lang) { return (lang || '').toLowerCase().split('-')[0]; }
  function lower(word, lang) {
    try { return word.toLocaleLowerCase(lang || undefined); } catch (e) { return word.toLowerCase(); }
  }
  // One word as the index keeps it: no case, no accents, one spelling per letter.
  function fold(word, lang) {
    var w = lower(word.normalize('NFKD').replace(MARKS, ''), lang)
      .replace(SPECIAL, function (c) { return SPECIAL_MAP[c]; });
    var p = primary(lang);
    if (p === 'la') { w = w.replace(/v/g, 'u').replace(/j/g, 'i'); }
    else if (p === 'el' || p === 'grc') { w = w.replace(/ς/g, 'σ'); }
    return w;
  }
  // The forms a word of the text is found by: German umlauts also as ae, oe, ue.
  function variants(word, lang) {
    var w = fold(word, lang);
    if (!w) { return []; }
    if (primary(lang) === 'de') {
      var l = lower(word.normalize('NFC'), lang);
      if (/[äöü]/.test(l)) {
        var v = fold(l.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue'), lang);
        if (v !== w) { return [w, v]; }
      }
    }
    return [w];
  }
  function isHit(word, matched, lang) {
    var forms = variants(word, lang);
    for (var i = 0; i < forms.length; i++) { if (matched.has(forms[i])) { return true; } }
    return false;
  }

  // --- the data: one engine per language, documents in the order they were loaded -----

  var groups = {};
  var docs = [];
  var loading = null;
  var complete = false;

  function groupFor(lang) {
    var key = primary(lang) || 'und';
    if (!groups[key]) {
      groups[key] = {
        lang: lang,
        engine: new window.MiniSearch({
          fields: ['text', 'alt'],
          tokenize: function (s) { return s.split(SEP); },
          processTerm: function (t) { return variants(t, lang); },
          searchOptions: { processTerm: function (t) { return fold(t, lang) || null; }, combineWith: 'AND' },
        }),
      };
    }
    return groups[key];
  }

  function baseOf(src) {
    // the page a data file belongs to: NAME/assets/search-data.js → NAME/index.html
    return site ? src.replace(/assets\/[^/]*$/, 'index.html') : '';
  }

  function take(src) {
    var queue = window.editioSearchData || [];
    var adding = [];
    while (queue.length) {
      var data = queue.shift();
      var edition = { title: data.title, lang: data.lang, paths: data.paths || [], base: baseOf(src) };
      var group = groupFor(data.lang);
      var batch = [];
      (data.docs || []).forEach(function (d) {
        var id = docs.length;
        docs.push({ edition: edition, id: d[0], path: d[1], label: d[2], text: d[3], alt: d[4] || '', group: group });
        batch.push({ id: id, text: d[3], alt: d[4] || '' });
      });
      adding.push(group.engine.addAllAsync(batch, { chunkSize: 2000 }));
    }
    return Promise.all(adding);
  }

  function script(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = src;
      s.onload = resolve;
      s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function load() {
    if (loading) { return loading; }
    var sources = (form.getAttribute('data-index') || '').split(/\s+/).filter(Boolean);
    var engine = window.MiniSearch ? Promise.resolve() : script(form.getAttribute('data-engine'));
    loading = engine.then(function () {
      // one data file after the other, the hits shown as each arrives
      return sources.reduce(function (chain, src) {
        return chain.then(function () {
          return script(src).then(function () { return take(src); }, function () { /* a missing file: skip */ })
            .then(refresh);
        });
      }, Promise.resolve());
    }).then(function () { complete = true; refresh(); });
    return loading;
  }

  // --- queries ---------------------------------------------------------------------------

  function parse(q) {
    var terms = [];
    var phrases = [];
    var re = /["“”„«»]([^"“”„«»]*)["“”„«»]?|(\S+)/g;
    var m;
    while ((m = re.exec(q))) {
      if (m[1] !== undefined) {
        var words = m[1].split(SEP).filter(Boolean);
        if (words.length) {
          phrases.push(words);
          words.forEach(function (w) { terms.push({ text: w, prefix: false }); });
        }
      } else {
        var prefix = /\*$/.test(m[2]);
        var parts = m[2].split(SEP).filter(Boolean);
        parts.forEach(function (w, i) { terms.push({ text: w, prefix: prefix && i === parts.length - 1 }); });
      }
    }
    return { terms: terms, phrases: phrases };
  }

  function hasPhrase(doc, words, lang) {
    var want = words.map(function (w) { return fold(w, lang); });
    return [doc.text, doc.alt].some(function (text) {
      var have = (text.match(WORD) || []).map(function (w) { return fold(w, lang); });
      for (var i = 0; i + want.length <= have.length; i++) {
        var j = 0;
        while (j < want.length && have[i + j] === want[j]) { j++; }
        if (j === want.length) { return true; }
      }
      return false;
    });
  }

  function search(q) {
    var parsed = parse(q);
    var hits = [];
    Object.keys(groups).forEach(function (key) {
      var g = groups[key];
      var terms = parsed.terms.filter(function (t) { return fold(t.text, g.lang); });
      if (!terms.length) { return; }
      var query = {
        combineWith: 'AND',
        queries: terms.map(function (t) { return { queries: [t.text], prefix: t.prefix, combineWith: 'AND' }; }),
      };
      g.engine.search(query).forEach(function (r) {
        var doc = docs[r.id];
        if (!parsed.phrases.every(function (p) { return hasPhrase(doc, p, g.lang); })) { return; }
        hits.push({ n: r.id, doc: doc, matched: new Set(r.terms) });
      });
    });
    hits.sort(function (a, b) { return a.n - b.n; });
    return hits;
  }

  // --- the list of hits --------------------------------------------------------------------

  var current = { query: '', hits: [], shown: SHOWN };
  var markTemplate = template.content.querySelector('mark');

  function snippet(into, text, matched, lang, width) {
    var tokens = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text))) { tokens.push([m.index, m.index + m[0].length, isHit(m[0], matched, lang)]); }
    var first = -1;
    for (var i = 0; i < tokens.length; i++) { if (tokens[i][2]) { first = i; break; } }
    var start = 0;
    var end = text.length;
    if (text.length > width) {
      var at = first >= 0 ? tokens[first][0] : 0;
      start = Math.max(0, at - Math.floor(width / 3));
      end = Math.min(text.length, start + width);
      var space = text.indexOf(' ', start);
      if (start > 0 && space >= 0 && space < at) { start = space + 1; }
      space = text.lastIndexOf(' ', end);
      if (end < text.length && space > at) { end = space; }
    }
    if (start > 0) { into.append('… '); }
    var pos = start;
    tokens.forEach(function (t) {
      if (!t[2] || t[0] < start || t[1] > end) { return; }
      into.append(text.slice(pos, t[0]));
      var mark = markTemplate.cloneNode(false);
      mark.textContent = text.slice(t[0], t[1]);
      into.appendChild(mark);
      pos = t[1];
    });
    into.append(text.slice(pos, end));
    if (end < text.length) { into.append(' …'); }
    return first >= 0;
  }

  function href(hit) {
    var q = site ? '?q=' + encodeURIComponent(current.query) : '';
    return hit.doc.edition.base + q + '#' + encodeURIComponent(hit.doc.id);
  }

  function item(hit) {
    var li = template.content.firstElementChild.cloneNode(true);
    var a = li.querySelector('a');
    a.href = href(hit);
    a.hitData = hit;
    var edition = a.querySelector('.search-hit-edition');
    if (site) { edition.textContent = hit.doc.edition.title; } else { edition.remove(); }
    var where = [hit.doc.edition.paths[hit.doc.path], hit.doc.label].filter(Boolean).join(' · ');
    a.querySelector('.search-hit-where').textContent = where;
    var snip = a.querySelector('.search-hit-snippet');
    snip.textContent = '';
    var lang = hit.doc.group.lang;
    var found = snippet(snip, hit.doc.text, hit.matched, lang, 240);
    if (!found && hit.doc.alt) {
      snip.append(' [' + form.getAttribute('data-source-reading') + ': ');
      snippet(snip, hit.doc.alt, hit.matched, lang, 120);
      snip.append(']');
    }
    return li;
  }

  function count(n) {
    if (!n) { return form.getAttribute('data-none'); }
    var lang = document.documentElement.lang || 'en';
    var rule = 'other';
    try { rule = new Intl.PluralRules(lang).select(n); } catch (e) { rule = n === 1 ? 'one' : 'other'; }
    return form.getAttribute(rule === 'one' ? 'data-one' : 'data-other').replace('{n}', n.toLocaleString(lang));
  }

  function render() {
    Array.prototype.slice.call(list.children).forEach(function (c) { if (c !== template) { c.remove(); } });
    var hits = current.hits;
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < Math.min(hits.length, current.shown); i++) { fragment.appendChild(item(hits[i])); }
    list.appendChild(fragment);
    list.hidden = !hits.length;
    var said = current.query ? count(hits.length) : '';
    if (!complete && current.query) { said = (hits.length ? said + ' ' : '') + form.getAttribute('data-loading'); }
    if (status.textContent !== said) { status.textContent = said; }
    more.hidden = hits.length <= current.shown;
    more.textContent = form.getAttribute('data-more').replace('{n}', hits.length.toLocaleString());
  }

  function refresh() {
    current.hits = current.query ? search(current.query) : [];
    render();
    if (complete && pending) { var p = pending; pending = null; p(); }
  }

  var timer = null;
  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q === current.query) { return; }
      current.query = q;
      current.shown = SHOWN;
      if (q) { load(); }
      refresh();
    }, delay);
  }

  // --- where a hit leads: highlight its words there ----------------------------------------

  function highlight(target, hit) {
    if (!target || !hit || !window.CSS || !CSS.highlights || typeof window.Highlight !== 'function') { return; }
    var ranges = [];
    var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      var node = walker.currentNode;
      var m;
      WORD.lastIndex = 0;
      while ((m = WORD.exec(node.data))) {
        if (isHit(m[0], hit.matched, hit.doc.group.lang)) {
          var r = document.createRange();
          r.setStart(node, m.index);
          r.setEnd(node, m.index + m[0].length);
          ranges.push(r);
        }
      }
    }
    var h = new window.Highlight();
    ranges.forEach(function (r) { h.add(r); });
    CSS.highlights.set('editio-search', h);
  }

  function arrive(hit) {
    var target = document.getElementById(hit.doc.id);
    if (!target) { return; }
    highlight(target, hit);
    // the reader (and a screen reader) goes on from the hit, not from the search field
    if (!target.hasAttribute('tabindex')) { target.setAttribute('tabindex', '-1'); }
    target.focus({ preventScroll: true });
  }

  list.addEventListener('click', function (e) {
    var a = e.target.closest ? e.target.closest('a.search-hit-link') : null;
    if (!a || !a.hitData || site) { return; }
    var hit = a.hitData;
    window.setTimeout(function () { arrive(hit); }, 0);
  });

  // --- keyboard ----------------------------------------------------------------------------

  function links() { return Array.prototype.slice.call(list.querySelectorAll('a.search-hit-link')); }

  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      var first = links()[0];
      if (first) { e.preventDefault(); first.focus(); }
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      input.value = '';
      schedule(0);
    }
  });
  list.addEventListener('keydown', function (e) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (i < 0) { return; }
    if (e.key === 'ArrowDown' && i < all.length - 1) { e.preventDefault(); all[i + 1].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); (i > 0 ? all[i - 1] : input).focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); input.focus(); }
  });
  more.addEventListener('click', function () {
    var next = links().length;
    current.shown = current.hits.length;
    render();
    var all = links();
    if (all[next]) { all[next].focus(); }
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); schedule(0); });
  input.addEventListener('input', function () { schedule(100); });   // a pause in typing, not every key
  input.addEventListener('focus', function () { load(); });

  // --- arriving from the catalogue: NAME/index.html?q=words#id ------------------------------

  var pending = null;
  var asked = null;
  try { asked = new URLSearchParams(window.location.search).get('q'); } catch (e) { asked = null; }
  form.hidden = false;
  if (asked) {
    input.value = asked;
    var id = decodeURIComponent(window.location.hash.slice(1));
    pending = function () {
      for (var i = 0; i < current.hits.length; i++) {
        if (current.hits[i].doc.id === id) { highlight(document.getElementById(id), current.hits[i]); break; }
      }
    };
    schedule(0);
  }
}());
