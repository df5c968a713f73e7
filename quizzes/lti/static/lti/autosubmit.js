// Posts the signed deep-linking response back to the LMS as soon as the page loads
// (a static file because the Content-Security-Policy allows no inline script).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("lti-return");
  if (form) form.submit();
});
