// Copy buttons for a class's join code and link. Without JavaScript the buttons stay hidden
// and the code and link are plain text to select; this only adds the shortcut.
(function () {
  "use strict";

  function reveal(root) {
    if (!navigator.clipboard) return;
    root.querySelectorAll("button.copy[hidden]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.copy");
    if (!button) return;
    var source = document.getElementById(button.dataset.copy);
    if (!source) return;
    var text = "value" in source ? source.value : source.textContent.trim();
    var status = document.getElementById("join-status");
    navigator.clipboard.writeText(text).then(
      function () {
        if (status) status.textContent = "Copied: " + text;
        button.textContent = "Copied ✓";
      },
      function () {
        if (status) status.textContent = "Could not copy; select the text and copy it yourself.";
      }
    );
  });

  document.addEventListener("DOMContentLoaded", function () { reveal(document); });
  // A new code arrives by htmx: its buttons need revealing too.
  document.addEventListener("htmx:afterSettle", function (event) { reveal(event.target); });
})();
