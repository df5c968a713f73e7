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
 * 5. the submit confirmation dialog listing unanswered and flagged questions, once the answers
 *    not yet saved, which opening it sends again, are answered;
 * 6. "Flag for later": the flag is saved on the server and shown in the navigation panel;
 * 7. an essay's attached file: its upload form leaves the page, so the essay's text typed since
 *    the last save is saved first.
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

  // An essay's word count, against its limit (the server refuses an answer over it).
  function countWords(area) {
    var out = document.getElementById(area.getAttribute("aria-describedby").split(" ").pop());
    var words = area.value.trim() ? area.value.trim().split(/\s+/).length : 0;
    var limit = parseInt(area.dataset.wordLimit || "0", 10);
    if (out) { out.textContent = words + (limit ? " of " + limit + " words" : " words") + (limit && words > limit ? ": over the limit, this answer cannot be saved until it is shortened." : "."); }
  }
  quiz.querySelectorAll("textarea[data-essay]").forEach(countWords);

  // 1. Debounced saving while typing (answers typed in a line or, for essays, in a text box).
  quiz.addEventListener("input", function (event) {
    var input = event.target;
    var essay = input instanceof HTMLTextAreaElement && input.hasAttribute("data-essay");
    if (!essay && (!(input instanceof HTMLInputElement) || input.type !== "text")) { return; }
    var form = input.closest("form.question");
    if (!form) { return; }
    if (essay) { countWords(input); }
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
    link.setAttribute("aria-label", navLabel(link, answered));
  }

  // A link (data-nav) and its question's form (data-position) meet by position; the student
  // reads the question's number (data-number), which skips the descriptions between questions.
  function numberOf(element) {
    return element.dataset.number || element.dataset.nav || element.dataset.position;
  }

  function navLabel(link, answered) {
    return "Question " + numberOf(link) + ", " + (answered ? "answered" : "not answered") +
      (link.classList.contains("flagged") ? ", flagged" : "");
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
  // What each form held when the server last took it, and what is on its way. Leaving a text
  // field that was saved while typing fires "change" and sends the same answer again; that
  // resend must not count as unsaved, or leaving the page asks "Leave site?" for nothing.
  var savedData = new WeakMap();
  var sendingData = new WeakMap();
  var inFlight = 0;             // answer saves sent and not yet answered (or failed)
  function formData(form) {
    return new URLSearchParams(new FormData(form)).toString();
  }
  function changedSinceSaved(form) {
    return !savedData.has(form) || savedData.get(form) !== formData(form);
  }

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form.question")) { return; }
    sendingData.set(form, formData(form));
    unsaved.add(form);
    inFlight += 1;
    setState(form, "Saving…", false);
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.matches || !form.matches("form.question")) { return; }
    inFlight = Math.max(0, inFlight - 1);
    // An open submit dialog shows what the saves it waits for came to. Deferred so that this
    // handler has recorded the outcome and htmx has sent the form's queued resend, if any.
    if (dialog && dialog.open) { setTimeout(fillSubmitDialog, 0); }
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
      savedData.set(form, sendingData.get(form));
      lastSavedAt = new Date();
      if (form.querySelector("ol.reorder")) { form.dataset.orderSaved = "1"; }
      var answered = xhr.getResponseHeader("X-Answered") === "1";
      setNav(form, answered);
      setState(form, answered ? "Saved" : "Answer cleared", false);
      announcer.textContent = "Answer to question " + numberOf(form) + " saved.";
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
      announcer.textContent = "Question " + numberOf(form) + ": " + reason;
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
    var pending = Array.from(unsaved).some(changedSinceSaved);
    if (pending) { event.preventDefault(); event.returnValue = ""; }
  });

  // 4. Countdown to the server's deadline. Screen readers hear the real time left when it
  // crosses a few marks (never a mark already behind the page's first tick, which is how a
  // 2-minute quiz came to announce "5 minutes left"); at 0:00 every input is refused at once,
  // the page says so, and the saved answers are submitted.
  var countdown = document.getElementById("countdown");
  function spoken(left) {
    var m = Math.floor(left / 60), s = left % 60, parts = [];
    if (m) { parts.push(m + " minute" + (m > 1 ? "s" : "")); }
    if (s || !m) { parts.push(s + " second" + (s !== 1 ? "s" : "")); }
    return parts.join(" ") + " left.";
  }
  function timeUp() {
    // Refuse input at once: the questions become inert (no typing, clicking or dragging) and
    // their controls disabled, before anything else happens.
    var questions = quiz.querySelector(".quiz-questions");
    if (questions) { questions.setAttribute("inert", ""); }
    quiz.querySelectorAll(".quiz-questions input, .quiz-questions select, .quiz-questions textarea, .quiz-questions button").forEach(function (el) { el.disabled = true; });
    quiz.classList.add("time-up");
    var notice = document.getElementById("time-up");
    notice.hidden = false;
    unsaved.clear();  // nothing more can be saved: no "Leave site?" on the way to the result
    var form = document.getElementById("submit-form");
    // A second to read the notice, then the server submits what was saved before the deadline.
    setTimeout(function () { if (form) { form.submit(); } else { window.location.assign(quiz.dataset.resultUrl); } }, 1000);
  }
  if (countdown) {
    var deadline = Date.parse(countdown.dataset.deadline);
    // Offset between the server's clock (when the page was made) and this browser's.
    var skew = Date.parse(countdown.dataset.serverNow) - Date.now();
    var announce = document.getElementById("countdown-announce");
    var MARKS = [600, 300, 120, 60, 30, 10];
    var lastLeft = null;
    var tick = function () {
      var left = Math.max(0, Math.ceil((deadline - (Date.now() + skew)) / 1000));
      var h = Math.floor(left / 3600), m = Math.floor((left % 3600) / 60), s = left % 60;
      countdown.textContent = (h ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + String(s).padStart(2, "0");
      countdown.setAttribute("aria-label", "Time left: " + spoken(left).replace(" left.", ""));
      countdown.classList.toggle("low", left <= 60);
      if (lastLeft !== null && left > 0) {
        MARKS.forEach(function (mark) {
          if (lastLeft > mark && left <= mark) { announce.textContent = spoken(left); }
        });
      }
      lastLeft = left;
      if (left === 0) {
        clearInterval(timer);
        announce.textContent = "Time is up. Answers can no longer be changed; your saved answers are being submitted.";
        timeUp();
      }
    };
    var timer = setInterval(tick, 1000);
    tick();
  }

  // 5. Submit confirmation listing unanswered questions.
  // Opening it first sends every unsaved answer again, and while those saves are on their way it
  // says so and cannot be confirmed: it is filled in again when they are answered. Reading the
  // warning's state at once would tell a student whose connection is back (or whose save failed
  // once, with its next retry seconds away) that answers are not saved "(no connection)".
  var dialog = document.getElementById("submit-dialog");
  function fillSubmitDialog() {
    var unanswered = [];
    document.querySelectorAll("[data-nav]").forEach(function (link) {
      if (link.classList.contains("unanswered")) { unanswered.push(link); }
    });
    var flaggedList = document.getElementById("submit-dialog-flagged");
    flaggedList.textContent = "";
    var flagged = document.querySelectorAll("[data-nav].flagged");
    document.getElementById("submit-dialog-flagged-body").hidden = flagged.length === 0;
    flagged.forEach(function (link) { flaggedList.appendChild(questionLink(link)); });
    var body = document.getElementById("submit-dialog-body");
    var list = document.getElementById("submit-dialog-list");
    list.textContent = "";
    var saving = inFlight > 0;
    var failed = !saving && unsaved.size > 0 && !banner.hidden;
    if (saving) {
      body.textContent = "Saving your latest answers…";
    } else if (failed) {
      body.textContent = bannerText.textContent === OFFLINE_TEXT
        ? "Some answers are not saved yet (no connection). Wait until the warning disappears before submitting."
        : "Some answers are not saved yet: you have been signed out. Log in again in another tab, then submit.";
    } else if (unanswered.length) {
      body.textContent = "You have not answered " + unanswered.length + " question" + (unanswered.length > 1 ? "s" : "") + ":";
      unanswered.forEach(function (link) { list.appendChild(questionLink(link)); });
    } else {
      body.textContent = "You have answered every question. Once submitted, answers can no longer be changed.";
    }
    body.setAttribute("aria-busy", saving ? "true" : "false");
    // Submitting before the saves are answered could close the attempt without them.
    document.getElementById("confirm-submit").disabled = saving;
    return saving || failed || unanswered.length > 0;
  }
  function openSubmitDialog(event) {
    if (!dialog || typeof dialog.showModal !== "function") { return; }  // fall back to the server page
    event.preventDefault();
    retryAll();
    var safe = fillSubmitDialog();
    dialog.showModal();
    // With questions unanswered (or answers unsaved or being saved) the safe choice has the
    // focus, and keeps it when the saves are done: Enter must not submit an unfinished attempt
    // (walk-through #24), nor one the student did not see ready.
    document.getElementById(safe ? "cancel-submit" : "confirm-submit").focus();
  }
  function questionLink(link) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = link.getAttribute("href");
    a.textContent = "Question " + numberOf(link);
    a.addEventListener("click", function () { dialog.close(); });
    li.appendChild(a);
    return li;
  }
  document.querySelectorAll("[data-submit-dialog], #submit-link").forEach(function (el) {
    el.addEventListener("click", openSubmitDialog);
  });
  if (dialog) {
    document.getElementById("cancel-submit").addEventListener("click", function () { dialog.close(); });
    dialog.querySelector("form").addEventListener("submit", function () { unsaved.clear(); });
  }

  // 6. Flag for later. The button is a submit button of the question's form posting to the flag
  // URL (so it works without this file); here it is sent alone, without saving the answer.
  quiz.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-flag]") : null;
    if (!button) { return; }
    event.preventDefault();
    var form = button.closest("form.question");
    var data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    data.append("question", form.querySelector("[name=question]").value);
    data.append("flagged", button.value);
    fetch(button.getAttribute("formaction"), {method: "POST", body: data, headers: {"X-Requested-With": "XMLHttpRequest"}, credentials: "same-origin"})
      .then(function (reply) {
        if (reply.status === 204) {
          var on = reply.headers.get("X-Flagged") === "1";
          button.value = on ? "0" : "1";
          button.setAttribute("aria-pressed", on ? "true" : "false");
          button.textContent = on ? "⚑ Flagged for later" : "⚐ Flag for later";
          var link = document.querySelector('[data-nav="' + form.dataset.position + '"]');
          if (link) {
            link.classList.toggle("flagged", on);
            link.setAttribute("aria-label", navLabel(link, link.classList.contains("answered")));
          }
          announcer.textContent = "Question " + numberOf(form) + (on ? " flagged for later." : ": flag removed.");
          return;
        }
        return reply.text().then(function (text) {
          setState(form, reply.headers.get("Content-Type").indexOf("text/plain") === 0 ? text : "The flag was not saved.", true);
          if (reply.headers.get("X-Attempt-Closed") === "1") { window.location.assign(quiz.dataset.resultUrl); }
        });
      })
      .catch(function () { setState(form, "The flag was not saved: no connection. Try again.", true); });
  });

  // 7. An essay's attached file has its own form (forms cannot nest), which leaves the page for
  // the server's answer. Words typed in the essay since its last save go first; the upload
  // follows once that save is answered (if it failed, the "Leave site?" guard above still asks).
  quiz.addEventListener("submit", function (event) {
    var upload = event.target;
    if (!upload.matches || !upload.matches("form[data-attachment]") || upload.dataset.essaySaved === "1") { return; }
    var essay = document.getElementById("q-" + upload.dataset.position);
    if (!essay || !unsaved.has(essay)) { return; }
    event.preventDefault();
    var submitter = event.submitter || null;
    essay.addEventListener("htmx:afterRequest", function () {
      upload.dataset.essaySaved = "1";
      if (submitter) { upload.requestSubmit(submitter); } else { upload.requestSubmit(); }
    }, {once: true});
    fire(essay);
  });
})();
