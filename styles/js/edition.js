// editio web edition: the view switches (reading/diplomatic, facsimile), the contents
// menu of narrow screens, and "cite this passage".
// The page is complete without this script (it shows the corrected reading, the contents
// at the top, the permalinks); the script only adds what needs it and remembers the
// reader's views on this device.
(function () {
  'use strict';
  var root = document.documentElement;

  function remember(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* storage may be disabled */ }
  }
  function recall(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  // --- view switches ------------------------------------------------------------------------

  var bar = document.getElementById('toolbar');
  // [button id, class on <html> when pressed, storage key, stored value when pressed, when not]
  var VIEWS = [
    ['diplomatic-toggle', 'diplomatic', 'editio-view', 'diplomatic', 'reading'],
    ['facsimile-toggle', 'facsimile', 'editio-facsimile', 'shown', 'hidden'],
  ];
  VIEWS.forEach(function (v) {
    var button = document.getElementById(v[0]);
    if (!button || !bar) { return; }
    function show(on) {
      root.classList.toggle(v[1], on);
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
    show(recall(v[2]) === v[3]);
    // A <button> is activated by Enter and Space already: one click handler serves all.
    button.addEventListener('click', function () {
      var on = button.getAttribute('aria-pressed') !== 'true';
      show(on);
      remember(v[2], on ? v[3] : v[4]);
    });
  });
  if (bar) { bar.hidden = false; }

  // The reader goes on from where a link led (and a screen reader with them).
  function arrive(target) {
    if (!target) { return; }
    if (!target.hasAttribute('tabindex')) { target.setAttribute('tabindex', '-1'); }
    target.focus({ preventScroll: true });
  }

  // --- the contents as a menu, where there is no room for them beside the text --------------

  (function () {
    var toc = document.querySelector('nav.toc');
    var button = toc && toc.querySelector('.toc-button');
    if (!button) { return; }
    // the same width as the stylesheet's sidebar (styles/constructs/structure/screen.css)
    var wide = window.matchMedia('(min-width: 78rem)');
    var lockedOut = [];

    function isOpen() { return button.getAttribute('aria-expanded') === 'true'; }
    function open() {
      button.setAttribute('aria-expanded', 'true');
      // the page under the menu is out of reach until it closes: a modal menu
      Array.prototype.forEach.call(document.body.children, function (el) {
        if (el !== toc && !el.inert) { el.inert = true; lockedOut.push(el); }
      });
      var first = toc.querySelector('ol a[href]');
      if (first) { first.focus(); }
    }
    function close(focusButton) {
      if (!isOpen()) { return; }
      button.setAttribute('aria-expanded', 'false');
      lockedOut.forEach(function (el) { el.inert = false; });
      lockedOut = [];
      if (focusButton) { button.focus(); }
    }

    button.setAttribute('aria-expanded', 'false');
    button.hidden = false;
    button.addEventListener('click', function () {
      if (isOpen()) { close(true); } else { open(); }
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && isOpen()) { e.preventDefault(); close(true); }
    });
    // Following a link closes the menu first, so the browser scrolls to its target.
    toc.addEventListener('click', function (e) {
      var a = e.target.closest ? e.target.closest('a[href^="#"]') : null;
      if (!a || !isOpen()) { return; }
      close(false);
      var target = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
      window.setTimeout(function () { arrive(target); }, 0);
    });
    var onWidth = function () { if (wide.matches) { close(false); } };
    if (wide.addEventListener) { wide.addEventListener('change', onWidth); } else if (wide.addListener) { wide.addListener(onWidth); }
  }());

  // --- cite this passage ---------------------------------------------------------------------

  (function () {
    var panel = document.getElementById('cite-panel');
    var template = document.getElementById('cite-template');
    if (!panel || !template || !template.content) { return; }
    var text = document.getElementById('cite-text');
    var status = document.getElementById('cite-status');
    var closeButton = document.getElementById('cite-close');
    var from = null;

    // The address of a passage: under the edition's public URL when it has one, else
    // where this page is read from.
    function address(id) {
      var base = panel.getAttribute('data-base');
      if (base) { return base.split('#')[0] + '#' + encodeURIComponent(id); }
      return window.location.href.split('#')[0] + '#' + encodeURIComponent(id);
    }
    function passage(link) {
      var unit = link.parentNode;
      var label = link.getAttribute('data-label');
      return unit.classList.contains('l') ? panel.getAttribute('data-line') + '\u00a0' + label : label;
    }
    function citation(link) {
      var parts = [panel.getAttribute('data-citation'), passage(link), address(link.parentNode.id)];
      return parts.filter(function (p) { return p; }).join(', ') + '.';
    }
    function selectText() {
      var range = document.createRange();
      range.selectNodeContents(text);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    function show(link, button) {
      from = button;
      text.textContent = citation(link);
      status.textContent = '';
      panel.hidden = false;
      text.focus();
      selectText();
      var done = function () { status.textContent = panel.getAttribute('data-copied'); };
      var failed = function () { selectText(); status.textContent = panel.getAttribute('data-select'); };
      try {
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text.textContent).then(done, failed);
        } else {
          failed();
        }
      } catch (e) { failed(); }
    }
    function hide() {
      if (panel.hidden) { return; }
      panel.hidden = true;
      if (from) { from.focus(); }
    }

    var name = panel.getAttribute('data-name');
    Array.prototype.forEach.call(document.querySelectorAll('main a.permalink'), function (link) {
      if (!link.parentNode.id) { return; }
      var button = template.content.firstElementChild.cloneNode(true);
      // "Cite this passage: Paragraph 12" (the visible "Cite" begins it, in every language)
      var unit = link.parentNode;
      var which = unit.getAttribute('data-para') ? panel.getAttribute('data-paragraph') + ' ' + unit.getAttribute('data-para')
        : panel.getAttribute('data-line-name') + ' ' + link.getAttribute('data-label');
      button.setAttribute('aria-label', name + ': ' + which);
      button.addEventListener('click', function () { show(link, button); });
      link.parentNode.insertBefore(button, link.nextSibling);
    });
    closeButton.addEventListener('click', hide);
    panel.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { e.preventDefault(); hide(); }
    });
  }());
}());
