/* Strategikon: the result page learns that the attempt is graded as soon as grading commits.
 *
 * The waiting block (#result, quizzes/templates/quizzes/partials/result_block.html) names the push
 * endpoint in data-events-url (GET /api/attempts/<id>/events/, Server-Sent Events). On "graded"
 * this fires the block's own htmx trigger "graded", so htmx fetches and swaps in the graded block
 * at once: the same request its polling makes. After a "timeout" event the stream ends and the
 * EventSource reconnects by itself after the delay the server sends ("retry": 1 s after a wait on
 * an ASGI server; from sync workers, which answer at once without waiting, as long as the attempt
 * has waited since its submit, 0.25 to 3 s). If EventSource is missing
 * or the endpoint refuses (the browser then closes the source), nothing is done here: the block's
 * polling every 10 s is the fallback. Without this file the page still works, by that polling.
 */
(function () {
  "use strict";

  if (typeof EventSource !== "function") { return; }
  var watched = null;  // the URL of the one source open; htmx swaps the block in again at every poll

  function watch() {
    var block = document.getElementById("result");
    var url = block && block.dataset.eventsUrl;
    if (!url || url === watched) { return; }
    watched = url;
    var source = new EventSource(url);
    source.addEventListener("graded", function () {
      source.close();
      var current = document.getElementById("result");  // the polling may have replaced the block meanwhile
      if (current && window.htmx) {
        window.htmx.trigger(current, "graded");
      } else {
        window.location.reload();
      }
    });
    source.addEventListener("error", function () {
      if (source.readyState === EventSource.CLOSED) { watched = null; }  // refused: polling carries on
    });
  }

  watch();
})();
