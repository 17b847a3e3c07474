// spec.js: the specification of a run (which subcommand, the form's fields)
// encoded in the URL fragment, and its translation into the options object of
// the wiodlab API (the CLI's flag names). The data is never in the URL: a
// link reproduces a run on the same tables, by name.

export function encodeSpec(spec) {
  const bytes = new TextEncoder().encode(JSON.stringify(spec));
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeSpec(s) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const spec = JSON.parse(new TextDecoder().decode(bytes));
  if (!spec || typeof spec !== "object" || typeof spec.m !== "string" || typeof spec.f !== "object") throw new Error("not a wiodlab link");
  return spec;
}

// specFromLocation reads #spec=... (or ?spec=...).
export function specFromLocation(loc = location) {
  const m = /[#&?]spec=([A-Za-z0-9_-]+)/.exec(loc.hash + "&" + loc.search);
  return m ? decodeSpec(m[1]) : null;
}

const list = (s) => String(s || "").split(/[\s,]+/).filter(Boolean);

// customSectors returns the JSON text of a user-defined classification: the
// preset of the codes' release (wiod2013 codes are c1 … c35) with the ticked
// codes as the digital set. presets maps preset names to wiodlab.sectors().
export function customSectors(codes, presets) {
  const release = codes.length && codes.every((c) => /^c\d+$/.test(c)) ? "wiod2013" : "wiod2016";
  const base = presets[release];
  if (!base) throw new Error("sector preset " + release + " not loaded");
  return JSON.stringify(Object.assign({}, base, { name: "custom", digital: codes }));
}

// optionsFromForm builds the API options of method m from the form state f
// (field name -> string | boolean | string[]); presets as for customSectors.
export function optionsFromForm(m, f, presets = {}) {
  const o = {};
  const set = (k, v) => { if (v !== undefined && v !== "" && v !== false && !(Array.isArray(v) && v.length === 0)) o[k] = v; };
  switch (m) {
    case "replicate":
    case "panel":
      if (f.demo) o.demo = true;
      else { set("wiot", f.wiot); set("sea", f.sea ? [f.sea] : undefined); set("macro", f.macro); }
      break;
    case "io":
      set("wiot", f.wiot);
      set("sectors", f.sectors === "custom" ? customSectors(f.codes || [], presets) : f.sectors);
      set("all_industries", !!f.all_industries);
      break;
    case "reg": {
      set("data", f.data); set("formula", f.formula); set("panel", f.panel);
      const k = f["vcov-kind"];
      set("vcov", k === "cluster" ? "cluster:" + (f["vcov-cluster"] || "") : k === "cluster2" ? "cluster:" + f["vcov-cluster"] + "+" + f["vcov-cluster2"] : k);
      set("winsor", f.winsor ? [f.winsor] : undefined); set("if", f.if);
      break;
    }
    case "gmm":
      for (const k of ["data", "panel", "y", "x", "iv"]) set(k, f[k]);
      set("gmm", f.gmm ? [f.gmm] : undefined);
      for (const k of ["nolevel", "twostep", "robust", "collapse", "timedummies"]) set(k, !!f[k]);
      break;
    case "malmquist":
      for (const k of ["data", "dmu", "time", "group", "orientation"]) set(k, f[k]);
      set("inputs", f.inputs ? [f.inputs] : undefined); set("outputs", f.outputs ? [f.outputs] : undefined);
      break;
    default:
      throw new Error("unknown subcommand " + m);
  }
  return o;
}

// tablesNeeded lists the stored tables a run reads.
export function tablesNeeded(m, f) {
  if ((m === "replicate" || m === "panel") && f.demo) return [];
  const out = [];
  for (const k of ["data", "sea", "macro"]) if (typeof f[k] === "string" && f[k]) out.push(f[k]);
  if (Array.isArray(f.wiot)) out.push(...f.wiot);
  return out;
}
