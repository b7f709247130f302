// Loads the site's Welsh lunr plugin (docs/assets/javascripts/lunr/min/lunr.cy.min.js) in Node
// with the few lunr pieces it touches, and prints what it makes of the words given as JSON on
// stdin: {"variants": {...}, "radicals": {...}, "mutations": {...}, "fold": {...}, "query": {...},
// "family": {...}}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

class Token {
  constructor(str, metadata) {
    this.str = str;
    this.metadata = metadata || {};
  }
  toString() {
    return this.str;
  }
  update(fn) {
    this.str = fn(this.str, this.metadata);
    return this;
  }
  clone(fn) {
    return new Token((fn || ((s) => s))(this.str, this.metadata), this.metadata);
  }
}
function Query() {
  this.clauses = [];
}
Query.prototype.clause = function (options) {
  this.clauses.push(options);
  return this;
};
Query.presence = { OPTIONAL: 1, REQUIRED: 2, PROHIBITED: 3 };
Query.wildcard = { NONE: 0, LEADING: 1, TRAILING: 2 };
const lunr = { Token, Query, Pipeline: { registerFunction() {} } };
// The source file, or a built copy (with hunspell's families filled in) named by LUNR_CY.
const plugin =
  process.env.LUNR_CY ||
  path.join(__dirname, "..", "docs", "assets", "javascripts", "lunr", "min", "lunr.cy.min.js");
vm.runInNewContext(fs.readFileSync(plugin, "utf8"), { self: { lunr } });

const words = JSON.parse(fs.readFileSync(0, "utf8"));
const table = (fn) => Object.fromEntries(words.map((word) => [word, fn(word)]));
const pipeline = (word) => {
  const trimmed = lunr.cy.trimWelsh(new Token(word));
  return (lunr.cy.expandWelsh(trimmed) || []).map((token) => token.toString());
};
// A query term's clauses: [term, boost] for each, as Material's parser would give it.
const clauses = (word) =>
  new Query()
    .clause({ term: `${word}*`, usePipeline: false })
    .clauses.map((clause) => [clause.term, clause.boost || 1]);
console.log(
  JSON.stringify({
    variants: table(pipeline),
    radicals: table((word) => lunr.cy.radicalsOf(lunr.cy.fold(word))),
    mutations: table((word) => lunr.cy.mutationsOf(lunr.cy.fold(word))),
    fold: table(lunr.cy.fold),
    query: table(clauses),
    family: table((word) => lunr.cy.familyOf(lunr.cy.fold(word))),
  }),
);
