// Every htmx request carries the session's CSRF token (forms carry it as a field as well).
document.addEventListener("htmx:configRequest", function (event) {
  var header = document.querySelector('meta[name="_csrf_header"]');
  var token = document.querySelector('meta[name="_csrf"]');
  if (header && token) {
    event.detail.headers[header.content] = token.content;
  }
});
