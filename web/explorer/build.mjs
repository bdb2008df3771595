// Builds the network explorer into dist/: index.html, explorer.js, explorer.css.
// Everything (Cytoscape.js and its layouts) is bundled; the page makes no
// requests except to its own origin (/explore/*, /graphql, /export/*).
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
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
  entryPoints: ['src/main.js'],
  outfile: 'dist/explorer.js', // the imported CSS goes to dist/explorer.css
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2022'],
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
});
await copyFile(path.join(root, 'src/index.html'), path.join(dist, 'index.html'));

// Guard the offline promise: nothing may load from another origin.
for (const name of ['index.html', 'explorer.css']) {
  const text = await readFile(path.join(dist, name), 'utf8');
  const remote = text.match(/(src|href)=["']?(https?:)?\/\/[^"'\s>]*|url\(\s*["']?(https?:)?\/\/[^)]*\)|@import[^;]*/gi);
  if (remote) {
    console.error(`dist/${name} references remote resources:`, remote);
    process.exit(1);
  }
}

for (const name of ['index.html', 'explorer.js', 'explorer.css']) {
  const { size } = await stat(path.join(dist, name));
  console.log(`dist/${name.padEnd(12)} ${(size / 1024).toFixed(1).padStart(8)} KiB`);
}
console.log(`built in ${Date.now() - started} ms`);
