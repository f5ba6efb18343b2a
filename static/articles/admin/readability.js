// Live reading grade under each article page body in the admin (same formula as
// articles/readability.py: Flesch-Kincaid grade with a small syllable heuristic).
"use strict";
(function () {
  function syllables(word) {
    word = word.toLowerCase().replace(/'s$/, "");
    if (word.length <= 3) return 1;
    var groups = (word.match(/[aeiouy]+/g) || []).length;
    if (/e$/.test(word) && !/(le|ee|ye)$/.test(word) && groups > 1) groups -= 1;
    if (/(ed|es)$/.test(word) && !/(ted|ded|ses|zes|ces)$/.test(word) && groups > 1) groups -= 1;
    return Math.max(1, groups);
  }
  function grade(text) {
    var plain = text.replace(/[#*_>`\[\]()]/g, " ");
    var words = plain.match(/[A-Za-z]+(?:'[A-Za-z]+)?/g) || [];
    if (!words.length) return null;
    var sentences = Math.max(1, (plain.trim() + " ").match(/[.!?]+(\s|$)/g)?.length || 0);
    var total = words.reduce(function (sum, w) { return sum + syllables(w); }, 0);
    return Math.max(0, 0.39 * (words.length / sentences) + 11.8 * (total / words.length) - 15.59);
  }
  function attach(textarea) {
    if (textarea.dataset.readability) return;
    textarea.dataset.readability = "1";
    var out = document.createElement("p");
    out.className = "help readability-live";
    out.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", out);
    function update() {
      var g = grade(textarea.value);
      out.textContent = g === null ? "" : "Reading grade while you type: " + g.toFixed(1) +
        (g <= 8 ? " (plain language)" : " (aim for 8 or below: shorter sentences, everyday words)");
    }
    textarea.addEventListener("input", update);
    update();
  }
  function scan() {
    document.querySelectorAll("textarea[name^='pages-'][name$='-body']").forEach(attach);
  }
  document.addEventListener("DOMContentLoaded", scan);
  document.addEventListener("formset:added", scan);
})();
