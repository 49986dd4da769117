// Entregent's own small script. Every page works without it; it only adds shortcuts.
"use strict";

(function () {
  function isTyping(target) {
    if (!(target instanceof HTMLElement)) return false;
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  // "/" jumps to the global search box, unless the user is typing somewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    var box = document.getElementById("global-search");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.select();
  });

  // Escape closes the narrow-screen menu and gives focus back to its toggle.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var toggle = document.getElementById("nav-toggle");
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.focus();
    }
  });
})();
