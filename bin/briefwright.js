#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm ci` builds it through the `prepare` script, which
// also bundles it into dist/bundle/ (a few files to load instead of hundreds of modules).
// The bundle runs unless it is missing or older than the compiled code it was made from.
import { statSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs, so every command starts faster.
module.enableCompileCache?.();
const modified = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = modified('../dist/bundle/cli.js') >= modified('../dist/cli.js');
const { endQuietlyOnClosedPipe, main } = await import(bundled ? '../dist/bundle/cli.js' : '../dist/cli.js');

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
