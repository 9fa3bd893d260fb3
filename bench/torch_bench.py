"""PyTorch (CPU) side of `npm run bench`: the workloads of bench/workloads.ts.

Prints one JSON object: {"torch": version, "threads": n, "results": {id: {"medianMs", "minMs", "cpuMedianMs", "reps"}}}.
Thread counts (torch intra-op, OpenBLAS, OpenMP) come from the caller's environment and --threads.
Usage: python3 bench/torch_bench.py [--quick] [--threads N] [--workloads mlp,cnn,...]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn


def time_steps(step, warmup, reps):
    for _ in range(warmup):
        step()
    times = []
    cpu = []
    for _ in range(reps):
        start = time.perf_counter()
        cpu_start = time.process_time()
        step()
        cpu.append((time.process_time() - cpu_start) * 1000.0)
        times.append((time.perf_counter() - start) * 1000.0)
    return {
        "medianMs": statistics.median(times),
        "minMs": min(times),
        "cpuMedianMs": statistics.median(cpu),
        "reps": reps,
    }


def classifier_step(model, x, labels):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), labels)
        loss.backward()
        optimizer.step()
        loss.item()

    return step


def mlp():
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
    return classifier_step(model, torch.randn(128, 784), torch.randint(0, 10, (128,)))


def cnn():
    layers = []
    channels = 3
    for filters in (32, 64, 64):
        layers += [nn.Conv2d(channels, filters, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
        channels = filters
    model = nn.Sequential(*layers, nn.Flatten(), nn.Linear(4 * 4 * 64, 10))
    return classifier_step(model, torch.randn(64, 3, 32, 32), torch.randint(0, 10, (64,)))


def matmul(transpose_a, transpose_b):
    a = torch.randn(1024, 1024)
    b = torch.randn(1024, 1024)

    def step():
        lhs = a.t() if transpose_a else a
        rhs = b.t() if transpose_b else b
        torch.matmul(lhs, rhs)

    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--workloads", default="")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    reps = 5 if args.quick else 20
    warmup = 2 if args.quick else 5
    workloads = {
        "mlp": mlp,
        "cnn": cnn,
        "matmul-nn": lambda: matmul(False, False),
        "matmul-tn": lambda: matmul(True, False),
        "matmul-nt": lambda: matmul(False, True),
        "matmul-tt": lambda: matmul(True, True),
    }
    wanted = [w for w in args.workloads.split(",") if w] or list(workloads)
    unknown = [w for w in wanted if w not in workloads]
    if unknown:
        parser.error(f"unknown workloads {unknown}; known: {list(workloads)}")
    results = {}
    for name in wanted:
        make = workloads[name]
        results[name] = time_steps(make(), warmup, reps)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
