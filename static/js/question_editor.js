/* The question editor's rows (choices, pairs, items, accepted answers, rubric criteria).
 *
 * The page works without this file: "Add …" buttons post the form and get it back a row longer,
 * each row has a "Position" number and a "Remove this row" box that apply on saving. With it, rows
 * are added in place from the formset's empty-row <template>, and each row gets Move up / Move
 * down / Remove buttons that keep the Position numbers and the Remove box in step, so the server
 * reads exactly what it would without JavaScript. After each change the form gets a
 * "rows-changed" event (the live preview listens for it). No inline handlers (CSP).
 */
(function () {
  "use strict";

  function rowsOf(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll("ol[data-rows] > li.editor-row"));
  }

  // Positions follow the visible order: 1, 2, 3… for the rows still kept.
  function renumber(fieldset) {
    var n = 0;
    rowsOf(fieldset).forEach(function (li) {
      var order = li.querySelector('input[name$="-ORDER"]');
      if (order && !li.hidden) { n += 1; order.value = String(n); }
    });
  }

  function changed(fieldset, message) {
    renumber(fieldset);
    var status = document.getElementById("editor-status");
    if (status && message) { status.textContent = message; }
    var form = fieldset.closest("form");
    if (form) { form.dispatchEvent(new Event("rows-changed", { bubbles: true })); }
  }

  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll(".editor-row .js-tools"), function (tools) { tools.hidden = false; });
    Array.prototype.forEach.call(root.querySelectorAll(".editor-row .no-js-tools"), function (tools) { tools.hidden = true; });
  }

  document.addEventListener("click", function (event) {
    var add = event.target.closest("button[data-add-row]");
    if (add) {
      event.preventDefault();
      var fieldset = add.closest("fieldset[data-formset]");
      var prefix = fieldset.dataset.formset;
      var total = fieldset.querySelector('input[name="' + prefix + '-TOTAL_FORMS"]');
      var template = fieldset.querySelector("template[data-empty-row]");
      var index = parseInt(total.value, 10);
      // A copy of the empty row's elements (never HTML strings), numbered like the server would.
      var li = template.content.firstElementChild.cloneNode(true);
      Array.prototype.forEach.call(li.querySelectorAll("*"), function (el) {
        Array.prototype.forEach.call(el.attributes, function (attr) {
          if (attr.value.indexOf("__prefix__") !== -1) {
            el.setAttribute(attr.name, attr.value.split("__prefix__").join(String(index)));
          }
        });
      });
      fieldset.querySelector("ol[data-rows]").appendChild(li);
      total.value = String(index + 1);
      enhance(li);
      var first = li.querySelector("input:not([type=hidden]), textarea");
      if (first) { first.focus(); }
      changed(fieldset, "Row added.");
      return;
    }
    var move = event.target.closest("button[data-row-move]");
    if (move) {
      event.preventDefault();
      var row = move.closest("li.editor-row");
      var list = row.parentElement;
      var sibling = move.dataset.rowMove === "up" ? row.previousElementSibling : row.nextElementSibling;
      while (sibling && sibling.hidden) {
        sibling = move.dataset.rowMove === "up" ? sibling.previousElementSibling : sibling.nextElementSibling;
      }
      if (!sibling) { return; }
      if (move.dataset.rowMove === "up") { list.insertBefore(row, sibling); } else { list.insertBefore(sibling, row); }
      move.focus();
      changed(row.closest("fieldset[data-formset]"), "Row moved " + move.dataset.rowMove + ".");
      return;
    }
    var remove = event.target.closest("button[data-row-remove]");
    if (remove) {
      event.preventDefault();
      var gone = remove.closest("li.editor-row");
      var fs = gone.closest("fieldset[data-formset]");
      var box = gone.querySelector('input[name$="-DELETE"]');
      if (box) { box.checked = true; }
      gone.hidden = true;
      var next = fs.querySelector("button[data-add-row]");
      if (next) { next.focus(); }
      changed(fs, "Row removed; it goes when you save.");
    }
  });

  enhance(document);
})();
