// Loads the site's Welsh lunr plugin (docs/assets/javascripts/lunr/min/lunr.cy.min.js) in Node
// with the few lunr pieces it touches, and prints what it makes of the words given as JSON on
// stdin: {"variants": {...}, "radicals": {...}, "mutations": {...}, "fold": {...}, "query": {...}}.
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
function Query() {}
Query.prototype.clause = function (options) {
  return options;
};
const lunr = { Token, Query, Pipeline: { registerFunction() {} } };
const plugin = path.join(__dirname, "..", "docs", "assets", "javascripts", "lunr", "min", "lunr.cy.min.js");
vm.runInNewContext(fs.readFileSync(plugin, "utf8"), { self: { lunr } });

const words = JSON.parse(fs.readFileSync(0, "utf8"));
const table = (fn) => Object.fromEntries(words.map((word) => [word, fn(word)]));
const pipeline = (word) => {
  const trimmed = lunr.cy.trimmer(new Token(word));
  return (lunr.cy.expander(trimmed) || []).map((token) => token.toString());
};
console.log(
  JSON.stringify({
    variants: table(pipeline),
    radicals: table((word) => lunr.cy.radicalsOf(lunr.cy.fold(word))),
    mutations: table((word) => lunr.cy.mutationsOf(lunr.cy.fold(word))),
    fold: table(lunr.cy.fold),
    query: table((word) => new Query().clause({ term: word }).term),
  }),
);
