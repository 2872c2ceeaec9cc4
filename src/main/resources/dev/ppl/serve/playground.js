// The PPL playground page: two editors, a debounced POST to /api/run as you type, and a share
// link that carries the policy and claim in the URL fragment (deflate-raw, base64url).
(function () {
  "use strict";
  var DEBOUNCE_MS = 300;
  var NEW = "";                       // the picker's value for a policy that is not a library file
  var $ = function (id) { return document.getElementById(id); };
  var state = {library: null, name: null, seq: 0, timer: null, marks: [], last: null};

  // ------------------------------------------------------------------ editors

  /** A CodeMirror editor, or the plain text area when CodeMirror is not there; both with one small API. */
  function editor(textarea, mode) {
    if (window.CodeMirror) {
      var cm = CodeMirror.fromTextArea(textarea, {
        mode: mode, lineNumbers: true, matchBrackets: true, styleActiveLine: true, indentUnit: 2,
        tabSize: 2, indentWithTabs: false, gutters: ["ppl-gutter", "CodeMirror-linenumbers"],
        extraKeys: {Tab: function (c) { c.replaceSelection("  "); }}
      });
      return {
        cm: cm,
        get: function () { return cm.getValue(); },
        set: function (text) { cm.setValue(text); cm.clearHistory(); },
        onChange: function (f) { cm.on("changes", f); },
        jump: function (line, col) { cm.focus(); cm.setCursor({line: line - 1, ch: col - 1}); cm.scrollIntoView(null, 80); }
      };
    }
    return {
      cm: null,
      get: function () { return textarea.value; },
      set: function (text) { textarea.value = text; },
      onChange: function (f) { textarea.addEventListener("input", f); },
      jump: function () { textarea.focus(); }
    };
  }

  var policy = editor($("policy-editor"), "ppl");
  var claim = editor($("claim-editor"), {name: "javascript", json: true});
  window.pplPlayground = {policy: policy, claim: claim, state: state};   // for tests and the curious

  // ------------------------------------------------------------------ server

  function getJson(url) {
    return fetch(url).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error(body.error || ("HTTP " + r.status));
        return body;
      });
    });
  }

  function schedule() {
    clearTimeout(state.timer);
    status("editing…", "busy");
    state.timer = setTimeout(run, DEBOUNCE_MS);
  }

  function run() {
    var seq = ++state.seq;
    status("checking…", "busy");
    fetch("/api/run", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({name: state.name, policy: policy.get(), claim: claim.get()})
    }).then(function (r) {
      return r.json().then(function (body) { return {ok: r.ok, status: r.status, body: body}; });
    }).then(function (res) {
      if (seq !== state.seq) return;        // a newer run is on its way
      if (!res.ok) {
        status(res.body.error || ("HTTP " + res.status), "bad");
        return;
      }
      show(res.body);
    }).catch(function (e) {
      if (seq === state.seq) status("the playground server did not answer: " + e.message, "bad");
    });
  }

  // ------------------------------------------------------------------ results

  function show(r) {
    state.last = r;
    $("policy-name").textContent = r.policy;
    $("summary").textContent = r.summary;
    showDiagnostics(r);
    showDecision(r);
    $("tab-explanation").textContent = r.explanation || r.note || "";
    $("tab-json").textContent = r.decision ? JSON.stringify(r.decision, null, 2) : (r.note || "");
    showTests(r);
    var outcome = r.decision ? r.decision.outcome : null;
    status(r.errors > 0 ? r.errors + " error" + (r.errors === 1 ? "" : "s") : "decision: " + outcome,
        r.errors > 0 ? "bad" : "good");
    document.body.dataset.outcome = outcome || "none";
  }

  function showDiagnostics(r) {
    var list = $("diagnostics");
    list.textContent = "";
    state.marks.forEach(function (m) { m.clear(); });
    state.marks = [];
    if (policy.cm) policy.cm.clearGutter("ppl-gutter");
    r.diagnostics.forEach(function (d) {
      var mine = d.file === r.policy;
      var li = el("li", "diagnostic " + d.level + (mine ? "" : " elsewhere"));
      li.dataset.code = d.code;
      var head = el("div", "head");
      head.appendChild(el("span", "where", d.file + ":" + d.line + ":" + d.column));
      head.appendChild(el("span", "level", d.level + "[" + d.code + "]"));
      head.appendChild(el("span", "message", d.message));
      li.appendChild(head);
      if (d.help) li.appendChild(el("div", "help", "help: " + d.help));
      if (mine) {
        li.title = "go to line " + d.line;
        li.addEventListener("click", function () { policy.jump(d.line, d.column); });
        mark(d);
      }
      list.appendChild(li);
    });
    if (r.diagnostics.length === 0) list.appendChild(el("li", "none", "no errors, no warnings"));
  }

  /** Underlines a diagnostic's span in the policy editor and puts a marker in the gutter. */
  function mark(d) {
    if (!policy.cm) return;
    var cm = policy.cm;
    var from = {line: d.line - 1, ch: d.column - 1};
    var to = {line: d.endLine - 1, ch: d.endColumn - 1};
    if (to.line < from.line || (to.line === from.line && to.ch <= from.ch)) to = {line: from.line, ch: from.ch + 1};
    state.marks.push(cm.markText(from, to, {className: "ppl-mark-" + d.level, title: d.code + ": " + d.message}));
    var info = cm.lineInfo(from.line);
    if (info && !(info.gutterMarkers && info.gutterMarkers["ppl-gutter"] && d.level === "warning")) {
      var g = el("span", "ppl-gutter-" + d.level, d.level === "error" ? "●" : "▲");
      g.title = d.code + ": " + d.message;
      cm.setGutterMarker(from.line, "ppl-gutter", g);
    }
  }

  function showDecision(r) {
    var box = $("tab-decision");
    box.textContent = "";
    if (!r.decision) {
      box.appendChild(el("p", "note", r.note || ""));
      return;
    }
    var d = r.decision;
    var head = el("p", "outcome");
    head.appendChild(el("span", "badge outcome-" + d.outcome, d.outcome));
    head.appendChild(el("span", "muted", " claim " + d.claimId + " · " + d.findings.length + " finding"
        + (d.findings.length === 1 ? "" : "s") + " · policies " + d.policies.map(function (p) {
          return p.id + "@" + p.version; }).join(", ")));
    box.appendChild(head);
    (r.claimErrors || []).forEach(function (e) { box.appendChild(el("p", "claim-error", e)); });
    if (d.findings.length === 0) return;
    var table = el("table", "findings");
    var tr = el("tr");
    ["line", "severity", "codes", "rule", "message and fix"].forEach(function (h) { tr.appendChild(el("th", null, h)); });
    table.appendChild(tr);
    d.findings.forEach(function (f) {
      var row = el("tr", "finding severity-" + f.severity);
      row.appendChild(el("td", "num", f.line == null ? "claim" : String(f.line)));
      row.appendChild(el("td", null, f.severity));
      row.appendChild(el("td", "codes", (f.group && f.carc ? f.group + "-" + f.carc : "")
          + (f.rarc && f.rarc.length ? " " + f.rarc.join(" ") : "")));
      var rule = el("td", "rule");
      rule.appendChild(el("div", null, f.rule));
      rule.appendChild(el("div", "muted", f.policy));
      row.appendChild(rule);
      var text = el("td");
      text.appendChild(el("div", null, f.message || ""));
      if (f.fix) text.appendChild(el("div", "fix", "fix: " + f.fix));
      row.appendChild(text);
      table.appendChild(row);
    });
    box.appendChild(table);
  }

  function showTests(r) {
    var box = $("tab-tests");
    box.textContent = "";
    if (!r.tests || r.tests.length === 0) {
      box.appendChild(el("p", "note", r.decision ? "this policy has no tests" : (r.note || "")));
      return;
    }
    var passed = r.tests.filter(function (t) { return t.passed; }).length;
    box.appendChild(el("p", null, r.tests.length + " test" + (r.tests.length === 1 ? "" : "s") + ", " + passed
        + " passed, " + (r.tests.length - passed) + " failed"));
    var list = el("ul", "tests");
    r.tests.forEach(function (t) {
      var li = el("li", t.passed ? "pass" : "fail");
      li.appendChild(el("span", "verdict", t.passed ? "ok" : "FAIL"));
      li.appendChild(el("span", null, " " + t.name + " "));
      li.appendChild(el("span", "muted", "(" + t.location + ")"));
      t.failures.forEach(function (f) { li.appendChild(el("div", "failure", f)); });
      list.appendChild(li);
    });
    box.appendChild(list);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function status(text, kind) {
    var s = $("status");
    s.textContent = text;
    s.className = kind || "";
  }

  // ------------------------------------------------------------------ tabs

  Array.prototype.forEach.call(document.querySelectorAll(".tabs button"), function (b) {
    b.addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".tabs button"), function (o) {
        o.setAttribute("aria-selected", String(o === b));
        $("tab-" + o.dataset.tab).hidden = o !== b;
      });
    });
  });

  // ------------------------------------------------------------------ share links

  function toBase64Url(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64Url(text) {
    var s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    return bytes;
  }

  function pipe(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer()
        .then(function (b) { return new Uint8Array(b); });
  }

  function encodeShare(data) {
    var bytes = new TextEncoder().encode(JSON.stringify(data));
    return pipe(bytes, new CompressionStream("deflate-raw")).then(toBase64Url);
  }

  function decodeShare(text) {
    return pipe(fromBase64Url(text), new DecompressionStream("deflate-raw"))
        .then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
  }

  $("share").addEventListener("click", function () {
    encodeShare({v: 1, name: state.name, policy: policy.get(), claim: claim.get()}).then(function (code) {
      var url = location.origin + location.pathname + "#s=" + code;
      history.replaceState(null, "", "#s=" + code);
      var box = $("share-link");
      box.hidden = false;
      box.value = url;
      box.select();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(url).then(function () { status("share link copied", "good"); },
            function () { status("share link ready: copy it from the box", "good"); });
      }
    });
  });

  // ------------------------------------------------------------------ start

  function pickPolicy(name) {
    state.name = name || null;
    if (!name) {
      policy.set(starter());
      schedule();
      return Promise.resolve();
    }
    return getJson("/api/policy?name=" + encodeURIComponent(name)).then(function (p) {
      policy.set(p.text);
      schedule();
    });
  }

  function pickClaim(name) {
    return getJson("/api/claim?name=" + encodeURIComponent(name)).then(function (c) {
      claim.set(c.text);
      schedule();
    });
  }

  function starter() {
    return [
      "# A new policy: it is checked together with the library, so it may extend a policy there.",
      "policy playground.example",
      "  version 1.0.0",
      "  title \"Playground: a first rule\"",
      "  applies to payer type medicare",
      "  effective from 2026-01-01",
      "",
      "codes INJECTION = { 96372 }",
      "",
      "rule many-injection-units",
      "  \"More than 2 units of 96372 on one line is reviewed\"",
      "  cites \"playground example\"",
      "  for each l in lines where l.code in INJECTION",
      "  when l.units > 2",
      "  review line l",
      "    message \"{l.units} units of {l.code} on line {l.line}\"",
      "    fix \"check that the documentation shows {l.units} separate injections\"",
      ""
    ].join("\n");
  }

  function fill(select, values, labels) {
    select.textContent = "";
    values.forEach(function (v, i) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = labels ? labels[i] : v;
      select.appendChild(o);
    });
  }

  function start() {
    getJson("/api/library").then(function (lib) {
      state.library = lib;
      fill($("policy-picker"), lib.policies.concat([NEW]), lib.policies.concat(["(new policy: " + lib.newPolicy + ")"]));
      fill($("claim-picker"), lib.claims);
      var shared = /^#s=([A-Za-z0-9_-]+)$/.exec(location.hash);
      if (shared) {
        return decodeShare(shared[1]).then(function (s) {
          state.name = lib.policies.indexOf(s.name) >= 0 ? s.name : null;
          $("policy-picker").value = state.name || NEW;
          $("claim-picker").value = "";
          policy.set(String(s.policy || ""));
          claim.set(String(s.claim || ""));
          schedule();
        }, function () {
          status("the share link in the address cannot be read; the example is shown instead", "bad");
          return defaults(lib);
        });
      }
      return defaults(lib);
    }).then(function () {
      policy.onChange(schedule);
      claim.onChange(schedule);
      $("policy-picker").addEventListener("change", function (e) { pickPolicy(e.target.value); });
      $("claim-picker").addEventListener("change", function (e) { pickClaim(e.target.value); });
    }).catch(function (e) { status("cannot start: " + e.message, "bad"); });
  }

  function defaults(lib) {
    $("policy-picker").value = lib.defaultPolicy || NEW;
    if (lib.defaultClaim) $("claim-picker").value = lib.defaultClaim;
    return Promise.all([pickPolicy(lib.defaultPolicy), lib.defaultClaim ? pickClaim(lib.defaultClaim) : null]);
  }

  start();
})();
