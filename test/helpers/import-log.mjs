// Loaded with `node --import`: records every module the process resolves in the file
// named by IMPORT_LOG, so a test can see what a command loaded.
import { register } from 'node:module';

const logFile = process.env.IMPORT_LOG;
if (logFile) register('./import-log-hooks.mjs', import.meta.url, { data: { logFile } });
