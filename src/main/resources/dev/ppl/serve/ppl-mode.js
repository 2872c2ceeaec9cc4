// Highlighting for PPL policy files in CodeMirror 5 (a simple mode over the tokens of grammar/dev/ppl/syntax/Ppl.g4).
(function () {
  "use strict";
  if (!window.CodeMirror || !CodeMirror.defineSimpleMode) return;
  var declarations = ["policy", "version", "title", "applies", "to", "payer", "type", "id", "jurisdiction", "effective",
    "from", "cites", "extends", "codes", "diagnoses", "modifiers", "ndcs", "table", "key", "columns", "row", "rule",
    "override", "disable", "because", "test", "using", "with", "expect", "measure", "benchmark", "flag", "per"];
  var clauses = ["for", "each", "where", "let", "when", "line", "claim", "group", "carc", "rarc", "message", "fix",
    "on", "outcome", "volume", "rate", "average", "minimum", "by", "within", "after", "before", "of"];
  var operators = ["and", "or", "not", "in", "is", "any", "every", "no", "count", "sum", "distinct", "blank", "missing",
    "present", "satisfies", "without"];
  var outcomes = ["deny", "reject", "review", "info", "clean", "true", "false", "null"];
  function words(list) { return new RegExp("(?:" + list.join("|") + ")\\b"); }
  CodeMirror.defineSimpleMode("ppl", {
    start: [
      {regex: /#.*/, token: "comment"},
      {regex: /"(?:[^"\\\r\n]|\\.)*"?/, token: "string"},
      {regex: /\d{4}-\d{2}-\d{2}\b/, token: "number"},
      {regex: /\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?\b/, token: "number"},
      {regex: /[A-Z]\d[0-9A-Z](?:\.[0-9A-Z]*)?\*?(?![A-Za-z0-9_])|[A-Z]\d{4}\b|\d{4}[A-Z]\b/, token: "atom"},
      {regex: /\d+(?:\.\d+)?/, token: "number"},
      {regex: words(outcomes), token: "builtin"},
      {regex: words(declarations), token: "keyword", sol: false},
      {regex: words(clauses), token: "keyword"},
      {regex: words(operators), token: "operator"},
      {regex: /[A-Za-z_][A-Za-z0-9_]*/, token: "variable"},
      {regex: /!=|<=|>=|[=<>+\-*\/]/, token: "operator"},
      {regex: /[{}\[\]()]/, token: "bracket"}
    ],
    meta: {lineComment: "#"}
  });
  CodeMirror.defineMIME("text/x-ppl", "ppl");
})();
