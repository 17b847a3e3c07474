// worker.js runs the wiodlab WebAssembly module in a Web Worker, so that long
// computations never freeze the page. The page talks to it through the proxy
// in wiodlab.mjs with messages:
//
//   page -> worker  {id, path: "tables.import" | "reg" | ..., args: [...]}
//                   an options object with onProgress: true gets a callback
//                   that posts progress messages
//   worker -> page  {ready: {version, storage}} once, or {fatal: message}
//                   {engine: WebAssembly.Module | null} once compiled here
//                   {warmedUp: ms} when the warm-up (wasm/warmup.go) ended
//                   {id, progress: [fraction, message]}
//                   {id, ok: value} | {id, error: {message, command}}
"use strict";

// Start-up (see wiodlab.mjs): the first worker is started as
// worker.js?compile=<wasm URL> and downloads and compiles the engine at once,
// before loading wasm_exec.js. The page then posts {engine, wasmURL, warmUp}:
// engine is the compiled WebAssembly.Module for later workers, else null (the
// worker uses its own compilation, or fetches wasmURL). A worker that compiled
// the module posts it back for the next ones.
const compileURL = new URL(self.location.href).searchParams.get("compile");
const early = compileURL && WebAssembly.compileStreaming
  ? WebAssembly.compileStreaming(fetch(compileURL)).catch(() => null) // e.g. a wrong MIME type: bytes below
  : Promise.resolve(null);

let gotEngine;
const engineMessage = new Promise((resolve) => { gotEngine = resolve; });

const scriptStart = performance.now();
importScripts("wasm_exec.js");

async function instantiate(go) {
  const { engine, wasmURL, warmUp } = await engineMessage;
  // The warm-up worker (wasm/warmup.go) runs replicate on the tiny demo.
  if (warmUp) {
    self.__wiodlabWarmUp = true;
    self.__wiodlabWarmedUp = (ms) => postMessage({ warmedUp: ms });
  }
  if (engine instanceof WebAssembly.Module) return WebAssembly.instantiate(engine, go.importObject);
  let module = await early;
  if (!module) {
    const url = compileURL || wasmURL || "wiodlab.wasm";
    const resp = await fetch(url);
    if (!resp.ok) throw new Error("wiodlab: cannot load " + url + " (HTTP " + resp.status + "); run `make site`");
    module = await WebAssembly.compile(await resp.arrayBuffer());
  }
  try {
    postMessage({ engine: module });
  } catch (e) { // not cloneable here: later workers compile their own
    postMessage({ engine: null });
  }
  return WebAssembly.instantiate(module, go.importObject);
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
