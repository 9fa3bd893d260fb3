import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { extract as tarExtract } from 'tar-stream';
import { checkArchiveEntry } from '../store/archive-entry.js';
import { DataFileError } from '../store/data-file-error.js';
import { allocateStore, type ImageStore } from '../store/image-store.js';
import type { CifarFile, CifarFormat } from './format.js';
import { CifarRecordParser, checkFileSize, type CifarLabelKind } from './record-parser.js';

/** The two splits of a CIFAR distribution, each one compact store. */
export interface CifarData {
  readonly train: ImageStore;
  readonly test: ImageStore;
  /** Class names read from the distribution's label-name file, when present. */
  readonly classNames?: readonly string[];
}

export interface LoadCifarOptions {
  /** A directory holding the batch files (directly or in the archive's folder), or the official `.tar.gz`. */
  readonly path: string;
  readonly format: CifarFormat;
  /** CIFAR-100: which label byte to keep. */
  readonly label?: CifarLabelKind;
}

function manualStep(format: CifarFormat): string {
  return `Download ${format.url} (md5 ${format.md5}) and pass the .tar.gz, or the folder it unpacks to, as "path"`;
}

/** Where each file's records go: the split's store and the first record index. */
function layout(format: CifarFormat): {
  stores: CifarData;
  place: Map<string, { store: ImageStore; first: number; file: CifarFile }>;
} {
  const place = new Map<string, { store: ImageStore; first: number; file: CifarFile }>();
  const count = (split: 'train' | 'test') =>
    format.files.filter((f) => f.split === split).reduce((s, f) => s + f.records, 0);
  const train = allocateStore(count('train'), 32, 32, 3);
  const test = allocateStore(count('test'), 32, 32, 3);
  const offsets = { train: 0, test: 0 };
  for (const file of format.files) {
    const store = file.split === 'train' ? train : test;
    place.set(file.name, { store, first: offsets[file.split], file });
    offsets[file.split] += file.records;
  }
  return { stores: { train, test }, place };
}

function parseNames(text: string): string[] | undefined {
  const names = text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return names.length ? names : undefined;
}

/** Reads a CIFAR binary distribution from a directory or a `.tar.gz`, validating every file. */
export async function loadCifar(options: LoadCifarOptions): Promise<CifarData> {
  const info = await stat(options.path).catch(() => undefined);
  if (!info) {
    throw new DataFileError(options.path, 'does not exist', manualStep(options.format));
  }
  return info.isDirectory() ? loadFromDirectory(options) : loadFromArchive(options);
}

async function findBatchDirectory(dir: string, format: CifarFormat): Promise<string> {
  const first = format.files[0]!.name;
  for (const candidate of [dir, join(dir, format.folder)]) {
    const entries = await readdir(candidate).catch(() => [] as string[]);
    if (entries.includes(first)) return candidate;
  }
  return dir;
}

async function loadFromDirectory(options: LoadCifarOptions): Promise<CifarData> {
  const { format } = options;
  const dir = await findBatchDirectory(options.path, format);
  const entries = new Set(await readdir(dir));
  const missing = format.files.filter((f) => !entries.has(f.name)).map((f) => f.name);
  if (missing.length) {
    const python =
      entries.has('data_batch_1') || entries.has('train')
        ? ' (this looks like the Python version; rankbias reads the binary version)'
        : '';
    throw new DataFileError(dir, `lacks ${missing.join(', ')}${python}`, manualStep(format));
  }
  const { stores, place } = layout(format);
  for (const file of format.files) {
    const where = join(dir, file.name);
    const size = await stat(where).then(
      (st) => st.size,
      (e: NodeJS.ErrnoException) => {
        const problem =
          e.code === 'ENOENT'
            ? 'is a symbolic link to a file that does not exist'
            : `cannot be read (${e.code ?? e.message})`;
        throw new DataFileError(where, problem, manualStep(format));
      },
    );
    checkFileSize(format, file, size, where);
    const target = place.get(file.name)!;
    const parser = new CifarRecordParser(format, file, target.store, target.first, where, options.label);
    for await (const chunk of createReadStream(where, { highWaterMark: 1 << 20 })) parser.push(chunk as Buffer);
    parser.end();
  }
  let classNames: string[] | undefined;
  const namesFile = options.label === 'coarse' ? format.labelNameFiles.coarse : format.labelNameFiles.fine;
  if (namesFile && entries.has(namesFile)) {
    classNames = parseNames(await readFile(join(dir, namesFile), 'utf8'));
  }
  return { ...stores, classNames };
}

async function loadFromArchive(options: LoadCifarOptions): Promise<CifarData> {
  const { format, path } = options;
  const { stores, place } = layout(format);
  const seen = new Set<string>();
  const namesFile = options.label === 'coarse' ? format.labelNameFiles.coarse : format.labelNameFiles.fine;
  let classNames: string[] | undefined;
  const gunzip = createGunzip();
  const extractor = tarExtract();
  const input = createReadStream(path);
  const fail = (e: unknown): never => {
    if (e instanceof DataFileError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    throw new DataFileError(path, `cannot be read as a gzip-compressed tar archive (${msg})`, manualStep(format));
  };
  input.on('error', (e) => extractor.destroy(e));
  gunzip.on('error', (e) => extractor.destroy(e));
  input.pipe(gunzip).pipe(extractor);
  try {
    for await (const entry of extractor) {
      const inRoot = checkArchiveEntry(path, entry.header);
      const where = `${path}:${entry.header.name}`;
      const name = inRoot.startsWith(`${format.folder}/`) ? inRoot.slice(format.folder.length + 1) : undefined;
      const target = entry.header.type === 'file' && name !== undefined ? place.get(name) : undefined;
      if (target) {
        if (seen.has(name!))
          throw new DataFileError(path, `entry "${entry.header.name}" appears twice`, manualStep(format));
        checkFileSize(format, target.file, entry.header.size ?? 0, where);
        const parser = new CifarRecordParser(format, target.file, target.store, target.first, where, options.label);
        for await (const chunk of entry) parser.push(chunk as Buffer);
        parser.end();
        seen.add(name!);
      } else if (entry.header.type === 'file' && name === namesFile) {
        const parts: Buffer[] = [];
        for await (const chunk of entry) parts.push(chunk as Buffer);
        classNames = parseNames(Buffer.concat(parts).toString('utf8'));
      } else {
        entry.resume();
      }
    }
  } catch (e) {
    input.destroy();
    fail(e);
  }
  const missing = format.files.filter((f) => !seen.has(f.name)).map((f) => f.name);
  if (missing.length) {
    const expected = missing.map((m) => `${format.folder}/${m}`).join(', ');
    throw new DataFileError(
      path,
      `is a tar archive but lacks ${expected}; it is not the ${format.archive} binary distribution`,
      manualStep(format),
    );
  }
  return { ...stores, classNames };
}
