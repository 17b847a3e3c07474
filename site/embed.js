// embed.js: one result table for the spec in the URL (#spec=...; optional
// &table=<id> picks a table of a replicate run, &paren=se shows standard
// errors). Demo-data specs generate the demo first; other specs need the
// named tables in this browser's storage (the same origin's IndexedDB).
import { wiodlab } from "./wiodlab.mjs";
import * as R from "./render.js";
import { specFromLocation, optionsFromForm, tablesNeeded } from "./spec.js";

globalThis.wiodlab = wiodlab;
const status = document.getElementById("status");
const errBox = document.getElementById("error");

function param(name) {
  const m = new RegExp("[#&?]" + name + "=([^&]*)").exec(location.hash + "&" + location.search);
  return m ? decodeURIComponent(m[1]) : "";
}

async function main() {
  const spec = specFromLocation();
  if (!spec) throw new Error("no specification in the URL: use embed.html#spec=… (copy it from the app's “Copy link to this run”)");
  document.getElementById("open").href = "index.html#spec=" + location.hash.replace(/^.*spec=([A-Za-z0-9_-]+).*$/, "$1");
  await wiodlab.ready;
  const have = new Set((await wiodlab.tables.list()).map((i) => i.name));
  if (spec.f.demo && ![...have].some((n) => n.startsWith("demo_"))) {
    status.textContent = "generating the demo data…";
    await wiodlab.demo({ size: "small", seed: 1 });
  }
  const missing = tablesNeeded(spec.m, spec.f).filter((n) => !have.has(n));
  if (missing.length) throw new Error("this result needs tables that are not in this browser: " + missing.join(", "));
  status.textContent = "running " + spec.m + "…";
  const presets = {};
  if (spec.m === "io") for (const p of ["wiod2016", "wiod2013"]) presets[p] = await wiodlab.sectors(p);
  const result = await wiodlab[spec.m](Object.assign(optionsFromForm(spec.m, spec.f, presets), {
    onProgress: (f, m) => { status.textContent = `${Math.round(100 * f)}% ${m}`; },
  }));
  const paren = param("paren") === "se" ? "se" : "tstat";
  let node;
  if (result && Array.isArray(result.tables)) {
    const id = param("table");
    const tb = result.tables.find((x) => x.id === id) || result.tables[0];
    node = R.matrixTable(R.paperMatrix(tb.columns, paren, tb), [tb.id, tb.title].filter(Boolean).join(": "));
  } else if (result && result.coef) {
    node = R.matrixTable(R.paperMatrix(R.modelColumns(result), paren), spec.f.formula || spec.m);
  } else {
    const rows = Array.isArray(result) ? result : result.rows || [];
    node = R.matrixTable(R.rowsMatrix(rows, 200), spec.m);
  }
  document.getElementById("result").replaceChildren(R.el("div", { class: "scroll" }, node));
  status.textContent = "";
  document.body.dataset.ready = "1";
}

main().catch((e) => {
  status.textContent = "";
  errBox.textContent = e.message;
  errBox.hidden = false;
});
