// `npm run build`: bundles each program the bot runs in production into one file with esbuild,
// and copies the data files the code reads at run time beside them, so that dist/ finds them
// wherever it is installed. Why bundles: a start that resolves and compiles ~120 modules (ours
// and zod's, luxon's, opencc's) spends a third of its time doing that (docs/operations.md,
// "Bundles").
//
// Each program is `dist/<path>.js`, a two-line launcher that runs the CommonJS bundle
// `dist/<path>.cjs` through scripts/run-bundle.cjs (copied to dist/) with V8's code cache, which
// the build writes by running the bot and `ask` once on a few questions.
//
//   node scripts/build.mjs              always build
//   node scripts/build.mjs --if-needed  build only when a source or data file is newer than dist/
//
// `npm start` runs the second, then `exec node dist/bot/main.js`: no wrapper process stays
// between a signal and the bot. Type checking is `npm run typecheck` (part of `npm test`).
//
// Each bundle keeps the layout of the sources: code that finds a file next to itself
// (`new URL("./sections", import.meta.url)`) is given the URL its module would have at the same
// place under dist/, so dist/knowledge/sections, dist/data/… are found as before. Packages that
// start worker threads or load native code (pino, pino-pretty, better-sqlite3) and the DingTalk
// SDK stay in node_modules.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, sep } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { build as esbuild } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const stamp = join(dist, ".build-stamp");
/** Folders whose code is bundled. */
const SOURCE_DIRS = ["bot", "knowledge", "rules"];
/** The programs: each becomes dist/<same path>.js (the launcher) and .cjs (the bundle). */
const ENTRIES = ["bot/main.ts", "bot/ask.ts", "knowledge/index-snapshot.ts"];
/** What the code-cache runs ask (one line each): a rule question, English, a computed figure, a command, small talk, off-topic. */
const WARM_UP = ["保障升级服务多久能退出？", "How long is the appeal window?", "服务分75能拿多少赠送报价", "/help", "你好", "今天天气怎么样"];
/** Left to node_modules (see the header). */
const EXTERNAL = ["better-sqlite3", "pino", "pino-pretty", "dingtalk-stream"];
/** Run-time data: every non-TypeScript file under these folders, copied to the same place in dist/. */
const DATA_DIRS = ["knowledge", "data"];
const isData = (path) => !path.endsWith(".ts") && !path.endsWith(".md") && !/\.db(-\w+)?$/.test(path);

function* walk(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

function newestInput() {
  let newest = 0;
  const inputs = [
    ...SOURCE_DIRS.flatMap((d) => [...walk(join(root, d))]),
    ...DATA_DIRS.flatMap((d) => [...walk(join(root, d))].filter(isData)),
    join(root, "package.json"),
    join(root, "package-lock.json"),
    join(root, "scripts", "build.mjs"),
    join(root, "scripts", "run-bundle.cjs"),
  ];
  for (const path of inputs) if (existsSync(path)) newest = Math.max(newest, statSync(path).mtimeMs);
  return newest;
}

function upToDate() {
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newestInput();
}

/**
 * The fingerprint of the code that computes the index snapshot, stamped into every bundle
 * (knowledge/index-snapshot.ts reads it instead of hashing its own folder): knowledge/'s
 * sources, the locked library versions and esbuild's.
 */
function codeFingerprint(esbuildVersion) {
  const hash = createHash("sha256");
  const dir = join(root, "knowledge");
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()) hash.update(`${name}\0${readFileSync(join(dir, name))}\0`);
  hash.update(`package-lock.json\0${readFileSync(join(root, "package-lock.json"))}\0esbuild@${esbuildVersion}`);
  return hash.digest("hex");
}

/** Gives each source module the `import.meta.url` it would have at its place under dist/. */
const distUrls = {
  name: "dist-urls",
  setup(build) {
    const ours = new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[\\\\/](${SOURCE_DIRS.join("|")})[\\\\/].*\\.ts$`);
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!ours.test(args.path)) return undefined;
      const source = readFileSync(args.path, "utf8");
      const at = relative(root, args.path).split(sep).join("/").replace(/\.ts$/, ".js");
      return { contents: source.replaceAll("import.meta.url", `__distUrl(${JSON.stringify(at)})`), loader: "ts" };
    });
  },
};

async function bundle(entry, fingerprint) {
  const launcher = join(dist, entry.replace(/\.ts$/, ".js"));
  const outfile = join(dist, entry.replace(/\.ts$/, ".cjs"));
  const toDist = relative(dirname(outfile), dist).split(sep).join("/") || ".";
  await esbuild({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: [distUrls],
    define: { __BUNDLE_CODE_FINGERPRINT__: JSON.stringify(fingerprint) },
    banner: {
      js: `const __distUrl = (path) => new URL(path, new URL(${JSON.stringify(`${toDist}/`)}, require("node:url").pathToFileURL(__filename))).href;`,
    },
  });
  const runner = relative(dirname(launcher), join(dist, "run-bundle.cjs")).split(sep).join("/");
  writeFileSync(
    launcher,
    `// Written by scripts/build.mjs: runs the bundle beside it with V8's code cache (run-bundle.cjs).\n` +
      `import { runBundle } from ${JSON.stringify(runner.startsWith(".") ? runner : `./${runner}`)};\n` +
      `runBundle(new URL(${JSON.stringify(`./${basename(outfile)}`)}, import.meta.url));\n`,
  );
}

/**
 * Writes the code caches of the bot and of `ask`: each runs once on the warm-up questions with
 * BOT_WRITE_CODE_CACHE=1, in a temporary folder (the bot's store included), without DingTalk.
 */
function writeCodeCaches() {
  const tmp = mkdtempSync(join(tmpdir(), "build-code-cache-"));
  try {
    const env = { ...process.env, BOT_WRITE_CODE_CACHE: "1", DATABASE_PATH: join(tmp, "bot.db"), DINGTALK_CLIENT_ID: "", DINGTALK_CLIENT_SECRET: "", LOG_LEVEL: "error", NOW: "" };
    const runs = [
      ["bot/ask.js", ["--jsonl"], WARM_UP.map((text) => JSON.stringify({ text })).join("\n")],
      ["bot/main.js", [], WARM_UP.join("\n")],
    ];
    for (const [program, args, input] of runs) {
      const r = spawnSync(process.execPath, [join(dist, program), ...args], { input: `${input}\n`, cwd: tmp, env, encoding: "utf8", timeout: 60_000 });
      if (r.status !== 0 || !existsSync(join(dist, program.replace(/\.js$/, ".cjs.cache")))) {
        process.stderr.write(`build: the code cache of ${program} could not be written (exit ${r.status}): ${r.stderr}\n`);
        process.exit(1);
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function build() {
  rmSync(dist, { recursive: true, force: true });
  const { version } = JSON.parse(readFileSync(join(root, "node_modules", "esbuild", "package.json"), "utf8"));
  const fingerprint = codeFingerprint(version);
  try {
    for (const entry of ENTRIES) await bundle(entry, fingerprint);
  } catch (err) {
    process.stderr.write(`build: esbuild failed (${err.message}); dist/ was not written completely\n`);
    process.exit(1);
  }
  cpSync(join(root, "scripts", "run-bundle.cjs"), join(dist, "run-bundle.cjs"));
  let copied = 0;
  for (const dir of DATA_DIRS) {
    for (const path of walk(join(root, dir))) {
      if (!isData(path)) continue;
      const target = join(dist, relative(root, path));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(path, target);
      copied++;
    }
  }
  // The index snapshot (knowledge/index-snapshot.ts): computed from the data files just copied,
  // by the code just bundled, so that a start loads it instead of building the index.
  const snap = spawnSync(process.execPath, [join(dist, "knowledge", "index-snapshot.js"), "--write"], { stdio: "inherit", cwd: root });
  if (snap.status !== 0) {
    process.stderr.write("build: the index snapshot could not be written (the knowledge base is invalid?)\n");
    process.exit(snap.status ?? 1);
  }
  writeCodeCaches();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.stderr.write(`build: ${ENTRIES.length} programs bundled into dist/, ${copied} data files copied\n`);
}

if (process.argv.includes("--if-needed") && upToDate()) process.exit(0);
await build();
