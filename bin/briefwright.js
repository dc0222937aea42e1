#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm ci` builds it through the `prepare` script, which
// also bundles it into dist/bundle/ (a few files to load instead of hundreds of modules).
// The bundle runs unless it is missing or older than the compiled code it was made from.
import { statSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';

// Node 22.1+ keeps compiled code between runs, so every command starts faster.
module.enableCompileCache?.();
// A build lasts seconds, and V8's optimizing compiler, run on every function as
// soon as it turns warm, spends more time on the background threads than it
// saves: about a third of Node's CPU in a ten-brief build. A function must run
// longer here before it is optimized (V8's default budget is 132 KB of bytecode).
v8.setFlagsFromString('--interrupt-budget=600000');
const modified = (file) => statSync(new URL(file, import.meta.url), { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundled = modified('../dist/bundle/cli.js') >= modified('../dist/cli.js');
const { endQuietlyOnClosedPipe, main } = await import(bundled ? '../dist/bundle/cli.js' : '../dist/cli.js');

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
