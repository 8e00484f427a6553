// Bundles the browser code (src/main/js) with its npm dependencies into one ES module per page
// entry, written where the Java build packages static resources. No CDN at run time.
import { build } from "esbuild";
import { mkdirSync, copyFileSync, readdirSync, existsSync } from "node:fs";

const out = "target/classes/static/js";
mkdirSync(out, { recursive: true });
const entries = (existsSync("src/main/js") ? readdirSync("src/main/js") : [])
  .filter((f) => f.endsWith(".entry.js"))
  .map((f) => `src/main/js/${f}`);
if (entries.length > 0) {
  await build({
    entryPoints: entries,
    bundle: true,
    format: "esm",
    target: "es2022",
    outdir: out,
    entryNames: "[name]",
    sourcemap: true,
    logLevel: "warning",
  });
}
// axe-core runs only in the browser tests; copied to test resources, never served by the node.
mkdirSync("target/test-classes/axe", { recursive: true });
copyFileSync("node_modules/axe-core/axe.min.js", "target/test-classes/axe/axe.min.js");
