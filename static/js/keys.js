/* Keyboard shortcuts for quizzes and flashcards, and focus after htmx swaps.
 *
 * An element opts in with data-key="1 a" (keys, space-separated, lower case; "enter" and
 * "space" by name). data-key-action="focus" only moves focus to it (a quiz choice: Enter
 * then submits it, as Enter on any focused button does); otherwise the key clicks it.
 * Nothing here is needed to use the pages: every action is a plain link or form.
 */
(function () {
  "use strict";

  function typing(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || el.isContentEditable;
  }

  function interactive(el) {
    if (!el || !el.tagName) return false;
    var tag = el.tagName.toLowerCase();
    return tag === "a" || tag === "button" || tag === "summary" || typing(el);
  }

  function keyName(event) {
    if (event.key === "Enter") return "enter";
    if (event.key === " " || event.key === "Spacebar") return "space";
    return event.key.length === 1 ? event.key.toLowerCase() : "";
  }

  function target(name) {
    var all = document.querySelectorAll("[data-key]");
    for (var i = 0; i < all.length; i++) {
      var keys = all[i].getAttribute("data-key").split(" ");
      if (keys.indexOf(name) !== -1 && !all[i].disabled && all[i].offsetParent !== null) {
        return all[i];
      }
    }
    return null;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    // While typing (the fill-in field, a comment) keys are letters; Enter submits natively.
    if (typing(event.target)) return;
    var name = keyName(event);
    if (!name) return;
    // Enter and Space on a focused link or button already activate it.
    if ((name === "enter" || name === "space") && interactive(event.target)) return;
    var el = target(name);
    if (!el) return;
    event.preventDefault();
    if (el.getAttribute("data-key-action") === "focus") {
      el.focus();
    } else {
      el.click();
    }
  });

  // After a swap, focus what's new: its [autofocus] element, else its first heading.
  document.addEventListener("htmx:afterSettle", function (event) {
    // With outerHTML the element htmx reports may be the one just replaced: look it up again.
    var root = event.detail.elt;
    if (!root || !root.isConnected) {
      var id = event.detail.target && event.detail.target.id;
      root = id ? document.getElementById(id) : null;
    }
    if (!root || !root.querySelector) return;
    var el = root.matches("[autofocus]") ? root : root.querySelector("[autofocus]");
    if (!el) {
      el = root.querySelector("h1, h2, legend, input, button");
      if (el && !interactive(el)) el.setAttribute("tabindex", "-1");
    }
    if (el && document.activeElement !== el) el.focus();
  });

  // A refused answer (400) or a conflict (409) comes back as a message to show in place.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if (status === 400 || status === 409) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
