// Builds the offline GraphiQL IDE into dist/: index.html, graphiql.js, graphiql.css.
// Everything (React, GraphiQL, CodeMirror, styles) is bundled; the page makes no
// requests except to its own origin (/graphiql.js, /graphiql.css, /examples.json, /graphql).
import * as esbuild from 'esbuild';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(root, 'dist');
const keep = new Set(['README.txt']); // committed placeholder so go:embed works before a build

await mkdir(dist, { recursive: true });
for (const name of await readdir(dist)) {
  if (!keep.has(name)) await rm(path.join(dist, name), { recursive: true, force: true });
}

const started = Date.now();
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['src/main.jsx'],
  outfile: 'dist/graphiql.js', // the imported CSS goes to dist/graphiql.css
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  platform: 'browser',
  jsx: 'automatic',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Silkgraph GraphiQL</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/graphiql.css" />
    <style>html, body, #graphiql { height: 100%; margin: 0; overflow: hidden; }</style>
  </head>
  <body>
    <div id="graphiql">Loading…</div>
    <script src="/graphiql.js"></script>
  </body>
</html>
`;
await writeFile(path.join(dist, 'index.html'), html);

// Guard the offline promise: no stylesheet may pull fonts/images from the network.
const css = await readFile(path.join(dist, 'graphiql.css'), 'utf8');
const remote = css.match(/url\(\s*["']?(https?:)?\/\/[^)]*\)|@import[^;]*/gi);
if (remote) {
  console.error('dist/graphiql.css references remote resources:', remote);
  process.exit(1);
}

for (const name of ['index.html', 'graphiql.js', 'graphiql.css']) {
  const { size } = await stat(path.join(dist, name));
  console.log(`dist/${name.padEnd(12)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(`built in ${Date.now() - started} ms`);
