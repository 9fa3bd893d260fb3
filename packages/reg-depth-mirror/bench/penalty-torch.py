"""PyTorch reference for bench/penalty.ts: time of R(W) = ||W||_* / ||W||_F
(torch.linalg.svdvals) plus its autograd backward on CPU, in float32 and
float64, on the float32 matrices bench/penalty.ts wrote (argv[3]/w<n>.f32).
Prints one JSON line per case. Torch runs on one thread (TORCH_THREADS to
change it), as rankbias's JS and wasm routes do."""
import json
import os
import sys
import time

import numpy as np
import torch

# bench/torch_blas.py at the repository root: which BLAS torch runs on.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "bench"))
from torch_blas import blas_in_use  # noqa: E402

torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "1")))

sizes = [int(s) for s in sys.argv[1].split(",")]
reps = int(sys.argv[2])
matrix_dir = sys.argv[3]
for n in sizes:
    w32 = np.fromfile(os.path.join(matrix_dir, f"w{n}.f32"), dtype=np.float32).reshape(n, n)
    for dtype in (torch.float32, torch.float64):
        w0 = torch.from_numpy(w32.copy()).to(dtype)
        times = []
        value = None
        start = time.perf_counter()
        for i in range(1000):
            if i > reps and time.perf_counter() - start > 3:
                break
            w = w0.clone().requires_grad_(True)
            t0 = time.perf_counter()
            r = torch.linalg.svdvals(w).sum() / torch.linalg.norm(w)
            r.backward()
            _ = w.grad.sum().item()
            times.append((time.perf_counter() - t0) * 1000)
            value = r.item()
        runs = sorted(times[1:])  # the first call is warm-up
        print(json.dumps({"n": n, "torch": torch.__version__, "dtype": str(dtype).replace("torch.", ""),
                          "min": runs[0], "median": runs[len(runs) // 2], "runs": len(runs),
                          "value": value, "threads": torch.get_num_threads(), "blas": blas_in_use()["name"]}))
