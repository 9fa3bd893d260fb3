import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { MatrixCompletionDataset } from '../../src/matrix-completion/dataset.js';
import { generateMatrixCompletion } from '../../src/matrix-completion/problem.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('MatrixCompletionDataset', () => {
  const p = generateMatrixCompletion({ size: 8, rank: 2, observed: 20, seed: 3 });
  const data = new MatrixCompletionDataset(p);

  it('describes an int32-indexed regression task with observed = train and unobserved = test', () => {
    expect(data.task).toBe('regression');
    expect(data.inputDtype).toBe('int32');
    expect(data.inputShape).toEqual([2]);
    expect(data.outputSize).toBe(1);
    expect([data.size('train'), data.size('test'), data.size('validation')]).toEqual([20, 44, 0]);
  });

  it('returns [row, col] indices and the true values of the requested entries', () => {
    const { x, y } = data.batch('test', Int32Array.from([0, 5, 43]));
    expect(x.dtype).toBe('int32');
    expect(x.shape).toEqual([3, 2]);
    expect(y.shape).toEqual([3, 1]);
    const xs = x.dataSync();
    const ys = y.dataSync();
    [0, 5, 43].forEach((k, i) => {
      const flat = p.unobserved[k]!;
      expect([xs[2 * i], xs[2 * i + 1]]).toEqual([Math.floor(flat / 8), flat % 8]);
      expect(ys[i]).toBeCloseTo(p.truth[flat]!, 6);
    });
    tf.dispose([x, y]);
  });

  it('names the split and size when an index is out of range', () => {
    expect(() => data.batch('train', Int32Array.from([20]))).toThrow(
      /index 20 out of range for split "train" of size 20/,
    );
  });
});
