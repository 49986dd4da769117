/* The draft page: Copy (clipboard API, with a selection fallback), a mailto: link and a
   word count that follow the text as it is edited. Nothing is sent from here. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var form = document.getElementById("draft-form");
    if (!form) return;
    var subject = form.querySelector("[name=subject]");
    var body = form.querySelector("[name=body]");
    var copy = document.getElementById("draft-copy");
    var mailto = document.getElementById("draft-mailto");
    var words = document.getElementById("draft-words");
    var status = document.getElementById("draft-status");
    var to = form.getAttribute("data-to") || "";

    function crlf(text) { return text.replace(/\r?\n/g, "\r\n"); }
    function count(text) {
      return text.split(/\s+/).filter(function (w) { return /[0-9A-Za-z\u00C0-\u024F]/.test(w); }).length;
    }
    function refresh() {
      mailto.href = "mailto:" + encodeURIComponent(to).replace("%40", "@") +
        "?subject=" + encodeURIComponent(subject.value) +
        "&body=" + encodeURIComponent(crlf(body.value));
      var template = words.getAttribute("data-template");
      if (template) words.textContent = template.replace("__COUNT__", String(count(body.value)));
    }
    function say(key) { status.textContent = status.getAttribute(key) || ""; }
    function fallback(text) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      say(ok ? "data-copied" : "data-failed");
      if (!ok) { body.focus(); body.select(); }
    }
    subject.addEventListener("input", refresh);
    body.addEventListener("input", refresh);
    copy.hidden = false;
    copy.addEventListener("click", function () {
      var text = body.value;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say("data-copied"); },
          function () { fallback(text); });
      } else {
        fallback(text);
      }
    });
  });
})();
