// The draft composer on /counts: renders the template through POST /api/drafts as the user types, shows the problem at
// its line and column, and copies the draft as Markdown, plain text or HTML. Without this script the form posts to /counts.
(function () {
  "use strict";
  var form, box, output, notes, error, copyStatus, timer, sequence = 0;

  function request(format, withNotes) {
    return fetch("/api/drafts", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ template: box.value, asOf: form.getAttribute("data-as-of"), format: format, notes: withNotes })
    }).then(function (response) {
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    });
  }

  function showProblem(problem) {
    error.textContent = "";
    var p = document.createElement("p");
    p.className = "problem-detail";
    var where = problem.line ? "Line " + problem.line + ", column " + problem.column + ": " : "";
    p.textContent = where + (problem.detail || problem.title || "The draft could not be rendered.");
    error.appendChild(p);
    box.setAttribute("aria-invalid", "true");
  }

  function showDraft(draft) {
    error.textContent = "";
    box.removeAttribute("aria-invalid");
    output.textContent = draft.text;
    notes.textContent = "";
    (draft.footnotes || []).forEach(function (n) {
      var li = document.createElement("li");
      li.appendChild(document.createTextNode(n.title + (n.date ? ", " + n.date : "") + ": "));
      var q = document.createElement("q");
      q.className = "cited";
      q.textContent = n.quote;
      li.appendChild(q);
      li.appendChild(document.createTextNode(" "));
      var a = document.createElement("a");
      a.className = "passage";
      a.href = "/sources/" + encodeURIComponent(n.source) + "#c-" + n.start + "-" + n.end;
      a.textContent = n.source;
      li.appendChild(a);
      notes.appendChild(li);
    });
  }

  function render() {
    if (!box.value.trim()) { output.textContent = ""; notes.textContent = ""; error.textContent = ""; return; }
    var mine = ++sequence;
    request("markdown", false).then(function (r) {
      if (mine !== sequence) { return; } // an older answer arriving late
      if (r.ok) { showDraft(r.body); } else { showProblem(r.body); }
    }).catch(function () {
      if (mine === sequence) { showProblem({ detail: "Casefile could not be reached; try again." }); }
    });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Fallback for plain-http pages: a selected, off-screen textarea and the copy command.
    var t = document.createElement("textarea");
    t.value = text;
    t.setAttribute("readonly", "");
    t.className = "visually-hidden";
    document.body.appendChild(t);
    t.select();
    var done = document.execCommand("copy");
    document.body.removeChild(t);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(format, label) {
    request(format, true).then(function (r) {
      if (!r.ok) { showProblem(r.body); return; }
      return copyText(r.body.text).then(function () {
        copyStatus.textContent = "Copied as " + label + ".";
      });
    }).catch(function () { copyStatus.textContent = "Could not copy; select the rendered text instead."; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    form = document.getElementById("draft-form");
    if (!form || !window.fetch) { return; }
    box = document.getElementById("draft-template");
    output = document.getElementById("draft-output");
    notes = document.getElementById("draft-notes");
    error = document.getElementById("draft-error");
    copyStatus = document.getElementById("draft-copy-status");
    form.querySelectorAll(".no-js-only").forEach(function (b) { b.hidden = true; });
    document.getElementById("draft-copy").hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); render(); });
    box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(render, 300); });
    form.querySelectorAll("[data-copy]").forEach(function (b) {
      b.addEventListener("click", function () { copy(b.getAttribute("data-copy"), b.textContent.replace("Copy as ", "")); });
    });
    render();
  });
})();
