// boot.js is a small classic script at the top of the page's <head>: it starts
// the engine's first worker while the page's modules are still loading (an
// async module runs a few hundred milliseconds later), so the download and
// compilation of wiodlab.wasm begin almost at once. wiodlab.mjs adopts this
// worker as the first of its pool; without boot.js it starts its own.
"use strict";
try {
  const wasm = new URL("wiodlab.wasm", document.baseURI);
  const url = new URL("worker.js", document.baseURI);
  url.searchParams.set("compile", String(wasm));
  self.__wiodlabBoot = { worker: new Worker(url), workerURL: String(new URL("worker.js", document.baseURI)), wasmURL: String(wasm) };
} catch (e) {
  // no workers here: wiodlab.mjs reports it
}
