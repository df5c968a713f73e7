/* Strategikon: small progressive enhancements shared by every page.
 *
 * - form[data-confirm]: ask before submitting (retire a question, publish...).
 * - ol.reorder: reorder items with the Move up / Move down buttons (keyboard) or by dragging
 *   (mouse/touch-pad). After each move the hidden inputs follow the new order, the list's form
 *   gets a "change" event (htmx autosave listens for it) and a live region announces the move.
 * - .table-wrap: a table wider than the screen scrolls inside its wrapper; such a wrapper gets
 *   tabindex="0" and a name, so keyboard users can scroll it too (WCAG 2.1.1).
 * - select[data-topic-for]: the quiz editor's topic select offers only the topics of the bank
 *   chosen in its row (without this file it lists every bank's topics, grouped by bank).
 *
 * Every page works without this file; it only makes things quicker. No inline handlers: the
 * Content-Security-Policy forbids them, so behaviour is attached here by data attributes.
 */
(function () {
  "use strict";

  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) { return caption.textContent.trim(); }
    var el = wrap.previousElementSibling;
    while (el && !/^H[1-6]$/.test(el.tagName)) { el = el.previousElementSibling; }
    var heading = el || (wrap.closest("section") && wrap.closest("section").querySelector("h1, h2, h3"));
    return heading ? heading.textContent.trim() : "Table";
  }
  function tablesScrollable() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", tableName(wrap) + " (scrolls sideways)");
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  var watcher = typeof ResizeObserver === "function" ? new ResizeObserver(tablesScrollable) : null;
  function watchTables() {
    tablesScrollable();
    if (watcher) { document.querySelectorAll(".table-wrap").forEach(function (wrap) { watcher.observe(wrap); }); }
  }
  watchTables();
  if (!watcher) { window.addEventListener("resize", tablesScrollable); }
  document.addEventListener("htmx:afterSettle", watchTables);  // tables swapped in later

  function topicsFollow(bankSelect) {
    document.querySelectorAll('select[data-topic-for="' + bankSelect.id + '"]').forEach(function (topic) {
      topic.querySelectorAll("optgroup").forEach(function (group) {
        var mine = group.dataset.bank === bankSelect.value;
        group.hidden = !mine;
        group.disabled = !mine;
      });
      var chosen = topic.options[topic.selectedIndex];
      if (chosen && chosen.parentElement.disabled) { topic.value = ""; }
    });
  }
  document.querySelectorAll("select[data-topic-for]").forEach(function (topic) {
    var bank = document.getElementById(topic.dataset.topicFor);
    if (bank) { topicsFollow(bank); }
  });
  document.addEventListener("change", function (event) {
    if (event.target instanceof HTMLSelectElement && document.querySelector('select[data-topic-for="' + event.target.id + '"]')) {
      topicsFollow(event.target);
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });

  function announce(list, text) {
    var region = document.getElementById(list.dataset.announce || "");
    if (region) { region.textContent = text; }
  }

  function itemLabel(li) {
    var t = li.querySelector(".item-text");
    return (t ? t.textContent : li.textContent).trim();
  }

  // After a move: renumber the visible positions and tell the form something changed.
  function afterMove(list, li) {
    var items = Array.prototype.slice.call(list.children);
    items.forEach(function (item, i) {
      var pos = item.querySelector(".position");
      if (pos) { pos.textContent = String(i + 1); }
    });
    announce(list, itemLabel(li) + " moved to position " + (items.indexOf(li) + 1) + " of " + items.length + ".");
    var form = list.closest("form");
    if (form) { form.dispatchEvent(new Event("change", { bubbles: true })); }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("ol.reorder button[data-move]");
    if (!button) { return; }
    event.preventDefault();
    var li = button.closest("li");
    var list = li.parentElement;
    if (button.dataset.move === "up" && li.previousElementSibling) {
      list.insertBefore(li, li.previousElementSibling);
    } else if (button.dataset.move === "down" && li.nextElementSibling) {
      list.insertBefore(li.nextElementSibling, li);
    } else {
      return;
    }
    button.focus();  // keep the keyboard user on the same control so they can press again
    afterMove(list, li);
  });

  // Drag and drop: HTML5 drag events on the list items.
  var dragged = null;
  document.addEventListener("dragstart", function (event) {
    var li = event.target.closest && event.target.closest("ol.reorder > li");
    if (!li) { return; }
    dragged = li;
    li.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", itemLabel(li));
  });
  document.addEventListener("dragover", function (event) {
    if (!dragged) { return; }
    var li = event.target.closest && event.target.closest("ol.reorder > li");
    if (!li || li === dragged || li.parentElement !== dragged.parentElement) { return; }
    event.preventDefault();
    li.parentElement.querySelectorAll(".drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
    li.classList.add("drop-target");
  });
  document.addEventListener("drop", function (event) {
    if (!dragged) { return; }
    var li = event.target.closest && event.target.closest("ol.reorder > li");
    if (!li || li === dragged || li.parentElement !== dragged.parentElement) { return; }
    event.preventDefault();
    var list = li.parentElement;
    var items = Array.prototype.slice.call(list.children);
    // Dropping on an item below puts the dragged item after it; above puts it before.
    if (items.indexOf(dragged) < items.indexOf(li)) { list.insertBefore(dragged, li.nextElementSibling); }
    else { list.insertBefore(dragged, li); }
    afterMove(list, dragged);
  });
  document.addEventListener("dragend", function () {
    if (!dragged) { return; }
    dragged.classList.remove("dragging");
    document.querySelectorAll("ol.reorder .drop-target").forEach(function (el) { el.classList.remove("drop-target"); });
    dragged = null;
  });
})();
