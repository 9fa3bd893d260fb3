import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { recordBytes, type CifarFormat } from '../../src/cifar/format.js';

export function tempDir(prefix = 'rankbias-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A deterministic pixel byte for (file, record, offset). */
export function pixelByte(fileIndex: number, record: number, offset: number): number {
  return (fileIndex * 131 + record * 17 + offset * 7 + (offset >> 5) * 3) & 0xff;
}

/** Label bytes of a record: [label] for CIFAR-10, [coarse, fine] for CIFAR-100. */
export function recordLabels(format: CifarFormat, fileIndex: number, record: number): number[] {
  const fine = (fileIndex * 3 + record * 7) % (format.variant === 'cifar10' ? 10 : 100);
  return format.labelBytes === 1 ? [fine] : [fine % 20, fine];
}

/** The bytes of batch file `fileIndex` of `format`, exactly as the official files lay them out. */
export function cifarFileBytes(format: CifarFormat, fileIndex: number): Uint8Array {
  const file = format.files[fileIndex]!;
  const rec = recordBytes(format);
  const out = new Uint8Array(file.records * rec);
  for (let r = 0; r < file.records; r++) {
    out.set(recordLabels(format, fileIndex, r), r * rec);
    for (let o = 0; o < format.pixelBytes; o++) out[r * rec + format.labelBytes + o] = pixelByte(fileIndex, r, o);
  }
  return out;
}

/** Writes every batch file (and a label-names file) of `format` into `dir`; returns dir. */
export function writeCifarDirectory(format: CifarFormat, dir: string): string {
  format.files.forEach((f, i) => writeFileSync(join(dir, f.name), cifarFileBytes(format, i)));
  const names = format.variant === 'cifar10' ? 10 : 100;
  writeFileSync(
    join(dir, format.labelNameFiles.fine),
    Array.from({ length: names }, (_, i) => `class${i}`).join('\n') + '\n',
  );
  return dir;
}

export interface TarEntry {
  readonly name: string;
  readonly data?: Uint8Array;
  readonly type?: 'file' | 'directory' | 'symlink' | 'link';
  readonly linkname?: string;
}

/** A gzip-compressed tar archive of `entries` (built with tar-stream's packer). */
export async function tarGz(entries: readonly TarEntry[]): Promise<Buffer> {
  const packer = tarPack();
  const chunks: Buffer[] = [];
  packer.on('data', (c: unknown) => {
    chunks.push(c as Buffer);
  });
  const done = new Promise<void>((res, rej) => {
    packer.on('end', () => res());
    packer.on('error', rej);
  });
  for (const e of entries) {
    const type = e.type ?? 'file';
    if (type === 'file') packer.entry({ name: e.name, type }, Buffer.from(e.data ?? new Uint8Array()));
    else packer.entry({ name: e.name, type, linkname: e.linkname });
  }
  packer.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** The official archive's layout for `format`, as a .tar.gz in a temp dir. */
export async function writeCifarArchive(format: CifarFormat, dir: string): Promise<string> {
  const entries: TarEntry[] = [
    { name: `${format.folder}/`, type: 'directory' },
    { name: `${format.folder}/readme.html`, data: new TextEncoder().encode('<html></html>') },
    ...format.files.map((f, i) => ({ name: `${format.folder}/${f.name}`, data: cifarFileBytes(format, i) })),
  ];
  const path = join(dir, format.archive);
  writeFileSync(path, await tarGz(entries));
  return path;
}

/** An IDX file of unsigned bytes with the given dimensions. */
export function idxBytes(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}
