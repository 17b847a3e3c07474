// render.js: result tables in the paper's layout, exports (CSV, Markdown,
// LaTeX, JSON) and SVG plots. Every piece of text reaches the page through
// textContent or createTextNode, never innerHTML, so a cell holding markup
// is shown as text.

const SVG = "http://www.w3.org/2000/svg";

export function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "text") e.textContent = v;
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k instanceof Node ? k : document.createTextNode(String(k)));
  return e;
}

function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

// pValue of a coefficient: the result's own p-value. As in core/report, no
// p-value means no stars (a t-statistic alone does not say which
// distribution the estimator uses).
export function pValue(col, name) {
  return col.pvalue && Number.isFinite(col.pvalue[name]) ? col.pvalue[name] : NaN;
}

export function stars(p) {
  return !Number.isFinite(p) ? "" : p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}

export function fmt(v, digits = 4) {
  if (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v))) return "";
  if (typeof v !== "number") return String(v);
  if (digits === 0) return String(Math.round(v));
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e7)) return v.toExponential(digits - 1);
  return v.toFixed(digits);
}

// STAT_LABELS are the bottom rows of a paper table, in order, for the keys of
// the reg/gmm JSON (issues 3, 4).
const STAT_LABELS = [
  ["nobs", "N"], ["r2_adj", "Adj. R²"], ["r2_within", "Within R²"],
  ["kp_lm", "KP rk LM"], ["kp_lm_p", "KP rk LM p"], ["kp_wald_f", "KP rk Wald F"], ["cd_wald_f", "CD Wald F"],
  ["hansen_j", "Hansen J"], ["hansen_j_p", "Hansen J p"], ["sargan", "Sargan"], ["sargan_p", "Sargan p"],
  ["ar1_p", "AR(1) p"], ["ar2_p", "AR(2) p"], ["hansen_p", "Hansen p"], ["ninstruments", "Instruments"], ["ngroups", "Groups"],
];

// modelColumns turns a result into paper-table columns: a replicate table's
// columns, or one reg/gmm result.
export function modelColumns(result, label = "(1)") {
  if (result && Array.isArray(result.columns)) return result.columns;
  return [Object.assign({ label }, result)];
}

// paperMatrix lays columns out as the paper does: a coefficient row with
// stars, under it the t-statistic (or SE) in parentheses, then yes/no rows,
// N, adjusted R² and the diagnostics present. meta is a replicate table's
// ordering and labels (var_order, var_labels, row_order, stat_order,
// stat_labels). Returns {head, rows, kinds}.
export function paperMatrix(columns, paren = "tstat", meta = {}) {
  let names = (meta.var_order || []).slice();
  if (!names.length) {
    for (const c of columns) for (const k of c.order || c.names || []) if (!names.includes(k) && c.coef && k in c.coef) names.push(k);
    for (const c of columns) for (const k of Object.keys(c.coef || {})) if (!names.includes(k)) names.push(k);
    // The constant goes last, as in Stata's tables.
    names.sort((a, b) => (a === "_cons" || a === "(Intercept)") - (b === "_cons" || b === "(Intercept)"));
  }
  const vlab = meta.var_labels || {};
  const head = [""].concat(columns.map((c, i) => c.label || "(" + (i + 1) + ")"));
  const rows = [], kinds = [];
  if (columns.some((c) => c.estimator || c.model)) { rows.push(["estimator"].concat(columns.map((c) => c.estimator || c.model || ""))); kinds.push("meta"); }
  if (columns.some((c) => c.depvar || c.y)) { rows.push(["dependent"].concat(columns.map((c) => c.depvar || c.y || ""))); kinds.push("meta"); }
  for (const n of names) {
    rows.push([vlab[n] || n].concat(columns.map((c) => (c.coef && n in c.coef ? fmt(c.coef[n]) + stars(pValue(c, n)) : ""))));
    kinds.push("coef");
    rows.push([""].concat(columns.map((c) => {
      const v = paren === "se" ? c.se && c.se[n] : (c.tstat && Number.isFinite(c.tstat[n]) ? c.tstat[n] : c.se && c.coef && c.se[n] > 0 ? c.coef[n] / c.se[n] : undefined);
      return c.coef && n in c.coef && Number.isFinite(v) ? "(" + fmt(v, paren === "se" ? 4 : 2) + ")" : "";
    })));
    kinds.push("paren");
  }
  let yn = (meta.row_order || []).slice();
  if (!yn.length) yn = [...new Set(columns.flatMap((c) => Object.keys(c.rows || {})))].sort();
  for (const k of yn) { rows.push([k].concat(columns.map((c) => (c.rows && c.rows[k]) || ""))); kinds.push("stat"); }
  const slab = meta.stat_labels || {};
  let extra = (meta.stat_order || []).slice();
  if (!extra.length) extra = [...new Set(columns.flatMap((c) => Object.keys(c.stats || {})))].sort();
  const keys = STAT_LABELS.filter(([k]) => !extra.includes(k)).concat(extra.map((k) => [k, slab[k] || (STAT_LABELS.find((x) => x[0] === k) || [k, k])[1]]));
  for (const [key, lab] of keys) {
    const vals = columns.map((c) => (c[key] !== undefined && typeof c[key] !== "object" ? c[key] : c.stats && c.stats[key]));
    if (vals.every((v) => v === undefined || v === null || (typeof v === "number" && !Number.isFinite(v)))) continue;
    rows.push([lab].concat(vals.map((v) => fmt(v, key === "nobs" || key === "ninstruments" || key === "ngroups" ? 0 : 3))));
    kinds.push("stat");
  }
  return { head, rows, kinds };
}

// rowsMatrix lays out an array of flat objects (io, malmquist, panel rows).
export function rowsMatrix(rows, limit = Infinity) {
  const head = [];
  for (const r of rows.slice(0, 50)) for (const k of Object.keys(r)) if (!head.includes(k)) head.push(k);
  const cell = (v) => (typeof v === "number" && Number.isInteger(v) && Math.abs(v) < 1e15 ? String(v) : fmt(v, 6));
  const out = rows.slice(0, limit).map((r) => head.map((k) => cell(r[k])));
  return { head, rows: out, kinds: out.map(() => "data") };
}

export function matrixTable(m, caption) {
  const t = el("table", { class: "grid paper" });
  if (caption) t.append(el("caption", { text: caption }));
  const thead = el("thead"), tr = el("tr");
  for (const h of m.head) tr.append(el("th", { text: h }));
  thead.append(tr);
  const tbody = el("tbody");
  m.rows.forEach((r, i) => {
    const row = el("tr", { class: m.kinds[i] });
    r.forEach((v, j) => row.append(el(j === 0 && m.kinds[i] !== "data" ? "th" : "td", { text: v })));
    tbody.append(row);
  });
  t.append(thead, tbody);
  return t;
}

// Exports of one matrix.
function csvCell(s) { return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; }
export function toCSV(m) { return [m.head].concat(m.rows).map((r) => r.map(csvCell).join(",")).join("\n") + "\n"; }
function mdCell(s) { return s.replace(/\|/g, "\\|").replace(/\*/g, "\\*").replace(/\n/g, " "); }
export function toMarkdown(m, title) {
  const lines = [];
  if (title) lines.push("**" + mdCell(title) + "**", "");
  lines.push("| " + m.head.map(mdCell).join(" | ") + " |", "|" + m.head.map((_, i) => (i ? "---:" : ":---")).join("|") + "|");
  for (const r of m.rows) lines.push("| " + r.map(mdCell).join(" | ") + " |");
  return lines.join("\n") + "\n";
}
function texCell(s) {
  return s.replace(/\\/g, "\\textbackslash{}").replace(/([&%$#_{}])/g, "\\$1").replace(/~/g, "\\textasciitilde{}")
    .replace(/\^/g, "\\textasciicircum{}").replace(/(\*+)$/, "$^{$1}$").replace(/²/g, "$^2$");
}
export function toLaTeX(m, title) {
  const lines = ["\\begin{table}[htbp]\\centering"];
  if (title) lines.push("\\caption{" + texCell(title) + "}");
  lines.push("\\begin{tabular}{l" + "c".repeat(m.head.length - 1) + "}", "\\toprule");
  lines.push(m.head.map(texCell).join(" & ") + " \\\\", "\\midrule");
  let statsStarted = false;
  m.rows.forEach((r, i) => {
    if (m.kinds[i] === "stat" && !statsStarted) { lines.push("\\midrule"); statsStarted = true; }
    lines.push(r.map(texCell).join(" & ") + " \\\\");
  });
  lines.push("\\bottomrule", "\\multicolumn{" + m.head.length + "}{l}{\\footnotesize $^{*}p<0.10$, $^{**}p<0.05$, $^{***}p<0.01$.}\\\\",
    "\\end{tabular}", "\\end{table}");
  return lines.join("\n") + "\n";
}

// Plots -----------------------------------------------------------------

// techGroup classifies a WIOD manufacturing code by the paper's groups:
// low tech C10–C18 and C31–C32, mid-low C19–C25, high C26–C30.
export function techGroup(code) {
  const m = /^C(\d\d)/.exec(String(code));
  if (!m) return "";
  const n = +m[1];
  if ((n >= 10 && n <= 18) || n === 31 || n === 32) return "low";
  if (n >= 19 && n <= 25) return "mid-low";
  if (n >= 26 && n <= 30) return "high";
  return "";
}

function frame(w, h, title) {
  const s = svg("svg", { viewBox: `0 0 ${w} ${h}`, width: w, height: h, role: "img", class: "plot" });
  s.append(svg("title", {}, title), svg("text", { x: w / 2, y: 16, "text-anchor": "middle", class: "plot-title" }, title));
  return s;
}

function axes(s, x0, y0, x1, y1, ymin, ymax, ticks = 5) {
  s.append(svg("line", { x1: x0, y1: y1, x2: x1, y2: y1, class: "axis" }), svg("line", { x1: x0, y1: y0, x2: x0, y2: y1, class: "axis" }));
  for (let i = 0; i <= ticks; i++) {
    const v = ymin + ((ymax - ymin) * i) / ticks, y = y1 - ((y1 - y0) * i) / ticks;
    s.append(svg("line", { x1: x0 - 4, y1: y, x2: x1, y2: y, class: "gridline" }), svg("text", { x: x0 - 6, y: y + 4, "text-anchor": "end" }, fmt(v, 3)));
  }
}

const COLORS = { low: "#1b9e77", "mid-low": "#d95f02", high: "#7570b3", all: "#444" };

// digPlot: mean Dig by year for each tech group (rows of the io output).
export function digPlot(rows, title = "Dig over time by tech group", key = "dig") {
  const groups = new Map();
  for (const r of rows) {
    const g = r.tech || techGroup(r.industry);
    if (!g || !Number.isFinite(r[key]) || !Number.isFinite(+r.year)) continue;
    if (!groups.has(g)) groups.set(g, new Map());
    const m = groups.get(g), y = +r.year, a = m.get(y) || [0, 0];
    a[0] += r[key]; a[1]++; m.set(y, a);
  }
  if (groups.size === 0) return null;
  const years = [...new Set([...groups.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const series = [...groups.entries()].map(([g, m]) => [g, years.filter((y) => m.has(y)).map((y) => [y, m.get(y)[0] / m.get(y)[1]])]);
  const vals = series.flatMap(([, p]) => p.map((q) => q[1]));
  let ymin = Math.min(...vals), ymax = Math.max(...vals);
  if (ymin === ymax) { ymin -= 0.01; ymax += 0.01; }
  const W = 560, H = 300, x0 = 60, x1 = W - 90, y0 = 30, y1 = H - 40;
  const s = frame(W, H, title);
  axes(s, x0, y0, x1, y1, ymin, ymax);
  const X = (y) => (years.length === 1 ? (x0 + x1) / 2 : x0 + ((x1 - x0) * (y - years[0])) / (years[years.length - 1] - years[0]));
  const Y = (v) => y1 - ((y1 - y0) * (v - ymin)) / (ymax - ymin);
  for (const y of years) s.append(svg("text", { x: X(y), y: y1 + 16, "text-anchor": "middle", class: "tick" }, String(y)));
  series.forEach(([g, pts], i) => {
    const color = COLORS[g] || "#888";
    s.append(svg("polyline", { points: pts.map(([y, v]) => `${X(y)},${Y(v)}`).join(" "), fill: "none", stroke: color, "stroke-width": 2 }));
    s.append(svg("text", { x: x1 + 8, y: y0 + 16 * (i + 1), fill: color }, g));
  });
  return s;
}

// coefPlot: one variable's coefficient with its 95% interval (±1.96·SE)
// across the columns of a table.
export function coefPlot(columns, name, title) {
  const pts = columns.map((c, i) => ({ label: c.label || "(" + (i + 1) + ")", b: c.coef && c.coef[name], se: c.se && c.se[name] }))
    .filter((p) => Number.isFinite(p.b));
  if (pts.length === 0) return null;
  const lo = pts.map((p) => (Number.isFinite(p.se) ? p.b - 1.96 * p.se : p.b)), hi = pts.map((p) => (Number.isFinite(p.se) ? p.b + 1.96 * p.se : p.b));
  let ymin = Math.min(0, ...lo), ymax = Math.max(0, ...hi);
  if (ymin === ymax) { ymin -= 1; ymax += 1; }
  const W = Math.max(320, 70 * pts.length + 100), H = 280, x0 = 60, x1 = W - 20, y0 = 30, y1 = H - 40;
  const s = frame(W, H, title || name + ": coefficient and 95% interval by column");
  axes(s, x0, y0, x1, y1, ymin, ymax);
  const Y = (v) => y1 - ((y1 - y0) * (v - ymin)) / (ymax - ymin);
  s.append(svg("line", { x1: x0, y1: Y(0), x2: x1, y2: Y(0), class: "zero" }));
  pts.forEach((p, i) => {
    const x = x0 + ((x1 - x0) * (i + 0.5)) / pts.length;
    s.append(svg("line", { x1: x, y1: Y(lo[i]), x2: x, y2: Y(hi[i]), class: "ci" }), svg("circle", { cx: x, cy: Y(p.b), r: 4, class: "pt" }),
      svg("text", { x, y: y1 + 16, "text-anchor": "middle", class: "tick" }, p.label));
  });
  return s;
}
