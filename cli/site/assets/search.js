// The search box: every word typed must appear in a page's title, keywords or
// text; title and keyword hits rank first. The index (search-index.js, the same
// data as search-index.json) is loaded as a script so it also works from disk.
// Results are built with textContent only, so no page text is ever parsed as HTML.
(function () {
  "use strict";
  var index = window.TUTOR_SEARCH_INDEX || [];
  var root = document.body.getAttribute("data-root") || "";
  var form = document.querySelector("form.search");
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  if (!form || !box || !list || !index.length) {
    return;
  }
  form.hidden = false;
  var MAX_RESULTS = 12;
  var SNIPPET = 90;

  var entries = index.map(function (entry) {
    return {
      entry: entry,
      title: entry.title.toLowerCase(),
      keywords: entry.keywords.toLowerCase(),
      text: entry.text.toLowerCase(),
    };
  });

  function score(item, words) {
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      var inTitle = item.title.indexOf(word) >= 0;
      var inKeywords = item.keywords.indexOf(word) >= 0;
      var inText = item.text.indexOf(word) >= 0;
      if (!inTitle && !inKeywords && !inText) {
        return 0;
      }
      total += (inTitle ? 10 : 0) + (inKeywords ? 5 : 0) + (inText ? 1 : 0);
    }
    return total;
  }

  function snippet(item, words) {
    var text = item.entry.text;
    var at = item.text.indexOf(words[0]);
    if (at < 0) {
      return text.slice(0, SNIPPET * 2);
    }
    var start = Math.max(0, at - SNIPPET);
    return (start > 0 ? "…" : "") + text.slice(start, at + SNIPPET) + "…";
  }

  function show(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) {
      list.hidden = true;
      return;
    }
    var found = entries
      .map(function (item) {
        return { item: item, score: score(item, words) };
      })
      .filter(function (hit) {
        return hit.score > 0;
      })
      .sort(function (a, b) {
        return b.score - a.score;
      })
      .slice(0, MAX_RESULTS);
    if (!found.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "No page mentions “" + query + "”.";
      list.appendChild(none);
    }
    found.forEach(function (hit) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + hit.item.entry.url;
      link.textContent = hit.item.entry.title;
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = hit.item.entry.kind;
      var text = document.createElement("p");
      text.textContent = snippet(hit.item, words);
      li.appendChild(kind);
      li.appendChild(link);
      li.appendChild(text);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  box.addEventListener("input", function () {
    show(box.value);
  });
  box.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      box.value = "";
      show("");
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) {
      window.location.href = first.href;
    }
  });
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    box.value = params.get("q");
    show(box.value);
  }
})();
