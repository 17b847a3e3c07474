// worker.js runs the wiodlab WebAssembly module in a Web Worker, so that long
// computations never freeze the page. The page talks to it through the proxy
// in wiodlab.mjs with messages:
//
//   page -> worker  {id, path: "tables.import" | "reg" | ..., args: [...]}
//                   an options object with onProgress: true gets a callback
//                   that posts progress messages
//   worker -> page  {ready: {version, storage}} once, or {fatal: message}
//                   {engine: WebAssembly.Module} once compiled here
//                   {warmedUp: ms} when the warm-up (wasm/warmup.go) ended
//                   {id, progress: [fraction, message]}
//                   {id, ok: value} | {id, error: {message, command}}
"use strict";

// The page (wiodlab.mjs) posts {engine, wasmURL}: engine is the compiled
// WebAssembly.Module when another worker of the pool has compiled it, the
// wasm's bytes (ArrayBuffer) for the first worker, or null, and this worker
// fetches the wasm itself. A worker that compiled the module posts it back
// for the next workers.
let gotEngine;
const engineMessage = new Promise((resolve) => { gotEngine = resolve; });

const scriptStart = performance.now();
importScripts("wasm_exec.js");

async function instantiate(go) {
  const { engine, wasmURL, warmUp } = await engineMessage;
  // The first worker warms the engine up after start-up (wasm/warmup.go).
  if (warmUp) {
    self.__wiodlabWarmUp = true;
    self.__wiodlabWarmedUp = (ms) => postMessage({ warmedUp: ms });
  }
  if (engine instanceof WebAssembly.Module) return WebAssembly.instantiate(engine, go.importObject);
  const url = wasmURL || "wiodlab.wasm";
  let r;
  if (engine instanceof ArrayBuffer) r = await WebAssembly.instantiate(engine, go.importObject);
  if (!r && WebAssembly.instantiateStreaming) {
    try {
      r = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
    } catch (e) {
      // Wrong MIME type from a simple server: fall back to bytes.
    }
  }
  if (!r) {
    const resp = await fetch(url);
    if (!resp.ok) throw new Error("wiodlab: cannot load " + url + " (HTTP " + resp.status + "); run `make site`");
    r = await WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
  }
  try { postMessage({ engine: r.module }); } catch (e) { /* not cloneable here: workers compile their own */ }
  return r.instance;
}

// timing: milliseconds since the page's navigation for each start-up step.
const timing = {};
const stamp = (k) => { timing[k] = Math.round(performance.timeOrigin + performance.now() - self.__pageOrigin); };
self.__pageOrigin = performance.timeOrigin;

const started = (async () => {
  timing.script = Math.round(performance.timeOrigin + scriptStart - self.__pageOrigin);
  stamp("worker");
  const go = new Go();
  const loaded = new Promise((resolve) => { self.__wiodlabReady = resolve; });
  const instance = await instantiate(go);
  stamp("compiled");
  go.run(instance).then(() => postMessage({ fatal: "wiodlab: the WebAssembly module exited" }));
  await loaded;
  stamp("go");
  return self.wiodlab;
})();

self.addEventListener("message", (ev) => {
  if (ev.data && "engine" in ev.data) gotEngine(ev.data);
  // The page sends its time origin first, so steps are relative to navigation.
  if (ev.data && ev.data.pageOrigin) {
    const shift = self.__pageOrigin - ev.data.pageOrigin;
    self.__pageOrigin = ev.data.pageOrigin;
    for (const k of Object.keys(timing)) timing[k] += shift;
  }
});

started.then(
  (api) => postMessage({ ready: { version: api.version, storage: api.storage, timing } }),
  (e) => postMessage({ fatal: String(e && e.message || e) }),
);

function resolvePath(api, path) {
  let obj = api, fn = api;
  for (const part of path.split(".")) {
    obj = fn;
    fn = obj && obj[part];
  }
  if (typeof fn !== "function") throw new Error("wiodlab: no method " + path);
  return fn.bind(obj);
}

self.onmessage = async (ev) => {
  const { id, path, args } = ev.data || {};
  if (id === undefined || path === undefined) return;
  try {
    const api = await started;
    const fn = resolvePath(api, path);
    const a = Array.isArray(args) ? args.slice() : [];
    if (a[0] && typeof a[0] === "object" && a[0].onProgress === true) {
      a[0] = Object.assign({}, a[0], {
        onProgress: (fraction, message) => postMessage({ id, progress: [fraction, message] }),
      });
    }
    const value = await fn(...a);
    postMessage({ id, ok: value });
  } catch (e) {
    postMessage({ id, error: { message: String(e && e.message || e), command: e && e.command } });
  }
};
