// editio web edition: the reading/diplomatic switch.
// The page is complete without this script (it shows the corrected reading); the
// script only reveals the switch and remembers the reader's choice on this device.
(function () {
  'use strict';
  var KEY = 'editio-view';
  var root = document.documentElement;
  var button = document.getElementById('diplomatic-toggle');
  var bar = document.getElementById('toolbar');
  if (!button || !bar) { return; }

  function remember(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* storage may be disabled */ }
  }
  function recall() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function show(diplomatic) {
    root.classList.toggle('diplomatic', diplomatic);
    button.setAttribute('aria-pressed', diplomatic ? 'true' : 'false');
  }

  show(recall() === 'diplomatic');
  bar.hidden = false;
  // A <button> is activated by Enter and Space already: one click handler serves all.
  button.addEventListener('click', function () {
    var diplomatic = button.getAttribute('aria-pressed') !== 'true';
    show(diplomatic);
    remember(diplomatic ? 'diplomatic' : 'reading');
  });
}());
