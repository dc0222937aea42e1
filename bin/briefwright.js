#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm ci` builds it through the `prepare` script.
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs, so every command starts faster.
module.enableCompileCache?.();
const { endQuietlyOnClosedPipe, main } = await import('../dist/cli.js');

endQuietlyOnClosedPipe();
process.exitCode = await main(process.argv.slice(2));
