import path from 'node:path';
import type { Argv } from 'yargs';
import { BriefwrightError, ExitCode } from '../errors.js';
import type { Command } from './command.js';
import type { Console } from './console.js';

interface PreviewArgs {
  root: string;
  port: number;
  host: string;
  chrome?: string;
  jobs?: number;
  queue: number;
  timeout: number;
}

/** `briefwright preview`: a local page to pick, preview, download and save briefs. */
export const previewCommand: Command = {
  command: 'preview',
  describe: 'Serve a local page to pick populations and topics, preview the brief, download it, save it as a recipe; reloads on edits',
  options: (y: Argv) =>
    y
      .option('port', { type: 'number', default: 4321, describe: 'Port to listen on (0: any free port)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on; other than loopback exposes the project to the network' })
      .option('chrome', { type: 'string', describe: 'Path to Chrome or Chromium for PDFs' })
      .option('jobs', { type: 'number', describe: 'PDFs printed at once (default: 2)' })
      .option('queue', { type: 'number', default: 32, describe: 'PDF requests that may wait; more are refused with 503' })
      .option('timeout', { type: 'number', default: 60, describe: 'Seconds a PDF may take before the request fails with 504' })
      .example('$0 preview', 'serve http://127.0.0.1:4321/')
      .example('$0 preview --port 0', 'serve on any free port'),
  run: (args, io) => runPreview(args as unknown as PreviewArgs, io),
};

async function runPreview(args: PreviewArgs, io: Console): Promise<number> {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new BriefwrightError(`--port must be a whole number from 0 to 65535 (got ${args.port})`, { kind: 'usage' });
  }
  const [{ startPreview }, { isLoopback }] = await Promise.all([import('../preview/preview-server.js'), import('../preview/request-guard.js')]);
  const server = await startPreview({
    root: path.resolve(args.root),
    port: args.port,
    host: args.host,
    chrome: args.chrome,
    jobs: args.jobs,
    queue: args.queue,
    timeoutMs: Math.max(1, args.timeout) * 1000,
    log: (line) => io.err(line),
  });
  if (!isLoopback(server.host)) io.err(`warning: listening on ${server.host}: anyone who can reach this machine can read the project and save recipes`);
  io.out(`preview at ${server.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return ExitCode.ok;
}
