// Unit tests of the page's pure modules (site/spec.js, site/render.js) under
// Node; run by run.sh. The DOM parts are covered by e2e.mjs.
import assert from "node:assert/strict";
import { encodeSpec, decodeSpec, optionsFromForm, tablesNeeded } from "../../site/spec.js";
import { paperMatrix, toCSV, toMarkdown, toLaTeX, stars, fmt, techGroup, rowsMatrix } from "../../site/render.js";

// A spec survives the URL, including non-ASCII text.
const spec = { m: "reg", f: { data: "面板.csv", formula: "Var ~ Dig | id + year", "vcov-kind": "cluster", "vcov-cluster": "id" } };
assert.deepEqual(decodeSpec(encodeSpec(spec)), spec);
assert.match(encodeSpec(spec), /^[A-Za-z0-9_-]+$/);
assert.throws(() => decodeSpec(encodeSpec({ x: 1 })));

// Options use the CLI's flag names.
assert.deepEqual(optionsFromForm("reg", spec.f), { data: "面板.csv", formula: "Var ~ Dig | id + year", vcov: "cluster:id" });
assert.deepEqual(optionsFromForm("reg", { data: "p", formula: "y~x", "vcov-kind": "cluster2", "vcov-cluster": "id", "vcov-cluster2": "year", winsor: "y:0.05", if: "year != 2008" }),
  { data: "p", formula: "y~x", vcov: "cluster:id+year", winsor: ["y:0.05"], if: "year != 2008" });
const presets = { wiod2016: { name: "wiod2016", digital: ["C26", "J61", "J62_J63"], services: ["G45"], manufacturing: ["C26"], tech_group: { C26: "high" } },
  wiod2013: { name: "wiod2013", digital: ["c14"], services: ["c19"], manufacturing: ["c14"], tech_group: { c14: "high" } } };
const io = optionsFromForm("io", { wiot: ["a", "b"], sectors: "custom", codes: ["C26", "J61"], all_industries: true }, presets);
assert.deepEqual(JSON.parse(io.sectors), Object.assign({}, presets.wiod2016, { name: "custom", digital: ["C26", "J61"] }));
assert.equal(JSON.parse(optionsFromForm("io", { sectors: "custom", codes: ["c14", "c3"] }, presets).sectors).services[0], "c19");
assert.deepEqual(optionsFromForm("io", { wiot: ["a"], sectors: "wiod2013" }), { wiot: ["a"], sectors: "wiod2013" });
assert.deepEqual(optionsFromForm("replicate", { demo: true, wiot: ["x"] }), { demo: true });
assert.deepEqual(optionsFromForm("replicate", { demo: false, wiot: ["w1"], sea: "s", macro: "m" }), { wiot: ["w1"], sea: ["s"], macro: "m" });
assert.deepEqual(tablesNeeded("replicate", { demo: false, wiot: ["w1"], sea: "s", macro: "m" }), ["s", "m", "w1"]);
assert.deepEqual(tablesNeeded("replicate", { demo: true }), []);

// Stars follow the p-value: 10/5/1%.
assert.equal(stars(0.2), ""); assert.equal(stars(0.09), "*"); assert.equal(stars(0.049), "**"); assert.equal(stars(0.0099), "***"); assert.equal(stars(NaN), "");
assert.equal(fmt(0.56821555), "0.5682"); assert.equal(fmt(1234, 0), "1234"); assert.equal(fmt(5), "5.0000"); assert.equal(fmt(NaN), ""); assert.equal(fmt(null), "");
assert.equal(techGroup("C10-C12"), "low"); assert.equal(techGroup("C31_C32"), "low"); assert.equal(techGroup("C20"), "mid-low"); assert.equal(techGroup("C26"), "high"); assert.equal(techGroup("J61"), "");

// A paper table: coefficient rows with stars, t in parentheses, stats below.
const cols = [
  { label: "(1)", estimator: "FE", coef: { Dig: 0.5, _cons: 1 }, se: { Dig: 0.1, _cons: 0.5 }, pvalue: { Dig: 0.001, _cons: 0.2 }, nobs: 100, r2_adj: 0.25 },
  { label: "(2)", estimator: "2SLS", coef: { Dig: 0.4, scale: -0.2 }, se: { Dig: 0.3, scale: 0.1 }, tstat: { Dig: 1.3333, scale: -2 }, pvalue: { Dig: 0.2, scale: 0.04 }, nobs: 90, stats: { kp_lm: 12.5 } },
];
const m = paperMatrix(cols);
assert.deepEqual(m.head, ["", "(1)", "(2)"]);
const row = (name) => m.rows[m.rows.findIndex((r) => r[0] === name)];
assert.deepEqual(row("Dig"), ["Dig", "0.5000***", "0.4000"]);
assert.deepEqual(m.rows[m.rows.findIndex((r) => r[0] === "Dig") + 1], ["", "(5.00)", "(1.33)"]);
assert.deepEqual(row("scale"), ["scale", "", "-0.2000**"]);
assert.equal(m.rows.map((r) => r[0]).filter((n) => ["Dig", "scale", "_cons"].includes(n)).join(","), "Dig,scale,_cons");
assert.deepEqual(row("N"), ["N", "100", "90"]);
assert.deepEqual(row("KP rk LM"), ["KP rk LM", "", "12.500"]);
const se = paperMatrix(cols, "se");
assert.deepEqual(se.rows[se.rows.findIndex((r) => r[0] === "Dig") + 1], ["", "(0.1000)", "(0.3000)"]);
// Replicate metadata orders and labels rows.
const lab = paperMatrix(cols, "tstat", { var_order: ["scale", "Dig"], var_labels: { Dig: "Digital dependence" } });
assert.deepEqual(lab.rows.filter((r, i) => lab.kinds[i] === "coef").map((r) => r[0]), ["scale", "Digital dependence"]);

// Exports escape what their format needs.
const x = { head: ["", "a,b"], rows: [["x|y", 'q"1'], ["_cons", "0.5***"]], kinds: ["coef", "coef"] };
assert.equal(toCSV(x), ',"a,b"\nx|y,"q""1"\n_cons,0.5***\n');
assert.match(toMarkdown(x), /\| x\\\|y \| q"1 \|/);
assert.match(toMarkdown(x), /0\.5\\\*\\\*\\\*/);
const tex = toLaTeX(x, "T & 100%");
assert.match(tex, /\\caption\{T \\& 100\\%\}/);
assert.match(tex, /\\_cons & 0\.5\$\^\{\*\*\*\}\$ \\\\/);
assert.match(tex, /\\toprule[\s\S]*\\bottomrule/);
assert.deepEqual(rowsMatrix([{ a: 1, b: "x" }, { a: 2.5, c: true }]).head, ["a", "b", "c"]);

console.log("unit: all passed");
