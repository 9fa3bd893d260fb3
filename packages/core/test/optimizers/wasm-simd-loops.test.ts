/**
 * The SIMD loops on their own memory against the scalar float32 formulas
 * the fused kernels' JS loops use (each operation rounded to float32): equal
 * bit for bit, lane by lane.
 */
import { describe, expect, it } from 'vitest';
import { simdLoopsModuleBytes, simdLoopsOver, wasmBackendMemory } from '../../src/optimizers/fused/wasm-simd-loops.js';

const f32 = Math.fround;

describe('wasm SIMD loops', () => {
  it('assemble to a valid module, instantiated once per memory', () => {
    expect(WebAssembly.validate(simdLoopsModuleBytes())).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    expect(simdLoopsOver(memory)).toBe(simdLoopsOver(memory));
    expect(simdLoopsOver(new WebAssembly.Memory({ initial: 1 }))).not.toBe(simdLoopsOver(memory));
  });

  it('a shared memory (multi-threaded builds) cannot be imported: no loops, so the JS loops run', () => {
    const shared = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true });
    expect(simdLoopsOver(shared)).toBeUndefined();
  });

  it('addScaled: x + s·u as f32(x + f32(u·s)), and nothing past n', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new Float32Array(memory.buffer);
    const [n, x, u, out] = [400, 0, 1000, 2000];
    for (let i = 0; i < n; i++) [heap[x + i], heap[u + i]] = [Math.sin(i) * 10 ** (i % 7), Math.cos(1.3 * i)];
    heap[out + n] = 42;
    const s = f32(-0.013);
    simdLoopsOver(memory)!.addScaled(4 * x, 4 * u, 4 * out, n, s);
    for (let i = 0; i < n; i++) expect(heap[out + i], `entry ${i}`).toBe(f32(heap[x + i]! + f32(heap[u + i]! * s)));
    expect(heap[out + n]).toBe(42);
  });

  it("adamMoments: the moments and the update, each operation rounded as tfjs's float32 ops round", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const h = new Float32Array(memory.buffer);
    const n = 800;
    const [g, mu, nu, om, on, ou] = [0, 1000, 2000, 3000, 4000, 5000];
    for (let i = 0; i < n; i++) {
      h[g + i] = Math.sin(i) * 10 ** -(i % 5);
      h[mu + i] = Math.cos(i) * 1e-3;
      h[nu + i] = Math.abs(Math.sin(0.7 * i)) * 1e-5;
    }
    const [b1, b2, eps] = [f32(0.9), f32(0.999), f32(1e-8)];
    const [o1, o2, c1, c2] = [f32(1 - 0.9), f32(1 - 0.999), f32(0.271), f32(0.0029)];
    simdLoopsOver(memory)!.adamMoments(4 * g, 4 * mu, 4 * nu, 4 * om, 4 * on, 4 * ou, n, b1, b2, o1, o2, c1, c2, eps);
    for (let i = 0; i < n; i++) {
      const gi = h[g + i]!;
      const m = f32(f32(h[mu + i]! * b1) + f32(gi * o1));
      const v = f32(f32(h[nu + i]! * b2) + f32(f32(gi * gi) * o2));
      expect([h[om + i], h[on + i]], `moments ${i}`).toEqual([m, v]);
      expect(h[ou + i], `update ${i}`).toBe(f32(f32(m / c1) / f32(f32(Math.sqrt(f32(v / c2))) + eps)));
    }
  });

  it("finds the wasm backend's memory, and nothing in an object without one", () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    expect(wasmBackendMemory({ wasm: { asm: { memory } } })).toBe(memory);
    expect(wasmBackendMemory({ wasm: {} })).toBeUndefined();
    expect(wasmBackendMemory(undefined)).toBeUndefined();
  });
});
