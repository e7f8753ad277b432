/**
 * A {@link StateStore} that keeps source checkpoints in a JSON file, so `webcare watch --state`
 * resumes where it stopped after a restart. Dedup keys, author history and incident windows stay
 * in memory (they are windows of minutes to days; losing them on a restart costs at most a
 * repeated duplicate check). Writes are atomic (temporary file, then rename) and coalesced.
 * Not exported from the package root: the root stays free of file system access.
 * @module
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { WebcareError } from '../errors.js';
import { MemoryStore, type MemoryStoreOptions } from './memory-store.js';
import { own } from '../own.js';

/**
 * Checkpoints in a file, everything else in memory.
 *
 * @example
 * ```ts
 * const store = await FileStore.open('.webcare-state.json');
 * const monitor = createMonitor({ sources, store });
 * await monitor.done();
 * await store.close(); // writes the last checkpoints
 * ```
 */
export class FileStore extends MemoryStore {
  private readonly cursors: Record<string, string>;
  private writing: Promise<void> | undefined;
  private dirty = false;

  private constructor(
    private readonly path: string,
    cursors: Record<string, string>,
    options: MemoryStoreOptions,
  ) {
    super(options);
    this.cursors = cursors;
  }

  /** Open (or start) a state file. A file that is not ours is refused rather than overwritten. */
  static async open(path: string, options: MemoryStoreOptions = {}): Promise<FileStore> {
    let cursors: Record<string, string> = {};
    try {
      const data = JSON.parse(await readFile(path, 'utf8')) as unknown;
      const cp = (data as { checkpoints?: unknown }).checkpoints;
      if (typeof cp !== 'object' || cp === null || Object.values(cp).some((v) => typeof v !== 'string')) {
        throw new Error('no checkpoints object of strings');
      }
      cursors = { ...(cp as Record<string, string>) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new WebcareError('STORE_FAILED', `Cannot use ${path} as a state file: ${(e as Error).message}`, {
          expected: 'a webcare state file (JSON with a checkpoints object)',
          received: 'something else',
          cause: e,
        });
      }
    }
    return new FileStore(path, cursors, options);
  }

  override async getCheckpoint(source: string): Promise<string | undefined> {
    return own(this.cursors, source);
  }

  /** Resolves once the file holds this cursor (or a later one); rejects when the write fails. */
  override async setCheckpoint(source: string, cursor: string): Promise<void> {
    this.cursors[source] = cursor;
    this.schedule();
    await this.writing;
  }

  /** Write the checkpoints now (and wait for any write in flight). */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
    if (this.dirty) {
      this.schedule();
      await this.writing;
    }
  }

  override async close(): Promise<void> {
    await this.flush();
    await super.close();
  }

  private schedule(): void {
    this.dirty = true;
    if (this.writing !== undefined) return;
    this.writing = (async () => {
      while (this.dirty) {
        this.dirty = false;
        const tmp = `${this.path}.${process.pid}.tmp`;
        await writeFile(tmp, `${JSON.stringify({ version: 1, checkpoints: this.cursors }, null, 2)}\n`);
        await rename(tmp, this.path);
      }
    })().finally(() => {
      this.writing = undefined;
    });
  }
}
