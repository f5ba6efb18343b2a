/* Healthsite: small enhancements on top of pages that already work without JavaScript.
 *
 * - Text size: the form in the header is a GET that sets a cookie and reloads without
 *   JavaScript. Here we send the same GET with fetch (Accept: application/json), then swap
 *   the font-* class on <html> and the buttons' aria-pressed, without a reload.
 * - Error summary: moves focus to it when a page with form errors loads (GOV.UK pattern)
 *   and makes its links focus the field.
 * - Print: opens every <details> so printed pages show their content. "Print this page"
 *   links ([data-print]) open the print dialogue, after going to the printable version
 *   (with ?print=1, which opens the dialogue once that page has loaded) when it is another
 *   address. "Share" links ([data-share]) use the device's share sheet where there is one;
 *   otherwise they stay plain mailto: links.
 */
(function () {
  "use strict";

  var SIZES = ["normal", "large", "larger"];

  function setFontSize(size) {
    var root = document.documentElement;
    SIZES.forEach(function (name) {
      root.classList.remove("font-" + name);
    });
    root.classList.add("font-" + size);
    document.querySelectorAll("[data-font-size] button[name='size']").forEach(function (button) {
      button.setAttribute("aria-pressed", button.value === size ? "true" : "false");
    });
  }

  function initFontSize(form) {
    if (!window.fetch || !window.FormData || !window.URLSearchParams) {
      return;
    }
    form.addEventListener("submit", function (event) {
      var button = event.submitter;
      if (!button || button.name !== "size" || SIZES.indexOf(button.value) === -1) {
        return; // let the browser submit the form normally
      }
      event.preventDefault();
      var params = new URLSearchParams(new FormData(form));
      params.set("size", button.value);
      fetch(form.action + "?" + params.toString(), {
        method: "GET",
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("font size not saved: " + response.status);
          }
          return response.json();
        })
        .then(function (body) {
          setFontSize(SIZES.indexOf(body.size) === -1 ? "normal" : body.size);
        })
        .catch(function () {
          // Fall back to the plain form post, which always works (submit() fires no event).
          var fallback = document.createElement("input");
          fallback.type = "hidden";
          fallback.name = "size";
          fallback.value = button.value;
          form.appendChild(fallback);
          HTMLFormElement.prototype.submit.call(form);
        });
    });
  }

  function initErrorSummary(summary) {
    if (!summary.closest("[data-styleguide]")) {
      summary.focus();
      // Screen reader users hear the problem first, as on GOV.UK.
      if (document.title.indexOf("Error: ") !== 0) {
        document.title = "Error: " + document.title;
      }
    }
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var input = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!input) {
        return;
      }
      event.preventDefault();
      // Scroll the field's label or legend into view too, then focus the field.
      var group = input.closest(".form-group") || input;
      group.scrollIntoView();
      input.focus({ preventScroll: true });
    });
  }

  function initPrint(link) {
    link.addEventListener("click", function (event) {
      var target = new URL(link.href, window.location.href);
      event.preventDefault();
      if (target.pathname + target.search === window.location.pathname + window.location.search) {
        window.print();
        return;
      }
      target.searchParams.set("print", "1");
      window.location.href = target.toString();
    });
  }

  function initShare(link) {
    if (!navigator.share) {
      return;
    }
    link.textContent = link.getAttribute("data-share-label") || "Share";
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator
        .share({ title: link.getAttribute("data-share-title"), url: link.getAttribute("data-share-url") })
        .catch(function () {
          /* the reader closed the share sheet */
        });
    });
  }

  function init() {
    document.body.classList.add("js-enabled");
    document.querySelectorAll("form[data-font-size]").forEach(initFontSize);
    document.querySelectorAll("a[data-print]").forEach(initPrint);
    document.querySelectorAll("a[data-share]").forEach(initShare);
    if (new URLSearchParams(window.location.search).get("print") === "1") {
      window.setTimeout(function () { window.print(); }, 300);
    }
    var summary = document.querySelector("[data-module='error-summary']");
    if (summary) {
      initErrorSummary(summary);
    }
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details:not([open])").forEach(function (details) {
        details.setAttribute("open", "");
        details.setAttribute("data-opened-for-print", "");
      });
    });
    window.addEventListener("afterprint", function () {
      document.querySelectorAll("details[data-opened-for-print]").forEach(function (details) {
        details.removeAttribute("open");
        details.removeAttribute("data-opened-for-print");
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
