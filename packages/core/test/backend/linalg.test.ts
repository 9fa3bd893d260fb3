import { afterEach, describe, expect, it } from 'vitest';
import { BackendUnavailableError } from '../../src/backend/errors.js';
import { describeLinalg, LAPACK_PACKAGE, selectLinalg } from '../../src/backend/linalg.js';
import { setWasmMatMulGemm, wasmMatMulGemm } from '@rankbias/wasm-train';
import { float64Accelerator, setFloat64Accelerator, type Float64Accelerator } from '../../src/linalg/accelerator.js';

const notInstalled = (spec: string) =>
  Object.assign(new Error(`Cannot find package '${spec}'`), { code: 'ERR_MODULE_NOT_FOUND' });

/** A stand-in engine: selection only needs its name. */
const fakeEngine = { name: 'LAPACK libfake.so (1 thread)' } as Float64Accelerator;

afterEach(() => {
  setFloat64Accelerator(undefined);
  setWasmMatMulGemm(undefined);
});

describe('selectLinalg', () => {
  it('auto activates @rankbias/linalg-lapack when it loads a library, and says which', async () => {
    const tried: string[] = [];
    const sel = await selectLinalg('auto', async (spec) => {
      tried.push(spec);
      return { loadLapack: () => fakeEngine };
    });
    expect(tried).toEqual([LAPACK_PACKAGE]);
    expect(sel).toMatchObject({ name: 'lapack', notable: true });
    expect(float64Accelerator()).toBe(fakeEngine);
    expect(describeLinalg(sel)).toBe('rankbias: float64 linear algebra LAPACK libfake.so (1 thread)');
  });

  it('auto without the package: plain JS, quietly, with the install hint', async () => {
    setFloat64Accelerator(fakeEngine);
    const sel = await selectLinalg('auto', async (spec) => {
      throw notInstalled(spec);
    });
    expect(sel).toMatchObject({ name: 'js', installed: false, notable: false });
    expect(sel.reason).toContain(`${LAPACK_PACKAGE} not installed`);
    expect(sel.hint).toContain('apt-get install libopenblas0-pthread');
    expect(float64Accelerator()).toBeUndefined();
  });

  it('auto with the package but no library: plain JS, and worth a line (the user installed it)', async () => {
    const sel = await selectLinalg('auto', async () => ({
      loadLapack: () => {
        throw new Error('no LAPACK library could be loaded (libopenblas.so.0: not found)');
      },
    }));
    expect(sel).toMatchObject({ name: 'js', installed: true, notable: true });
    expect(describeLinalg(sel)).toContain('in JS (auto: no LAPACK library could be loaded');
  });

  it('lapack required but unavailable: an error naming what failed and what to install', async () => {
    const run = selectLinalg('lapack', async (spec) => {
      throw notInstalled(spec);
    });
    await expect(run).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(run).rejects.toThrow(
      /linalg "lapack" requested but @rankbias\/linalg-lapack not installed.*npm install/,
    );
  });

  it('js turns an active accelerator off', async () => {
    setFloat64Accelerator(fakeEngine);
    const sel = await selectLinalg('js', async () => {
      throw new Error('must not be imported');
    });
    expect(sel).toMatchObject({ name: 'js', reason: 'requested', notable: false });
    expect(float64Accelerator()).toBeUndefined();
  });

  it('auto with the real package on this machine: LAPACK (.ci/run installs libopenblas0-pthread)', async () => {
    const sel = await selectLinalg('auto');
    expect(sel.name, sel.reason).toBe('lapack');
    expect(float64Accelerator()?.name).toMatch(/^LAPACK /);
    // The same library's sgemm runs the wasm backend's float32 products.
    expect(wasmMatMulGemm()).toBe((float64Accelerator() as unknown as { gemmFloat32: unknown }).gemmFloat32);
  });

  it("an engine's float32 gemm goes to the wasm matmul kernels; js takes it away again", async () => {
    const gemmFloat32 = () => undefined;
    await selectLinalg('auto', async () => ({ loadLapack: () => ({ ...fakeEngine, gemmFloat32 }) }));
    expect(wasmMatMulGemm()).toBe(gemmFloat32);
    await selectLinalg('js');
    expect(wasmMatMulGemm()).toBeUndefined();
  });
});

describe('selectLinalg lapack with the package installed but no library', () => {
  it("says the library's own reason once, without telling to install the package", async () => {
    const run = selectLinalg('lapack', async () => ({
      loadLapack: () => {
        throw new Error('no LAPACK library could be loaded (/x.so: not found); install one (apt-get install …)');
      },
    }));
    await expect(run).rejects.toThrow(
      'linalg "lapack" requested but no LAPACK library could be loaded (/x.so: not found); install one (apt-get install …). Or set linalg: auto or js.',
    );
  });
});
