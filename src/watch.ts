import path from 'node:path';
import { watch } from 'chokidar';
import type { Console } from './cli.js';
import { CONFIG_FILE } from './project/config.js';
import { LAYOUT } from './project/load-project.js';

/**
 * Runs `onChange` once, then again whenever content, recipes, templates, styles
 * or the project settings change (changes arriving together are handled in one
 * run). The build itself decides which briefs the change affects. Resolves when
 * the process is interrupted.
 */
export async function watchProject(options: {
  root: string;
  onChange: () => Promise<unknown>;
  io: Console;
  debounceMs?: number;
  /** Stops watching when aborted (Ctrl-C stops it too). */
  signal?: AbortSignal;
}): Promise<void> {
  const { root, io } = options;
  const targets = [LAYOUT.content, LAYOUT.briefs, LAYOUT.templates, LAYOUT.styles, CONFIG_FILE].map((part) => path.join(root, part));
  let running: Promise<unknown> = options.onChange();
  let timer: NodeJS.Timeout | undefined;
  let pending = false;
  const watcher = watch(targets, { ignoreInitial: true, ignored: (file) => file.includes(`${path.sep}${LAYOUT.output}${path.sep}`) });
  const rerun = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (pending) return;
      pending = true;
      running = running.then(async () => {
        pending = false;
        io.out('change detected; rebuilding affected briefs');
        await options.onChange().catch((error: Error) => io.err(`error: ${error.message}`));
      });
    }, options.debounceMs ?? 200);
  };
  watcher.on('all', rerun);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  io.out(`watching ${targets.map((target) => path.relative(root, target)).join(', ')} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      options.signal?.removeEventListener('abort', stop);
      clearTimeout(timer);
      void watcher.close().then(resolve);
    };
    process.on('SIGINT', stop);
    options.signal?.addEventListener('abort', stop);
  });
  await running;
}
