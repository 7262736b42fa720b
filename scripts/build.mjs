// `npm run build`: compiles the bot (tsconfig.build.json) to dist/ and copies the data files the
// code reads at run time beside it, so that dist/ finds them wherever it is installed (every
// loader resolves its files from its own module URL, e.g. knowledge/load-knowledge.ts).
//
//   node scripts/build.mjs              always build
//   node scripts/build.mjs --if-needed  build only when a source or data file is newer than dist/
//
// `npm start` runs the second, then `exec node dist/bot/main.js`: no wrapper process stays
// between a signal and the bot.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
const stamp = join(dist, ".build-stamp");
/** Folders compiled to dist/ (tsconfig.build.json `include`). */
const SOURCE_DIRS = ["bot", "knowledge", "rules"];
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
    join(root, "tsconfig.json"),
    join(root, "tsconfig.build.json"),
    join(root, "package.json"),
  ];
  for (const path of inputs) newest = Math.max(newest, statSync(path).mtimeMs);
  return newest;
}

function upToDate() {
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newestInput();
}

function build() {
  rmSync(dist, { recursive: true, force: true });
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], { stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write("build: tsc failed; dist/ was not written completely\n");
    process.exit(result.status ?? 1);
  }
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
  // by the code just compiled, so that a start loads it instead of building the index.
  const snap = spawnSync(process.execPath, [join(dist, "knowledge", "index-snapshot.js"), "--write"], { stdio: "inherit", cwd: root });
  if (snap.status !== 0) {
    process.stderr.write("build: the index snapshot could not be written (the knowledge base is invalid?)\n");
    process.exit(snap.status ?? 1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
  process.stderr.write(`build: dist/ compiled, ${copied} data files copied\n`);
}

if (process.argv.includes("--if-needed") && upToDate()) process.exit(0);
build();
