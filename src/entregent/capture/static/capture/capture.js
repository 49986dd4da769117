// "c" puts the cursor in the quick-capture box, unless the user is typing somewhere.
"use strict";

document.addEventListener("keydown", function (event) {
  if (event.key !== "c" || event.ctrlKey || event.metaKey || event.altKey) return;
  var target = event.target;
  if (target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
  var box = document.getElementById("capture-text");
  if (!box) return;
  event.preventDefault();
  box.focus();
});
