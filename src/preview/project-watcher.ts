import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { CONFIG_FILE } from '../project/config.js';
import { LAYOUT } from '../project/load-project.js';

/** The parts of a project whose changes the preview shows. */
const WATCHED = new Set<string>([LAYOUT.content, LAYOUT.briefs, LAYOUT.templates, LAYOUT.styles]);

/** Files changed in one burst, project-relative with '/'. */
export type ChangeHandler = (files: string[]) => void;

/**
 * Watches content/, briefs/, templates/, styles/ and briefwright.yaml (even
 * ones created after it starts, which is why it watches the root and filters)
 * and reports each burst of changes once, after a quiet `debounceMs`.
 */
export class ProjectWatcher {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private changed = new Set<string>();

  constructor(private readonly options: { root: string; onChange: ChangeHandler; debounceMs?: number }) {}

  /** Starts watching; resolves once the initial scan is done, so later edits are seen. */
  async start(): Promise<void> {
    const { root } = this.options;
    const watcher = watch(root, { ignoreInitial: true, ignored: (file) => !isWatched(path.relative(root, file)) });
    this.watcher = watcher;
    watcher.on('all', (_event, file) => this.record(path.relative(root, file).split(path.sep).join('/')));
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  }

  /** Stops watching. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.watcher?.close();
  }

  private record(file: string): void {
    this.changed.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const files = [...this.changed].sort();
      this.changed.clear();
      this.options.onChange(files);
    }, this.options.debounceMs ?? 150);
  }
}

/** Whether a project-relative path is one the preview cares about (the root itself must be walked). */
function isWatched(relative: string): boolean {
  if (relative === '') return true;
  const parts = relative.split(path.sep);
  if (parts.some((part) => part.startsWith('.'))) return false;
  return WATCHED.has(parts[0]!) || relative === CONFIG_FILE;
}
