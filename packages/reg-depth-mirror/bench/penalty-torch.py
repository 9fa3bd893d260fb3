"""PyTorch reference for bench/penalty.ts: time of R(W) = ||W||_* / ||W||_F
(torch.linalg.svdvals) plus its autograd backward, float32 and float64, on CPU.
Prints one JSON line per case: {"n": ..., "dtype": ..., "ms": median, "value": R}."""
import json
import sys
import time

import torch

sizes = [int(s) for s in sys.argv[1].split(",")]
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
torch.manual_seed(0)
for n in sizes:
    for dtype in (torch.float32, torch.float64):
        w0 = torch.randn(n, n, dtype=dtype)
        times = []
        value = None
        for _ in range(reps + 1):
            w = w0.clone().requires_grad_(True)
            t0 = time.perf_counter()
            r = torch.linalg.svdvals(w).sum() / torch.linalg.norm(w)
            r.backward()
            _ = w.grad.sum().item()
            times.append((time.perf_counter() - t0) * 1000)
            value = r.item()
        times = sorted(times[1:])
        print(json.dumps({"n": n, "dtype": str(dtype).replace("torch.", ""), "ms": times[len(times) // 2],
                          "value": value, "threads": torch.get_num_threads()}))
