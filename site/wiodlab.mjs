// wiodlab.mjs: the page-side API. `wiodlab` mirrors the CLI subcommands; each
// method posts a message to a Web Worker running the WebAssembly module
// (worker.js) and returns a Promise of the same JSON the CLI prints. Errors
// reject with an Error whose message is the CLI's text.
//
//   import { wiodlab } from "./wiodlab.mjs";
//   await wiodlab.ready;
//   await wiodlab.demo({ size: "small", seed: 1 });
//   const res = await wiodlab.replicate({ demo: true, onProgress: (f, m) => console.log(f, m) });
//
// Independent calls (models, io runs) go to a small pool of workers, grown on
// demand up to `poolSize` (one per spare core, at most 4); calls that write the
// storage (imports, demo, remove, clear) go to the first worker in order.

const WORKER_URL = new URL("worker.js", import.meta.url);
const WASM_URL = new URL("wiodlab.wasm", import.meta.url);

// Start-up: the first worker is started with ?compile=<wasm URL> (by boot.js,
// a classic script at the top of the page, when present) and begins
// downloading and compiling the engine as its very first statement (streaming
// compilation, overlapping the rest of its start-up); it posts the compiled
// WebAssembly.Module back, and later workers of the pool (and the warm-up
// worker) receive it instead of downloading and compiling their own copy.
// (Measured alternatives were not faster: preloading the wasm in the page
// delayed the page's own scripts and the worker's start by as much as the
// download saved.)
// Methods that change the stored tables: serialised on worker 0.
const WRITERS = new Set(["tables.import", "tables.remove", "clear", "demo"]);
// Subcommands, as on the command line.
export const SUBCOMMANDS = ["demo", "io", "panel", "reg", "gmm", "malmquist", "replicate"];

class Worker1 {
  // engine: null for the first worker (it compiles the wasm itself), else a
  // Promise of the compiled WebAssembly.Module.
  constructor(url, wasmURL, engine, onEngine, warmUp) {
    this.calls = new Map();
    this.busy = 0;
    const boot = globalThis.__wiodlabBoot;
    if (!engine && boot && boot.worker && boot.workerURL === String(url) && boot.wasmURL === String(wasmURL)) {
      this.w = boot.worker; // started by boot.js, already compiling
      boot.worker = null;
    } else {
      if (!engine) {
        url = new URL(url);
        url.searchParams.set("compile", String(wasmURL));
      }
      this.w = new Worker(url);
    }
    this.w.postMessage({ pageOrigin: performance.timeOrigin });
    const post = (e) => {
      try {
        this.w.postMessage({ engine: e, wasmURL: String(wasmURL), warmUp: !!warmUp });
      } catch (err) { // a Module that cannot be posted: the worker loads the wasm
        this.w.postMessage({ engine: null, wasmURL: String(wasmURL), warmUp: !!warmUp });
      }
    };
    if (engine) engine.then(post); else post(null);
    this.ready = new Promise((resolve, reject) => {
      this.w.onmessage = (ev) => {
        const m = ev.data;
        // the compiled Module, or null when it could not be posted (later
        // workers then compile their own)
        if ("engine" in m) { if (onEngine) onEngine(m.engine); return; }
        if (m.warmedUp !== undefined) { if (this.onWarm) this.onWarm(m.warmedUp); return; }
        if (m.ready) { resolve(m.ready); return; }
        if (m.fatal) {
          if (onEngine) onEngine(null); // later workers must not wait for it
          const err = new Error(m.fatal);
          reject(err);
          for (const c of this.calls.values()) c.reject(err);
          this.calls.clear();
          return;
        }
        const c = this.calls.get(m.id);
        if (!c) return;
        if (m.progress) { if (c.onProgress) c.onProgress(m.progress[0], m.progress[1]); return; }
        this.calls.delete(m.id);
        this.busy--;
        if (m.error) {
          const err = new Error(m.error.message);
          if (m.error.command) err.command = m.error.command;
          c.reject(err);
        } else {
          c.resolve(m.ok);
        }
      };
      this.w.onerror = (ev) => reject(new Error("wiodlab worker: " + (ev.message || "failed to start")));
    });
  }

  // call sends one call; the caller has counted it in busy (see pick).
  call(id, path, args, onProgress) {
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject, onProgress });
      try {
        this.w.postMessage({ id, path, args });
      } catch (e) { // e.g. a value that cannot be cloned
        this.calls.delete(id);
        this.busy--;
        reject(new Error("wiodlab " + path + ": " + e.message));
      }
    });
  }

  terminate() { this.w.terminate(); }
}

// createWiodlab makes an API object with its own pool of workers.
export function createWiodlab({ workerURL = WORKER_URL, wasmURL = WASM_URL, poolSize, warmUp = true } = {}) {
  const cores = (globalThis.navigator && navigator.hardwareConcurrency) || 1;
  const size = Math.max(1, Math.min(4, poolSize || cores - 1));
  let gotEngine;
  const engine = new Promise((resolve) => { gotEngine = resolve; });
  const pool = [new Worker1(workerURL, wasmURL, null, (m) => gotEngine(m))];
  let nextId = 1;
  let resolveWarm;
  let writes = Promise.resolve();

  // pick reserves a worker: an idle one, else a new one while the pool may
  // grow, else the least busy.
  function pick() {
    let w = pool.find((x) => x.busy === 0);
    if (!w && pool.length < size) {
      w = new Worker1(workerURL, wasmURL, engine);
      pool.push(w);
    }
    if (!w) w = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
    w.busy++;
    return w;
  }

  function send(path, args) {
    args = Array.from(args);
    let onProgress;
    if (args[0] && typeof args[0] === "object" && !(args[0] instanceof Blob) && typeof args[0].onProgress === "function") {
      onProgress = args[0].onProgress;
      args[0] = Object.assign({}, args[0], { onProgress: true });
    }
    const id = nextId++;
    if (WRITERS.has(path)) {
      const run = () => { pool[0].busy++; return pool[0].ready.then(() => pool[0].call(id, path, args, onProgress)); };
      const p = writes.then(run, run);
      writes = p.catch(() => {});
      return p;
    }
    // Readers wait for pending writes, so a model sees the table just imported.
    return writes.then(() => {
      const w = pick();
      return w.ready.then(() => w.call(id, path, args, onProgress));
    });
  }

  const method = (path) => (...args) => send(path, args);
  const api = {
    ready: pool[0].ready.then((info) => {
      api.version = info.version;
      api.storage = info.storage;
      // ms after navigation: worker started, wasm compiled, Go running
      api.startup = Object.assign({ ready: Math.round(performance.now()) }, info.timing);
      return true;
    }),
    version: undefined,
    storage: undefined,
    poolSize: size,
    tables: {
      import: method("tables.import"),
      list: method("tables.list"),
      head: method("tables.head"),
      remove: method("tables.remove"),
    },
    results: { list: method("results.list"), get: method("results.get") },
    clear: method("clear"),
    sectors: method("sectors"),
    terminate() { for (const w of pool) w.terminate(); pool.length = 0; },
    // resolves with the warm-up's milliseconds (see below); never, when
    // createWiodlab got warmUp: false
    warmedUp: new Promise((resolve) => { resolveWarm = resolve; }),
  };
  for (const name of SUBCOMMANDS) api[name] = method(name);

  // Warm-up (wasm/warmup.go): once the engine is ready, a separate worker runs
  // replicate on the tiny demo data in memory and then ends. The browser
  // compiles wasm functions on first use and optimises hot ones; the compiled
  // code belongs to the shared WebAssembly.Module, so the pool's first runs
  // start warm, and the warm-up uses a spare core rather than the workers'.
  if (warmUp) {
    api.ready.then(() => engine).then(() => {
      const w = new Worker1(workerURL, wasmURL, engine, null, true);
      w.onWarm = (ms) => { resolveWarm(ms); w.terminate(); };
      w.ready.catch(() => w.terminate()); // a failed warm-up changes nothing
    }, () => {});
  }

  // io over several tables: the tables (years) are independent, so they are
  // split into contiguous chunks over the pool and the rows concatenated in
  // input order (what one call returns). Progress is the mean of the chunks'.
  api.io = async (opts = {}) => {
    const wiot = Array.isArray(opts.wiot) ? opts.wiot : [];
    const k = Math.min(size, wiot.length);
    if (k < 2) return send("io", [opts]);
    const chunks = Array.from({ length: k }, (_, i) => wiot.slice(Math.floor((i * wiot.length) / k), Math.floor(((i + 1) * wiot.length) / k)));
    const done = new Array(k).fill(0);
    const onProgress = typeof opts.onProgress === "function" ? opts.onProgress : null;
    const parts = await Promise.all(chunks.map((c, i) => send("io", [Object.assign({}, opts, {
      wiot: c,
      onProgress: onProgress ? (f, m) => { done[i] = f; onProgress(done.reduce((a, b) => a + b, 0) / k, m); } : undefined,
    })])));
    const rows = parts.flat();
    for (const key of ["warnings", "sectors", "methods"]) rows[key] = parts.flatMap((p) => p[key] || []);
    return rows;
  };
  return api;
}

// wiodlab is the shared default instance.
export const wiodlab = createWiodlab();
export default wiodlab;
