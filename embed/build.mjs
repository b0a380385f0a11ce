// One minified ES module, byte for byte the same on every machine: no source map, no
// comments but the licence notices, no paths, a fixed target. MC_EMBED_OUT writes it elsewhere (the rebuild test).
import { build } from "esbuild";

const outfile = process.env.MC_EMBED_OUT ?? "../service/static/embed/recommender.js";

await build({
  entryPoints: ["src/recommender.ts"],
  outfile,
  bundle: true,
  format: "esm",
  target: "es2021",
  minify: true,
  legalComments: "eof", // Lit's BSD-3-Clause notices,
  sourcemap: false,
  charset: "utf8",
  logLevel: "warning",
});
