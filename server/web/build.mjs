// Copies the browser libraries the web pages use from node_modules (pinned by package-lock.json)
// into ../static/vendor, with their licences. The copies are committed, so installing diplograph
// needs no npm; `npm ci && npm run build` reproduces them and `npm run check` verifies them.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "..", "static", "vendor");
const FILES = {
  "yasgui.min.js": "@zazuko/yasgui/build/yasgui.min.js",
  "yasgui.min.css": "@zazuko/yasgui/build/yasgui.min.css",
  "yasgui.package.json": "@zazuko/yasgui/package.json", // MIT (the package ships no LICENSE file)
  "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
  "cytoscape.LICENSE": "cytoscape/LICENSE",
  "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
  "chart.LICENSE.md": "chart.js/LICENSE.md",
};

function digest(path) {
  return existsSync(path) ? createHash("sha256").update(readFileSync(path)).digest("hex") : null;
}

const check = process.argv.includes("--check");
const stale = [];
if (!check) {
  rmSync(vendor, { recursive: true, force: true });
  mkdirSync(vendor, { recursive: true });
}
for (const [name, source] of Object.entries(FILES)) {
  const from = join(here, "node_modules", source);
  const to = join(vendor, name);
  if (!existsSync(from)) {
    console.error(`missing ${from}: run \`npm ci\` in ${here} first`);
    process.exit(2);
  }
  if (check) {
    if (digest(from) !== digest(to)) stale.push(name);
  } else {
    copyFileSync(from, to);
  }
}
if (check) {
  const extra = existsSync(vendor) ? readdirSync(vendor).filter((n) => !(n in FILES)) : [];
  stale.push(...extra.map((n) => `${n} (not built by build.mjs)`));
  if (stale.length) {
    console.error(`server/static/vendor is out of date: ${stale.join(", ")}; run \`npm run build\` in server/web`);
    process.exit(1);
  }
  console.log(`server/static/vendor matches package-lock.json (${Object.keys(FILES).length} files)`);
} else {
  console.log(`copied ${Object.keys(FILES).length} files to ${vendor}`);
}
