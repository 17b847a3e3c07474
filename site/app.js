// app.js: the page. It talks to the engine only through the `wiodlab` API
// (wiodlab.mjs), which runs the WebAssembly module in Web Workers.
import { wiodlab } from "./wiodlab.mjs";
import * as R from "./render.js";
import { t, setLang, lang, initialLang } from "./i18n.js";
import { encodeSpec, specFromLocation, optionsFromForm, tablesNeeded } from "./spec.js";

globalThis.wiodlab = wiodlab; // for the console and for scripts on the page

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const show = (e, on = true) => { e.hidden = !on; };

let tableList = [];
const presets = {}; // wiod2016, wiod2013: wiodlab.sectors(), for ticked sector sets
let current = null; // {m, f, options, result, blocks}

function showError(box, err) {
  box.textContent = err ? String(err.message || err) : "";
  show(box, !!err);
}

// Tables ---------------------------------------------------------------

async function refreshTables() {
  tableList = await wiodlab.tables.list();
  const tbody = $("#tables tbody");
  tbody.replaceChildren();
  for (const info of tableList) {
    const preview = R.el("button", { type: "button", class: "link", text: info.name });
    preview.addEventListener("click", () => previewTable(info.name));
    const remove = R.el("button", { type: "button", class: "small", text: t("remove") });
    remove.addEventListener("click", async () => { await wiodlab.tables.remove(info.name); await refreshTables(); });
    tbody.append(R.el("tr", { "data-name": info.name },
      R.el("td", {}, preview), R.el("td", { text: info.rows }), R.el("td", { text: info.columns.length }),
      R.el("td", { text: humanBytes(info.bytes) }), R.el("td", { text: info.source }), R.el("td", {}, remove)));
  }
  show($("#tables"), tableList.length > 0);
  show($("#no-tables"), tableList.length === 0);
  for (const sel of $$("select[data-tables]")) {
    const keep = new Set($$("option:checked", sel).map((o) => o.value));
    sel.replaceChildren();
    if (!sel.multiple) sel.append(R.el("option", { value: "", text: "—" }));
    for (const info of tableList) {
      const o = R.el("option", { value: info.name, text: info.name });
      o.selected = keep.has(info.name) || (sel.multiple && keep.size === 0 && sel.name === "wiot" && /wiot/i.test(info.name));
      sel.append(o);
    }
  }
}

function humanBytes(n) {
  return n < 1024 ? n + " B" : n < 1 << 20 ? (n / 1024).toFixed(1) + " kB" : (n / (1 << 20)).toFixed(1) + " MB";
}

async function previewTable(name) {
  const h = await wiodlab.tables.head(name, 20);
  $("#preview-name").textContent = name;
  $("#preview-dims").textContent = `${h.rows} × ${h.columns.length}`;
  const m = { head: h.columns.map((c) => c.name), rows: h.cells, kinds: h.cells.map(() => "data") };
  $("#preview-table").replaceWith(Object.assign(R.matrixTable(m), { id: "preview-table" }));
  show($("#preview"));
}

async function importFiles(files) {
  showError($("#import-error"), null);
  const errors = [];
  let last = null;
  for (const file of files) {
    setProgress(0, file.name);
    try {
      await wiodlab.tables.import(file.name, file);
      last = file.name;
    } catch (e) {
      errors.push(e.message);
    }
  }
  setProgress(null);
  if (errors.length) showError($("#import-error"), errors.join("\n"));
  await refreshTables();
  if (last) await previewTable(last);
}

async function openDemo() {
  showError($("#import-error"), null);
  try {
    await wiodlab.demo({ size: "small", seed: 1, onProgress: setProgress });
  } catch (e) {
    showError($("#import-error"), e);
  } finally {
    setProgress(null);
  }
  await refreshTables();
}

// Progress ------------------------------------------------------------

function setProgress(fraction, message) {
  const box = $("#progress");
  if (fraction === null) { show(box, false); return; }
  show(box);
  const bar = $("progress", box);
  if (Number.isFinite(fraction)) bar.value = fraction; else bar.removeAttribute("value");
  $("#progress-msg").textContent = message || t("working");
}

// Forms ---------------------------------------------------------------

function formState(form) {
  const f = {};
  for (const e of form.elements) {
    if (!e.name) continue;
    if (e.type === "checkbox") f[e.name] = e.checked;
    else if (e.tagName === "SELECT" && e.multiple) f[e.name] = $$("option:checked", e).map((o) => o.value);
    else f[e.name] = e.value;
  }
  if (form.dataset.method === "io") f.codes = $$("#codes input:checked").map((c) => c.value);
  return f;
}

function fillForm(form, f) {
  for (const e of form.elements) {
    if (!e.name || !(e.name in f)) continue;
    const v = f[e.name];
    if (e.type === "checkbox") e.checked = !!v;
    else if (e.tagName === "SELECT" && e.multiple) for (const o of e.options) o.selected = Array.isArray(v) && v.includes(o.value);
    else {
      if (e.tagName === "SELECT" && ![...e.options].some((o) => o.value === v)) e.append(R.el("option", { value: v, text: v }));
      e.value = v;
    }
  }
  syncForm(form);
}

function syncForm(form) {
  const demo = form.elements.demo;
  for (const fs of $$(".nodemo", form)) fs.disabled = !!(demo && demo.checked);
}

function selectTab(name) {
  for (const b of $$(".tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === name));
  for (const f of $$("form.tab")) show(f, f.dataset.method === name);
}

async function loadCodes() {
  const form = $("#form-io");
  const box = $("#codes");
  const custom = form.elements.sectors.value === "custom";
  show(box, custom);
  if (!custom) return;
  const wiot = $$("option:checked", form.elements.wiot).map((o) => o.value)[0];
  box.replaceChildren();
  if (!wiot) return;
  const h = await wiodlab.tables.head(wiot, 5000);
  const j = h.columns.findIndex((c) => /^(IndustryCode|Code|code)$/.test(c.name));
  const codes = j < 0 ? [] : [...new Set(h.cells.map((r) => r[j]).filter(Boolean))];
  const preset = new Set(["C26", "J61", "J62_J63", "c14", "c27", "c30"]);
  for (const c of codes) {
    const cb = R.el("input", { type: "checkbox", value: c });
    cb.checked = preset.has(c);
    box.append(R.el("label", { class: "code" }, cb, " ", c));
  }
}

async function runSpec(m, f) {
  showError($("#run-error"), null);
  const missing = tablesNeeded(m, f).filter((n) => !tableList.some((i) => i.name === n));
  if (missing.length) { showError($("#run-error"), t("need_tables") + " " + missing.join(", ")); return; }
  if (f.demo && !tableList.some((i) => i.name.startsWith("demo_"))) await openDemo();
  let options;
  try {
    options = optionsFromForm(m, f, presets);
  } catch (e) {
    showError($("#run-error"), e);
    return;
  }
  history.replaceState(null, "", "#spec=" + encodeSpec({ m, f }));
  setProgress(0, t("working"));
  const t0 = performance.now();
  try {
    const result = await wiodlab[m](Object.assign({}, options, { onProgress: setProgress }));
    current = { m, f, options, result, ms: performance.now() - t0 };
    renderResult();
    await refreshTables(); // panel and demo add tables
    if (m === "panel" && result.table) await previewTable(result.table);
  } catch (e) {
    showError($("#run-error"), e);
  } finally {
    setProgress(null);
  }
}

// Results --------------------------------------------------------------

// blocks turns a result into titled matrices (what the exports contain).
function blocks(m, result, paren) {
  if (result && Array.isArray(result.tables)) {
    return result.tables.map((tb) => ({ title: [tb.id, tb.title].filter(Boolean).join(": "), columns: tb.columns, matrix: R.paperMatrix(tb.columns, paren, tb) }));
  }
  if (result && result.coef) {
    const cols = R.modelColumns(result, "(1)");
    return [{ title: m + (current.options.formula ? ": " + current.options.formula : ""), columns: cols, matrix: R.paperMatrix(cols, paren) }];
  }
  const rows = Array.isArray(result) ? result : result && Array.isArray(result.rows) ? result.rows : null;
  if (rows && rows.length && typeof rows[0] === "object") return [{ title: m, rows, matrix: R.rowsMatrix(rows) }];
  return [{ title: m, matrix: { head: ["key", "value"], rows: Object.entries(result || {}).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]), kinds: [] } }];
}

const MAX_ROWS = 500;

function renderResult() {
  const paren = ($("#form-reg").elements.paren || {}).value || "tstat";
  current.blocks = blocks(current.m, current.result, paren);
  const out = $("#results"), plots = $("#plots");
  out.replaceChildren();
  plots.replaceChildren();
  for (const b of current.blocks) {
    const m = b.rows && b.matrix.rows.length > MAX_ROWS ? Object.assign({}, b.matrix, { rows: b.matrix.rows.slice(0, MAX_ROWS) }) : b.matrix;
    const wrap = R.el("div", { class: "scroll" }, R.matrixTable(m, b.title));
    out.append(wrap);
    if (m !== b.matrix) out.append(R.el("p", { class: "hint", text: t("showing_rows", { n: MAX_ROWS, total: b.matrix.rows.length }) }));
    if (b.columns && b.columns.length > 1) {
      const names = [...new Set(b.columns.flatMap((c) => Object.keys(c.coef || {})))].filter((n) => n !== "_cons");
      if (names.length) {
        const sel = R.el("select", { "aria-label": t("variable") });
        for (const n of names) sel.append(R.el("option", { value: n, text: n }));
        sel.value = names.includes("Dig") ? "Dig" : names[0];
        const box = R.el("div", { class: "plotbox" });
        const draw = () => box.replaceChildren(R.coefPlot(b.columns, sel.value, `${b.title} — ${sel.value}: ${t("coef_plot")}`) || "");
        sel.addEventListener("change", draw);
        draw();
        plots.append(R.el("div", { class: "plotctl" }, R.el("label", {}, t("variable") + " ", sel)), box);
      }
    }
    if (b.rows && b.rows.some((r) => "dig" in r && "year" in r)) {
      const p = R.digPlot(b.rows, t("dig_plot"));
      if (p) plots.append(R.el("div", { class: "plotbox" }, p));
    }
  }
  if (current.result && current.result.truth && !Array.isArray(current.result)) {
    const tr = current.result.truth.coef || current.result.truth;
    out.append(R.matrixTable({ head: [t("variable"), "true"], rows: Object.entries(tr).map(([k, v]) => [k, R.fmt(v, 4)]), kinds: [] }, t("truth")));
  }
  $("#results-section").hidden = false;
  $("#status").textContent = `${t("done")} (${(current.ms / 1000).toFixed(2)} s)`;
}

function exportText(kind) {
  const bs = current.blocks;
  switch (kind) {
    case "csv": return bs.map((b) => (bs.length > 1 ? R.toCSV({ head: [b.title], rows: [] }) : "") + R.toCSV(b.matrix)).join("\n");
    case "md": return bs.map((b) => R.toMarkdown(b.matrix, b.title)).join("\n");
    case "latex": return bs.map((b) => R.toLaTeX(b.matrix, b.title)).join("\n");
    default: return JSON.stringify(current.result, null, 1) + "\n";
  }
}

async function doExport(kind) {
  if (!current) return;
  const text = exportText(kind);
  const ext = { csv: "csv", md: "md", latex: "tex", json: "json" }[kind];
  if ($("#download").checked || !navigator.clipboard) {
    const a = R.el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/plain" })), download: `wiodlab-${current.m}.${ext}` });
    document.body.append(a);
    a.click();
    a.remove();
    return;
  }
  try {
    await navigator.clipboard.writeText(text);
    $("#copied").textContent = t("copied");
    setTimeout(() => { $("#copied").textContent = ""; }, 2000);
  } catch (e) {
    $("#download").checked = true;
    doExport(kind);
  }
}

// Start ----------------------------------------------------------------

function wire() {
  $("#lang").addEventListener("click", () => {
    setLang(lang() === "en" ? "zh" : "en");
    $("#lang").textContent = lang() === "en" ? "中文" : "English";
    if (current) renderResult();
  });
  $("#file").addEventListener("change", (e) => importFiles([...e.target.files]).then(() => { e.target.value = ""; }));
  const drop = $("#drop");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); importFiles([...e.dataTransfer.files]); });
  $("#demo").addEventListener("click", openDemo);
  $("#clear").addEventListener("click", async () => {
    if (!confirm(t("clear_confirm"))) return;
    await wiodlab.clear();
    $("#preview").hidden = true;
    await refreshTables();
  });
  for (const b of $$(".tabs button")) b.addEventListener("click", () => selectTab(b.dataset.tab));
  for (const form of $$("form.tab")) {
    form.addEventListener("change", () => syncForm(form));
    form.addEventListener("submit", (e) => { e.preventDefault(); runSpec(form.dataset.method, formState(form)); });
    syncForm(form);
  }
  $("#form-io").elements.sectors.addEventListener("change", loadCodes);
  $("#form-reg").elements.paren.addEventListener("change", () => { if (current && current.result && (current.result.coef || current.result.tables)) renderResult(); });
  for (const b of $$("[data-export]")) b.addEventListener("click", () => doExport(b.dataset.export));
  $("#share").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(location.href); $("#copied").textContent = t("copied"); } catch (e) { prompt("URL", location.href); }
  });
}

async function main() {
  setLang(initialLang());
  $("#lang").textContent = lang() === "en" ? "中文" : "English";
  selectTab("replicate");
  wire();
  try {
    await wiodlab.ready;
  } catch (e) {
    $("#status").textContent = e.message;
    $("#status").classList.add("error");
    return;
  }
  $("#status").textContent = t("ready") + (wiodlab.storage === "memory" ? " " + t("storage_memory") : "");
  $("#version").textContent = "wiodlab " + wiodlab.version;
  for (const p of ["wiod2016", "wiod2013"]) presets[p] = await wiodlab.sectors(p);
  document.body.dataset.ready = "1";
  await refreshTables();
  let spec = null;
  try { spec = specFromLocation(); } catch (e) { showError($("#run-error"), e); }
  if (spec) {
    const form = $(`form[data-method="${spec.m}"]`);
    if (form) {
      selectTab(spec.m);
      fillForm(form, spec.f);
      await runSpec(spec.m, spec.f);
    }
  }
  if ("serviceWorker" in navigator && location.protocol.startsWith("http")) {
    navigator.serviceWorker.register("sw.js").catch(() => { /* offline use is optional */ });
  }
}

main();
