// Bundles the compiled CLI (dist/cli.js) into dist/bundle/, so a command loads a few
// files instead of hundreds of small modules. The commands' dynamic imports stay split
// points, so `--help` still loads only the CLI's own chunk. Packages that find their own
// files at run time, load through createRequire or are heavy and rarely needed stay
// external and load from node_modules as before.
import { build } from 'esbuild';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const outdir = path.join(root, 'dist/bundle');

const EXTERNAL = [
  '@citation-js/*',
  '@fontsource/*',
  '@resvg/resvg-wasm',
  'axe-core',
  'chokidar',
  'citeproc',
  'docx',
  'pdf-lib',
  'puppeteer',
  'vnu-jar',
];

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  // The citation thread runs in a worker of its own (citation-thread-client.ts finds it beside itself).
  entryPoints: { cli: 'dist/cli.js', 'citation-thread': 'dist/citations/citation-thread.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  external: EXTERNAL,
  // Bundled CommonJS packages call require() for Node's own modules.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module'; const require = __bundleCreateRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  metafile: true,
  logLevel: 'warning',
});

// Which packages each output file holds, so a test can tell what a command loaded.
const packages = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.js')) continue;
  const names = new Set();
  for (const input of Object.keys(output.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    names.add(match ? match[1] : 'briefwright');
  }
  packages[path.basename(file)] = [...names].sort();
}
await writeFile(path.join(outdir, 'packages.json'), `${JSON.stringify(packages, null, 2)}\n`);
