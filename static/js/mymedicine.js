// Autocomplete for medicine name fields: fills the <datalist> from /api/drugs/suggest.
// The forms work without this script; it only offers names while typing.
(function () {
  "use strict";
  var fields = document.querySelectorAll('input[data-suggest="drugs"]');
  if (!fields.length || !window.fetch) { return; }
  var timer = null;
  function names(data) {
    var items = Array.isArray(data) ? data : (data.results || data.suggestions || []);
    return items.map(function (item) { return typeof item === "string" ? item : item.name; })
      .filter(Boolean);
  }
  fields.forEach(function (field) {
    var list = document.getElementById(field.getAttribute("list"));
    if (!list) { return; }
    field.addEventListener("input", function () {
      var query = field.value.trim();
      window.clearTimeout(timer);
      if (query.length < 2) { return; }
      timer = window.setTimeout(function () {
        fetch("/api/drugs/suggest?q=" + encodeURIComponent(query), {headers: {Accept: "application/json"}})
          .then(function (response) { return response.ok ? response.json() : []; })
          .then(function (data) {
            list.textContent = "";
            names(data).slice(0, 10).forEach(function (name) {
              var option = document.createElement("option");
              option.value = name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* no suggestions: the form still works */ });
      }, 200);
    });
  });
})();
