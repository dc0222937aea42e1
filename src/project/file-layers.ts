import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where a layered file comes from. */
export type Origin = 'project' | 'built-in';

/** A file found in the layers: its path within a layer, where it is, and which layer it is from. */
export interface LayeredFile {
  /** Path inside the layer, with '/', such as `styles/themes/partner/theme.yaml`. */
  path: string;
  /** Absolute path on disk. */
  file: string;
  origin: Origin;
}

/**
 * The project folder laid over briefwright's built-ins, file by file: a project
 * file overrides the built-in file of the same path, and whatever the project
 * does not provide comes from the built-ins. Templates, partials, styles,
 * layouts and themes are all looked up this way.
 */
export class FileLayers {
  private readonly layers: { root: string; origin: Origin }[];

  constructor(options: { project: string; builtIn: string }) {
    const project = path.resolve(options.project);
    const builtIn = path.resolve(options.builtIn);
    // A project that is briefwright's own folder has one layer, not two copies of it.
    this.layers = project === builtIn ? [{ root: builtIn, origin: 'built-in' }] : [{ root: project, origin: 'project' }, { root: builtIn, origin: 'built-in' }];
  }

  /** The project folder (the top layer), for paths shown in messages. */
  get projectRoot(): string {
    return this.layers[0]!.root;
  }

  /** The file at `relative` in the highest layer that has it. */
  find(relative: string): LayeredFile | undefined {
    for (const layer of this.layers) {
      const file = path.join(layer.root, relative);
      if (existsSync(file)) return { path: toPosix(relative), file, origin: layer.origin };
    }
    return undefined;
  }

  /**
   * For an absolute path inside one of the layers, the file of the same path in
   * the highest layer that has it; undefined for a path outside every layer.
   */
  locate(file: string): string | undefined {
    for (const layer of this.layers) {
      const relative = path.relative(layer.root, file);
      if (relative.startsWith('..') || path.isAbsolute(relative)) continue;
      return this.find(relative)?.file;
    }
    return undefined;
  }

  /** The file at `relative` in the layers below the one holding `above` (what it overrides). */
  findBelow(relative: string, above: LayeredFile): LayeredFile | undefined {
    const index = this.layers.findIndex((layer) => layer.origin === above.origin);
    for (const layer of this.layers.slice(index + 1)) {
      const file = path.join(layer.root, relative);
      if (existsSync(file)) return { path: toPosix(relative), file, origin: layer.origin };
    }
    return undefined;
  }

  /**
   * The entries directly inside `folder` across all layers, one per name (the
   * highest layer's), sorted by name. `kind` picks files or folders.
   */
  list(folder: string, kind: 'file' | 'folder' = 'file'): LayeredFile[] {
    const found = new Map<string, LayeredFile>();
    for (const layer of this.layers) {
      const dir = path.join(layer.root, folder);
      if (!existsSync(dir)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || found.has(entry.name)) continue;
        if (kind === 'file' ? !entry.isFile() : !entry.isDirectory()) continue;
        const relative = path.posix.join(toPosix(folder), entry.name);
        found.set(entry.name, { path: relative, file: path.join(dir, entry.name), origin: layer.origin });
      }
    }
    return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** Where a layered file's path is shown in messages: relative to the project, or to the package for built-ins. */
  display(file: LayeredFile): string {
    return file.origin === 'project' ? file.path : toPosix(path.relative(this.projectRoot, file.file));
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
