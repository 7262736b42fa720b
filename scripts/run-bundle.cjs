"use strict";
// Runs one of the bot's bundles (dist/<program>.cjs, written by scripts/build.mjs) with V8's code
// cache: the bytecode of the bundle's functions as compiled during a run at build time, stored
// beside it as <bundle>.cache. A start then neither parses the 1.4 MB bundle afresh nor compiles
// the functions the first answer needs (docs/operations.md, "Bundles").
//
// The cache is only an accelerator: V8 checks it against the source and its own version and
// flags, and rejects one that does not fit; the bundle then compiles from source as any script.
// BOT_WRITE_CODE_CACHE=1 (the build sets it) writes the cache when the process exits.
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const { createRequire, wrap } = require("node:module");
const { dirname } = require("node:path");
const { fileURLToPath } = require("node:url");
const { Script } = require("node:vm");

/** @param {URL} url the bundle */
exports.runBundle = function runBundle(url) {
  const file = fileURLToPath(url);
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // no cache (a build without one, or removed): compiled from source
  }
  const script = new Script(wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
  if (process.env.BOT_WRITE_CODE_CACHE === "1") {
    process.once("exit", () => {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    });
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
};
