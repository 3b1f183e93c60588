// Every htmx request carries the session's CSRF token (forms carry it as a field as well).
document.addEventListener("htmx:configRequest", function (event) {
  var header = document.querySelector('meta[name="_csrf_header"]');
  var token = document.querySelector('meta[name="_csrf"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});

// Signs out a console left without keyboard or mouse input for the idle time. Its own
// refreshes (the live queue, the timeline) are requests too, so the server's session timeout
// alone would keep an unattended screen signed in for ever. Input in any tab of the console
// counts for all of them (localStorage), so a forgotten tab does not sign out the one in use.
document.addEventListener("DOMContentLoaded", function () {
  var meta = document.querySelector('meta[name="forewarn-idle-seconds"]');
  var button = document.getElementById("logout");
  var idleMs = meta ? Number(meta.content) * 1000 : 0;
  if (!button || !button.form || !(idleMs > 0)) {
    return;
  }
  var key = "forewarn.lastInput";
  var mine = Date.now();
  var touched = function () {
    mine = Date.now();
    try { localStorage.setItem(key, String(mine)); } catch (e) { /* storage off: this tab alone */ }
  };
  touched();
  ["keydown", "mousedown", "mousemove", "wheel", "touchstart", "input"].forEach(function (type) {
    document.addEventListener(type, touched, { passive: true, capture: true });
  });
  setInterval(function () {
    var last = mine;
    try { last = Math.max(last, Number(localStorage.getItem(key)) || 0); } catch (e) { /* this tab alone */ }
    if (Date.now() - last >= idleMs) {
      button.form.submit();
    }
  }, 1000);
});
