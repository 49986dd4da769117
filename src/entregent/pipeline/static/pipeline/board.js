// The pipeline board: drag a card to another column (HTML5 drag and drop), or use its
// "Move to" form. Both POST to the move endpoint and swap in the board it answers; the
// outcome is read out by the live region. Without this script the form still works.
(function () {
  "use strict";
  var board = document.getElementById("board");
  var status = document.getElementById("board-status");
  if (!board) return;

  function csrf() {
    var input = board.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(url, stage, position, focusId) {
    var body = new FormData();
    body.append("stage", stage);
    if (position !== null) body.append("position", String(position));
    body.append("csrfmiddlewaretoken", csrf());
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "X-CSRFToken": csrf() },
    }).then(function (response) {
      return response.text().then(function (html) {
        board.innerHTML = html;
        var inner = board.querySelector("[data-announce]");
        if (status && inner) status.textContent = inner.getAttribute("data-announce");
        if (focusId) {
          var target = document.getElementById(focusId);
          if (target) target.focus();
        }
      });
    });
  }

  board.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("opp-move")) return;
    event.preventDefault();
    var select = form.querySelector("select[name=stage]");
    send(form.action, select.value, null, select.id);
  });

  var dragged = null;
  board.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".opp-card");
    if (!card) return;
    dragged = card;
    card.classList.add("opp-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.getAttribute("data-id"));
  });
  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("opp-dragging");
    dragged = null;
    board.querySelectorAll(".opp-drop-target").forEach(function (el) {
      el.classList.remove("opp-drop-target");
    });
  });
  board.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest(".opp-column");
    if (!column || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    board.querySelectorAll(".opp-drop-target").forEach(function (el) {
      if (el !== column) el.classList.remove("opp-drop-target");
    });
    column.classList.add("opp-drop-target");
  });
  board.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".opp-column");
    if (!column || !dragged) return;
    event.preventDefault();
    // The place in the column: before the first card whose middle is below the pointer.
    var cards = Array.prototype.filter.call(column.querySelectorAll(".opp-card"), function (c) {
      return c !== dragged;
    });
    var position = cards.length;
    for (var i = 0; i < cards.length; i++) {
      var box = cards[i].getBoundingClientRect();
      if (event.clientY < box.top + box.height / 2) { position = i; break; }
    }
    var url = dragged.getAttribute("data-move-url");
    var id = dragged.getAttribute("data-id");
    send(url, column.getAttribute("data-stage"), position, "move-" + id);
  });
})();
