// Loaded with `node --import`: records every module the process resolves in the file
// named by IMPORT_LOG, so a test can see what a command loaded. ES modules are seen
// by a resolution hook; CommonJS packages loaded with require() (citeproc is one)
// by a wrapper around CommonJS resolution, which the hook does not see on every
// Node version.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const logFile = process.env.IMPORT_LOG;
if (logFile) {
  register('./import-log-hooks.mjs', import.meta.url, { data: { logFile } });
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (...args) {
    const filename = resolveFilename.apply(this, args);
    if (filename.startsWith('/')) appendFileSync(logFile, `${pathToFileURL(filename).href}\n`);
    return filename;
  };
}
