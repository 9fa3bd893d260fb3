/**
 * The fused optimizer kernels' loops as WebAssembly SIMD over the wasm
 * backend's own memory: four float32 lanes per instruction where a JS loop
 * does one double-precision operation and a rounding at a time. Each lane
 * operation is an IEEE float32 operation, which is what both the JS loops
 * (double precision rounded once) and the backend's composed SIMD kernels
 * compute, so all three routes give the same numbers bit for bit.
 *
 * The module is assembled here from its instructions (a few hundred bytes;
 * no toolchain) and instantiated once per backend memory.
 */

/** Byte offsets into the backend's memory; `n` is a multiple of 4 (callers finish the tail). */
export interface SimdLoops {
  /** μ' = β₁μ + (1−β₁)g, ν' = β₂ν + (1−β₂)g², u = (μ'/c₁) / (√(ν'/c₂) + ε), element-wise. */
  adamMoments(
    g: number,
    mu: number,
    nu: number,
    outMu: number,
    outNu: number,
    outUpdate: number,
    n: number,
    beta1: number,
    beta2: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    c1: number,
    c2: number,
    eps: number,
  ): void;
  /** out = x + s·u, element-wise. */
  addScaled(x: number, u: number, out: number, n: number, s: number): void;
}

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (i: number) => [0x20, i],
  set: (i: number) => [0x21, i],
  /** One-byte signed LEB128: the loops need only 2 and 16. */
  i32Const: (v: number) => {
    if (!(Number.isInteger(v) && v >= 0 && v < 64)) throw new RangeError(`i32Const: ${v} needs a longer encoding`);
    return [0x41, v];
  },
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  // SIMD (prefix 0xfd, LEB128 sub-opcode); memarg: alignment exponent 0, offset 0.
  load: [0xfd, 0x00, 0x00, 0x00],
  store: [0xfd, 0x0b, 0x00, 0x00],
  splat: [0xfd, 0x13],
  sqrt: [0xfd, 0xe3, 0x01],
  add: [0xfd, 0xe4, 0x01],
  mul: [0xfd, 0xe6, 0x01],
  div: [0xfd, 0xe7, 0x01],
};

/** Unsigned LEB128. */
function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

const vector = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...leb(body.length), ...body];
const name = (s: string) => [...leb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

/** A function body: locals as (count, type) runs, then code. */
function body(locals: [number, number][], code: number[]): number[] {
  const content = [...leb(locals.length), ...locals.flatMap(([n, t]) => [...leb(n), t]), ...code, ...op.end];
  return [...leb(content.length), ...content];
}

/**
 * `end = 4·count; for (i = 0; i < end; i += 16) { ...step }`: the byte offsets of `count` float32
 * values, four at a time, with i in local `i`, the byte end in local `end` and the count in local `count`.
 */
function loopBytes(i: number, end: number, count: number, step: number[]): number[] {
  return [
    ...op.get(count),
    ...op.i32Const(2),
    ...op.i32Shl,
    ...op.set(end),
    ...op.block,
    ...op.loop,
    ...op.get(i),
    ...op.get(end),
    ...op.i32GeU,
    ...op.brIf(1),
    ...step,
    ...op.get(i),
    ...op.i32Const(16),
    ...op.i32Add,
    ...op.set(i),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

/** v128 at byte offset `base + i`. */
const loadAt = (base: number, i: number) => [...op.get(base), ...op.get(i), ...op.i32Add, ...op.load];
/** Stores the v128 that `value` leaves on the stack at byte offset `base + i`. */
const storeAt = (base: number, i: number, value: number[]) => [
  ...op.get(base),
  ...op.get(i),
  ...op.i32Add,
  ...value,
  ...op.store,
];

function adamBody(): number[] {
  // params 0–6: g, mu, nu, outMu, outNu, outUpdate, n (i32); 7–13: β₁, β₂, 1−β₁, 1−β₂, c₁, c₂, ε (f32)
  // locals 14 i, 15 end (i32); 16–22 the seven scalars splatted; 23 g, 24 μ', 25 ν' (v128)
  const [i, end, g, m, v] = [14, 15, 23, 24, 25];
  const splat = (k: number) => [...op.get(7 + k), ...op.splat, ...op.set(16 + k)];
  const s = (k: number) => op.get(16 + k);
  // β·moment + (1 − β)·term, the moment read at byte offset `base + i`.
  const moment = (base: number, beta: number, oneMinusBeta: number, term: number[]) => [
    ...loadAt(base, i),
    ...s(beta),
    ...op.mul,
    ...term,
    ...s(oneMinusBeta),
    ...op.mul,
    ...op.add,
  ];
  const step = [
    ...loadAt(0, i),
    ...op.set(g),
    ...moment(1, 0, 2, op.get(g)),
    ...op.set(m),
    ...moment(2, 1, 3, [...op.get(g), ...op.get(g), ...op.mul]),
    ...op.set(v),
    ...storeAt(3, i, op.get(m)),
    ...storeAt(4, i, op.get(v)),
    ...storeAt(5, i, [
      ...op.get(m),
      ...s(4),
      ...op.div,
      ...op.get(v),
      ...s(5),
      ...op.div,
      ...op.sqrt,
      ...s(6),
      ...op.add,
      ...op.div,
    ]),
  ];
  const code = [...[0, 1, 2, 3, 4, 5, 6].flatMap(splat), ...loopBytes(i, end, 6, step)];
  return body(
    [
      [2, I32],
      [10, V128],
    ],
    code,
  );
}

function addScaledBody(): number[] {
  // params 0–3: x, u, out, n (i32); 4: s (f32). locals 5 i, 6 end (i32); 7 s splatted (v128)
  const [i, end, vs] = [5, 6, 7];
  const step = storeAt(2, i, [...loadAt(0, i), ...loadAt(1, i), ...op.get(vs), ...op.mul, ...op.add]);
  const code = [...op.get(4), ...op.splat, ...op.set(vs), ...loopBytes(i, end, 3, step)];
  return body(
    [
      [2, I32],
      [1, V128],
    ],
    code,
  );
}

/** The module's bytes: imports `env.memory`, exports `adamMoments` and `addScaled`. */
export function simdLoopsModuleBytes(): Uint8Array<ArrayBuffer> {
  const types = vector([
    [0x60, ...vector([...Array(7).fill([I32]), ...Array(7).fill([F32])]), 0x00],
    [0x60, ...vector([[I32], [I32], [I32], [I32], [F32]]), 0x00],
  ]);
  const imports = vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]]);
  const functions = vector([[0], [1]]);
  const exports = vector([
    [...name('adamMoments'), 0x00, 0x00],
    [...name('addScaled'), 0x00, 0x01],
  ]);
  const code = vector([adamBody(), addScaledBody()]);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, imports),
    ...section(3, functions),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, SimdLoops | null>();

/**
 * The loops over `memory`, or `undefined` where this engine has no
 * WebAssembly SIMD or the memory cannot be imported (a shared one, as in
 * tfjs's multi-threaded build): the JS loops then run.
 */
export function simdLoopsOver(memory: WebAssembly.Memory): SimdLoops | undefined {
  if (compiled === undefined) {
    const bytes = simdLoopsModuleBytes();
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  if (compiled === null) return undefined;
  let loops = instances.get(memory);
  if (loops === undefined) {
    try {
      loops = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as SimdLoops;
    } catch {
      loops = null;
    }
    instances.set(memory, loops);
  }
  return loops ?? undefined;
}

/** The wasm backend's memory, where its module exposes it (tfjs-backend-wasm 4.x: `backend.wasm.asm.memory`). */
export function wasmBackendMemory(backend: unknown): WebAssembly.Memory | undefined {
  const memory = (backend as { wasm?: { asm?: { memory?: unknown } } })?.wasm?.asm?.memory;
  return memory instanceof WebAssembly.Memory ? memory : undefined;
}
