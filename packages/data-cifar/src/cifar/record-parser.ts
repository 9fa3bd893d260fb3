import { DataFileError } from '../store/data-file-error.js';
import type { ImageStore } from '../store/image-store.js';
import { recordBytes, type CifarFile, type CifarFormat } from './format.js';

export type CifarLabelKind = 'fine' | 'coarse';

/** What a well-formed file of `file`'s kind must measure, in bytes. */
export function expectedFileBytes(format: CifarFormat, file: CifarFile): number {
  return file.records * recordBytes(format);
}

const REFETCH = (format: CifarFormat) =>
  `Download the binary version again (${format.url}, md5 ${format.md5}) and unpack it, or point "path" at the .tar.gz itself`;

/** Checks a file's size before reading it, explaining the likely cause of a mismatch. */
export function checkFileSize(format: CifarFormat, file: CifarFile, size: number, where: string): void {
  const expected = expectedFileBytes(format, file);
  if (size === expected) return;
  const rec = recordBytes(format);
  const detail =
    size < expected
      ? `is truncated: ${size} bytes, expected ${expected} (${file.records} records of ${rec} bytes)` +
        (size % rec === 0
          ? `; it holds only ${size / rec} whole records`
          : `; the last record is cut after ${size % rec} bytes`)
      : `is ${size} bytes, larger than the ${expected} bytes of ${file.records} records of ${rec} bytes; it is not a CIFAR ${format.variant === 'cifar10' ? '10' : '100'} binary batch (the Python or Matlab version, or the other CIFAR variant?)`;
  throw new DataFileError(where, detail, REFETCH(format));
}

/**
 * Streams one batch file into `store`, starting at record `firstRecord`:
 * splits labels from pixels across chunk boundaries, validates every label
 * and the total length.
 */
export class CifarRecordParser {
  private readonly rec: number;
  private readonly classes: number;
  private readonly labelOffset: number;
  private received = 0;

  constructor(
    private readonly format: CifarFormat,
    private readonly file: CifarFile,
    private readonly store: ImageStore,
    private readonly firstRecord: number,
    private readonly where: string,
    label: CifarLabelKind = 'fine',
  ) {
    this.rec = recordBytes(format);
    // CIFAR-100 records start <coarse label><fine label>.
    this.labelOffset = format.labelBytes === 2 && label === 'fine' ? 1 : 0;
    this.classes = format.variant === 'cifar10' ? 10 : label === 'fine' ? 100 : 20;
  }

  push(chunk: Uint8Array): void {
    const expected = expectedFileBytes(this.format, this.file);
    if (this.received + chunk.length > expected) {
      throw new DataFileError(
        this.where,
        `holds more than the ${expected} bytes of ${this.file.records} records`,
        REFETCH(this.format),
      );
    }
    const { pixels, labels } = this.store;
    const px = this.format.pixelBytes;
    let i = 0;
    while (i < chunk.length) {
      const pos = this.received + i;
      const record = Math.floor(pos / this.rec);
      const within = pos % this.rec;
      const target = this.firstRecord + record;
      if (within < this.format.labelBytes) {
        if (within === this.labelOffset) {
          const value = chunk[i]!;
          if (value >= this.classes) {
            throw new DataFileError(
              this.where,
              `record ${record} has label ${value}, outside 0..${this.classes - 1}; this is not a ${this.format.variant} binary batch or it is corrupted`,
              REFETCH(this.format),
            );
          }
          labels[target] = value;
        }
        i++;
        continue;
      }
      const start = within - this.format.labelBytes;
      const n = Math.min(px - start, chunk.length - i);
      pixels.set(chunk.subarray(i, i + n), target * px + start);
      i += n;
    }
    this.received += chunk.length;
  }

  /** Called after the last chunk: the file must have been complete. */
  end(): void {
    checkFileSize(this.format, this.file, this.received, this.where);
  }
}
