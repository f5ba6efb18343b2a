/*
 * Drug name suggestions: turns the plain GET search box into an ARIA 1.2 combobox with a
 * listbox popup (WAI-ARIA Authoring Practices "combobox with list autocomplete").
 * Without JavaScript the form still submits to /drugs/?q=.
 *
 * Keys: Down/Up move through suggestions, Enter opens the highlighted drug (or submits the
 * search), Escape closes the list (a second Escape clears the box), Tab leaves normally.
 * The number of suggestions is announced in a polite live region.
 */
(function () {
  "use strict";

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      var args = arguments;
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { fn.apply(null, args); }, wait);
    };
  }

  function enhance(form) {
    var input = form.querySelector("input[name=q]");
    var url = form.getAttribute("data-suggest-url");
    if (!input || !url || !window.fetch) { return; }

    var listId = input.id + "-listbox";
    var wrapper = document.createElement("div");
    wrapper.className = "drug-suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);

    var list = document.createElement("ul");
    list.id = listId;
    list.className = "drug-suggest__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.getAttribute("data-suggest-label") || "Suggestions");
    list.hidden = true;
    wrapper.appendChild(list);

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    var results = [];
    var active = -1;
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      list.textContent = "";
      results.forEach(function (result, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "drug-suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.name;
        var hint = document.createElement("span");
        hint.className = "drug-suggest__hint";
        hint.textContent = result.matched
          ? " (" + result.matched + ") · " + result.kind_label
          : " · " + result.kind_label;
        option.appendChild(hint);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input
        });
        option.addEventListener("click", function () { window.location.href = result.url; });
        list.appendChild(option);
      });
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = results.length === 1
          ? "1 suggestion. Use the down arrow to choose it."
          : results.length + " suggestions. Use up and down arrows to choose one.";
      } else {
        close();
        status.textContent = lastQuery.length >= 2 ? "No suggestions." : "";
      }
      active = -1;
    }

    var fetchSuggestions = debounce(function (query) {
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() !== query) { return; }
          results = data.results || [];
          render();
        })
        .catch(function () { /* offline or aborted: the plain form still works */ });
    }, 150);

    input.addEventListener("input", function () {
      var query = input.value.trim();
      lastQuery = query;
      if (query.length < 2) {
        results = [];
        render();
        return;
      }
      fetchSuggestions(query);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && results.length > 0;
      if (event.key === "ArrowDown") {
        if (!open && results.length) { render(); }
        if (results.length) {
          event.preventDefault();
          highlight(active + 1 >= results.length ? 0 : active + 1);
        }
      } else if (event.key === "ArrowUp") {
        if (open) {
          event.preventDefault();
          highlight(active <= 0 ? results.length - 1 : active - 1);
        }
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          window.location.href = results[active].url;
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          input.value = "";
          results = [];
        }
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function init() {
    document.querySelectorAll("form[data-drug-suggest]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
