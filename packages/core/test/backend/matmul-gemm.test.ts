import * as tf from '@tensorflow/tfjs-core';
import { setWasmMatMulGemm } from '@rankbias/wasm-train';
import { afterEach, describe, expect, it } from 'vitest';
import { backendMatMulGemm } from '../../src/backend/matmul-gemm.js';
import { selectBackend } from '../../src/backend/select-backend.js';

afterEach(() => setWasmMatMulGemm(undefined));

describe('backendMatMulGemm', () => {
  it("is wasm-train's gemm while the wasm backend is active, and nothing without one", async () => {
    expect((await selectBackend('wasm')).name).toBe('wasm');
    expect(backendMatMulGemm()).toBeUndefined();
    const gemm = () => undefined;
    setWasmMatMulGemm(gemm);
    expect(backendMatMulGemm()).toBe(gemm);
    setWasmMatMulGemm(undefined);
    expect(backendMatMulGemm()).toBeUndefined();
  });

  it('is nothing on the cpu backend, whose products are its own JS kernels, even with a gemm set', async () => {
    expect((await selectBackend('cpu')).name).toBe('cpu');
    setWasmMatMulGemm(() => undefined);
    expect(tf.getBackend()).toBe('cpu');
    expect(backendMatMulGemm()).toBeUndefined();
  });
});
