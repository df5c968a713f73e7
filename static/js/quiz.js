/* Strategikon: the quiz-taking page.
 *
 * htmx does the saving: every question is a <form hx-post hx-trigger="change, submit, quiz:save">.
 * This file adds what htmx does not know about:
 *
 * 1. typing: text inputs save 800 ms after the last key press (by firing "quiz:save");
 * 2. the autosave indicator ("Saved 3 s ago") and the answered/unanswered navigation panel;
 * 3. failure handling: when a save fails for lack of a connection, a banner says so, the form
 *    is remembered as unsaved and is sent again every 5 s and as soon as the browser is back
 *    online. The answer stays in the page meanwhile, so nothing is lost. A refusal by the
 *    server (time over, attempt submitted) is not retried: its reason is shown instead;
 * 4. the countdown to the server's deadline (corrected for the client clock's offset);
 * 5. the submit confirmation dialog listing unanswered questions.
 *
 * Without this file the page still works: forms save on change (htmx) and "Submit…" leads to a
 * server-rendered confirmation page.
 */
(function () {
  "use strict";

  var quiz = document.getElementById("quiz");
  if (!quiz) { return; }

  var banner = document.getElementById("offline-banner");
  var statusLine = document.getElementById("autosave-status");
  var announcer = document.getElementById("save-announcer");
  var unsaved = new Set();      // forms whose latest answer has not reached the server yet
  var lastSavedAt = null;       // Date of the last successful save
  var RETRY_MS = 5000;

  var typingTimers = new WeakMap();

  function fire(form) {
    // htmx listens for this custom event (see hx-trigger); it serialises the form and posts it.
    clearTimeout(typingTimers.get(form));
    window.htmx.trigger(form, "quiz:save");
  }

  // 1. Debounced saving while typing.
  quiz.addEventListener("input", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "text") { return; }
    var form = input.closest("form.question");
    if (!form) { return; }
    unsaved.add(form);
    clearTimeout(typingTimers.get(form));
    typingTimers.set(form, setTimeout(function () { fire(form); }, 800));
  });
  // Enter in a text answer saves instead of submitting a form the browser would navigate with.
  quiz.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement && event.target.type === "text") {
      var form = event.target.closest("form.question");
      if (form) { event.preventDefault(); fire(form); }
    }
  });

  // 2. Indicator and navigation panel.
  function setNav(form, answered) {
    var link = document.querySelector('[data-nav="' + form.dataset.position + '"]');
    if (!link) { return; }
    link.classList.toggle("answered", answered);
    link.classList.toggle("unanswered", !answered);
    link.setAttribute("aria-label", "Question " + form.dataset.position + ", " + (answered ? "answered" : "not answered"));
  }

  function setState(form, text, failed) {
    var line = form.querySelector("[data-save-state]");
    if (!line) { return; }
    line.textContent = text;
    line.classList.toggle("failed", !!failed);
  }

  function secondsAgo(date) {
    var s = Math.max(0, Math.round((Date.now() - date.getTime()) / 1000));
    if (s < 60) { return s + " s ago"; }
    return Math.floor(s / 60) + " min ago";
  }

  function refreshStatus() {
    if (unsaved.size > 0 && !banner.hidden) {
      statusLine.textContent = unsaved.size + " answer" + (unsaved.size > 1 ? "s" : "") + " waiting to be saved…";
      statusLine.classList.add("failed");
    } else if (lastSavedAt) {
      statusLine.textContent = "All answers saved · last saved " + secondsAgo(lastSavedAt);
      statusLine.classList.remove("failed");
    }
  }
  setInterval(refreshStatus, 1000);

  // 3. Saving lifecycle through htmx's events.
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form.question")) { return; }
    unsaved.add(form);
    setState(form, "Saving…", false);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form.question")) { return; }
    var xhr = event.detail.xhr;
    if (event.detail.successful && xhr.status !== 204) {
      // A 2xx that is not our 204 means a redirect was followed, i.e. the session ended and
      // this is the login page: the answer did NOT reach the attempt. Keep it and say so.
      markUnsaved(form, "Not saved: you have been signed out. Log in again in another tab; this answer is kept and retried.",
        "You have been signed out, so answers cannot be saved. Log in again in another tab: answers kept here are saved automatically afterwards.");
      return;
    }
    if (event.detail.successful) {
      unsaved.delete(form);
      lastSavedAt = new Date();
      if (form.querySelector("ol.reorder")) { form.dataset.orderSaved = "1"; }
      var answered = xhr.getResponseHeader("X-Answered") === "1";
      setNav(form, answered);
      setState(form, answered ? "Saved" : "Answer cleared", false);
      announcer.textContent = "Answer to question " + form.dataset.position + " saved.";
      if (unsaved.size === 0) { banner.hidden = true; }
      refreshStatus();
      return;
    }
    if (xhr && xhr.status >= 400) {
      // The server refused this answer: retrying would not help, so say why. Our refusals
      // are plain text written for students; anything else (an HTML error page) is not shown.
      var plain = (xhr.getResponseHeader("Content-Type") || "").indexOf("text/plain") === 0;
      var reason = plain && xhr.responseText ? xhr.responseText : "This answer was not saved (error " + xhr.status + "). Reload the page and try again.";
      unsaved.delete(form);
      setState(form, reason, true);
      announcer.textContent = "Question " + form.dataset.position + ": " + reason;
      if (xhr.getResponseHeader("X-Attempt-Closed") === "1") {
        window.location.assign(quiz.dataset.resultUrl);
      }
      return;
    }
    // No response at all: the network is down. Keep the answer and try again.
    markUnsaved(form, "Not saved yet: will retry when the connection returns", OFFLINE_TEXT);
  });

  var bannerText = document.getElementById("offline-text");
  var OFFLINE_TEXT = bannerText.textContent;

  function markUnsaved(form, stateText, warning) {
    unsaved.add(form);
    setState(form, stateText, true);
    bannerText.textContent = warning;
    banner.hidden = false;
    refreshStatus();
  }

  function retryAll() {
    unsaved.forEach(function (form) { fire(form); });
  }
  setInterval(function () { if (unsaved.size > 0 && !banner.hidden) { retryAll(); } }, RETRY_MS);
  window.addEventListener("online", retryAll);
  document.getElementById("retry-now").addEventListener("click", retryAll);

  // Leaving the page with an unsaved answer would lose it: ask first.
  window.addEventListener("beforeunload", function (event) {
    if (unsaved.size > 0) { event.preventDefault(); event.returnValue = ""; }
  });

  // 4. Countdown to the server's deadline.
  var countdown = document.getElementById("countdown");
  if (countdown) {
    var deadline = Date.parse(countdown.dataset.deadline);
    // Offset between the server's clock (when the page was made) and this browser's.
    var skew = Date.parse(countdown.dataset.serverNow) - Date.now();
    var announce = document.getElementById("countdown-announce");
    var announced = {};
    var tick = function () {
      var left = Math.max(0, Math.floor((deadline - (Date.now() + skew)) / 1000));
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      countdown.textContent = (h ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
      countdown.classList.toggle("low", left <= 60);
      [300, 60].forEach(function (mark) {
        if (left <= mark && left > 0 && !announced[mark]) {
          announced[mark] = true;
          announce.textContent = (mark / 60) + " minute" + (mark > 60 ? "s" : "") + " left.";
        }
      });
      if (left === 0) {
        clearInterval(timer);
        announce.textContent = "Time is up. Your saved answers are being submitted.";
        // The server submits the saved answers at the deadline; show the result page.
        setTimeout(function () { window.location.assign(quiz.dataset.resultUrl); }, 1500);
      }
    };
    var timer = setInterval(tick, 1000);
    tick();
  }

  // 5. Submit confirmation listing unanswered questions.
  var dialog = document.getElementById("submit-dialog");
  function openSubmitDialog(event) {
    if (!dialog || typeof dialog.showModal !== "function") { return; }  // fall back to the server page
    event.preventDefault();
    retryAll();
    var unanswered = [];
    document.querySelectorAll("[data-nav]").forEach(function (link) {
      if (link.classList.contains("unanswered")) { unanswered.push(link); }
    });
    var body = document.getElementById("submit-dialog-body");
    var list = document.getElementById("submit-dialog-list");
    list.textContent = "";
    if (unsaved.size > 0 && !banner.hidden) {
      body.textContent = "Some answers are not saved yet (no connection). Wait until the warning disappears before submitting.";
    } else if (unanswered.length) {
      body.textContent = "You have not answered " + unanswered.length + " question" + (unanswered.length > 1 ? "s" : "") + ":";
      unanswered.forEach(function (link) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = link.getAttribute("href");
        a.textContent = "Question " + link.dataset.nav;
        a.addEventListener("click", function () { dialog.close(); });
        li.appendChild(a);
        list.appendChild(li);
      });
    } else {
      body.textContent = "You have answered every question. Once submitted, answers can no longer be changed.";
    }
    dialog.showModal();
    document.getElementById("confirm-submit").focus();
  }
  document.querySelectorAll("[data-submit-dialog], #submit-link").forEach(function (el) {
    el.addEventListener("click", openSubmitDialog);
  });
  if (dialog) {
    document.getElementById("cancel-submit").addEventListener("click", function () { dialog.close(); });
    dialog.querySelector("form").addEventListener("submit", function () { unsaved.clear(); });
  }
})();
