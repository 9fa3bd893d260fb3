import { regressionVsDepth } from '../bench/observations.js';
const t0 = Date.now();
console.table(regressionVsDepth([1, 2, 4, 8], 1, { steps: Number(process.argv[2] ?? 3000), lr: Number(process.argv[3] ?? 0.05), initScale: Number(process.argv[4] ?? 0.1) }));
console.log((Date.now() - t0) / 1000);
