/**
 * Where the files of a release go (a staging folder, or memory for tests),
 * each recorded with its size and sha256 as it is written, and the source
 * texts the export re-slices spans from. Shared by the export stage and the
 * thread that writes some of its formats beside it (side-thread.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PipelineError } from '../lib/errors.ts';
import { loadSource, sha256 } from '../lib/sources.ts';
import type { IndexedText } from '../lib/text.ts';
import type { FileInfo } from './html.ts';
import { hashFile } from './release.ts';
import { fileSink as fileSinkOf, memorySink, type ByteSink } from './writer.ts';

/** Where the files of a release go, each recorded with its size and sha256 as it is written. */
export interface ReleaseFiles {
  put(name: string, bytes: Uint8Array): void;
  /** A file some library writes itself, at the path it is given. */
  make(name: string, write: (file: string) => void): void;
  makeAsync(name: string, write: (file: string) => Promise<void>): Promise<void>;
  open(name: string): ByteSink;
  infos(): Map<string, FileInfo>;
  /** The folder the files are written in, when they are written to disk (another thread may then write some of them). */
  readonly dir?: string;
  /** Files another thread wrote into `dir`, recorded as if written here. */
  adopt?(infos: Iterable<FileInfo>): void;
}

abstract class RecordingFiles implements ReleaseFiles {
  protected readonly facts = new Map<string, FileInfo>();

  protected claim(name: string): void {
    // Two outputs with one name would silently lose one of them.
    if (this.facts.has(name)) {
      throw new PipelineError('schema/invalid', `two files of the release would be named ${name}`, {
        value: name,
        expected: 'table names that do not collide with the release files (see schema/dataset.yaml)',
      });
    }
  }

  abstract put(name: string, bytes: Uint8Array): void;
  abstract open(name: string): ByteSink;
  abstract make(name: string, write: (file: string) => void): void;
  abstract makeAsync(name: string, write: (file: string) => Promise<void>): Promise<void>;

  /** A sink that hashes and counts what passes through it. */
  protected recording(name: string, inner: ByteSink): ByteSink {
    this.claim(name);
    const hash = createHash('sha256'); // incremental: the file passes through in chunks
    let bytes = 0;
    return {
      write: async (chunk) => {
        hash.update(chunk);
        bytes += chunk.byteLength;
        await inner.write(chunk);
      },
      close: async () => {
        await inner.close();
        this.facts.set(name, { name, bytes, sha256: hash.digest('hex') });
      },
    };
  }

  infos(): Map<string, FileInfo> {
    return new Map([...this.facts].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** Files kept in memory (tests, and the edge fixtures rendered without a build). */
export class MemoryFiles extends RecordingFiles {
  readonly bytes = new Map<string, Uint8Array>();

  put(name: string, bytes: Uint8Array): void {
    this.claim(name);
    this.bytes.set(name, bytes);
    this.facts.set(name, { name, bytes: bytes.length, sha256: sha256(bytes) });
  }

  async makeAsync(name: string, write: (file: string) => Promise<void>): Promise<void> {
    const dir = mkdtempSync(path.join(tmpdir(), 'crr-file-'));
    try {
      await write(path.join(dir, 'file'));
      this.put(name, readFileSync(path.join(dir, 'file')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  make(name: string, write: (file: string) => void): void {
    const dir = mkdtempSync(path.join(tmpdir(), 'crr-file-'));
    try {
      write(path.join(dir, 'file'));
      this.put(name, readFileSync(path.join(dir, 'file')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  open(name: string): ByteSink {
    const mem = memorySink();
    const sink = this.recording(name, mem);
    return { write: sink.write, close: async () => { await sink.close(); this.bytes.set(name, mem.bytes()); } };
  }

  sorted(): Map<string, Uint8Array> {
    return new Map([...this.bytes].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

/** Files written straight into a staging folder. */
export class FolderFiles extends RecordingFiles {
  constructor(readonly dir: string) {
    super();
  }

  adopt(infos: Iterable<FileInfo>): void {
    for (const f of infos) {
      this.claim(f.name);
      this.facts.set(f.name, f);
    }
  }

  /** Folders made so far: a large release's page writes thousands of parts into one. */
  private readonly made = new Set<string>();

  private path(name: string): string {
    const file = path.join(this.dir, name);
    const dir = path.dirname(file);
    if (!this.made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.made.add(dir);
    }
    return file;
  }

  put(name: string, bytes: Uint8Array): void {
    this.claim(name);
    writeFileSync(this.path(name), bytes);
    this.facts.set(name, { name, bytes: bytes.length, sha256: sha256(bytes) });
  }

  make(name: string, write: (file: string) => void): void {
    this.claim(name);
    const file = this.path(name);
    write(file);
    this.facts.set(name, { name, ...hashFile(file) });
  }

  async makeAsync(name: string, write: (file: string) => Promise<void>): Promise<void> {
    this.claim(name);
    const file = this.path(name);
    await write(file);
    this.facts.set(name, { name, ...hashFile(file) });
  }

  open(name: string): ByteSink {
    const file = this.path(name);
    // A write stream per file, with backpressure (see writer.ts).
    return this.recording(name, fileSinkOf(file));
  }
}


/**
 * Texts of the sources, loaded (and hash-checked) when first asked for and
 * kept: every table's pass asks for every source in turn, and reading a
 * text again costs more than keeping it (about 100 MB for a thousand
 * chapters; an IndexedText of a text with no astral character is the
 * string itself).
 */
export class SourceTexts {
  private readonly cache = new Map<string, IndexedText>();
  constructor(private readonly sourcesDir: string, private readonly root: string) {}

  get(id: string): IndexedText | undefined {
    let t = this.cache.get(id);
    if (t) return t;
    try {
      t = loadSource(path.join(this.sourcesDir, id), this.root).text;
    } catch (e) {
      if (e instanceof PipelineError && e.code === 'source/missing-file') return undefined;
      throw e;
    }
    this.cache.set(id, t);
    return t;
  }
}

