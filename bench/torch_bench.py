"""PyTorch (CPU) side of `npm run bench`: the workloads of bench/workloads.ts.

Prints one JSON object: {"torch": version, "threads": n, "results": {id: {"medianMs", "minMs", "cpuMedianMs", "reps"}}}.
Thread counts (torch intra-op, OpenBLAS, OpenMP) come from the caller's environment and --threads.
Usage: python3 bench/torch_bench.py [--quick] [--threads N] [--workloads mlp,cnn,mc-d1-penalty,...]
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn
from torch_blas import blas_in_use


def time_steps(step, warmup, reps, steps_per_call=1):
    for _ in range(warmup):
        step()
    times = []
    cpu = []
    for _ in range(reps):
        start = time.perf_counter()
        cpu_start = time.process_time()
        step()
        cpu.append((time.process_time() - cpu_start) * 1000.0 / steps_per_call)
        times.append((time.perf_counter() - start) * 1000.0 / steps_per_call)
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


# The seeds' workloads (bench/seed-workloads.ts): SEED_CHUNK plain training steps per timed call,
# each reading the loss back (as the rankbias trainer does to stop on a NaN).
SEED_CHUNK = 50


def chunked(step):
    def run():
        for _ in range(SEED_CHUNK):
            step()

    return run


def train_step(params, optimizer, loss_of):
    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_of()
        loss.backward()
        optimizer.step()
        loss.item()

    return chunked(step)


def matrix_completion(depth, penalty, optimizer_of):
    n, observed, scale = 100, 2000, 1e-3
    flat = torch.randperm(n * n)[:observed]
    rows, cols = flat // n, flat % n
    target = torch.randn(observed)
    std = scale ** (1.0 / depth) / n ** 0.5
    factors = [(torch.randn(n, n) * std).requires_grad_() for _ in range(depth)]

    def loss_of():
        product = factors[0]
        for w in factors[1:]:
            product = w @ product
        loss = ((product[rows, cols] - target) ** 2).mean()
        if penalty:
            loss = loss + penalty * torch.linalg.svdvals(product).sum() / torch.linalg.norm(product)
        return loss

    return train_step(factors, optimizer_of(factors), loss_of)


def leaky_relu_step():
    n, d, m = 40, 2000, 50
    x = torch.randn(n, d)
    y = torch.randint(0, 2, (n,)).float() * 2 - 1
    w = (torch.randn(d, m) * 1e-4).requires_grad_()
    a = (torch.randint(0, 2, (m, 1)).float() * 2 - 1) / m ** 0.5

    def loss_of():
        f = (torch.nn.functional.leaky_relu(x @ w, 0.1) @ a).reshape(-1)
        return torch.nn.functional.softplus(-y * f).mean()

    return train_step([w], torch.optim.SGD([w], lr=0.1), loss_of)


def teacher_student_step():
    n, d, m = 50, 5, 300
    x = torch.randn(n, d)
    y = x @ torch.randn(d, 1) + 0.5 * torch.randn(n, 1)
    hidden = (torch.randn(d, m) * 1e-3 / m ** 0.5).requires_grad_()
    bias = (torch.randn(m) * 1e-3 / m ** 0.5).requires_grad_()
    out = (torch.randn(m, 1) * 1e-3).requires_grad_()
    params = [hidden, bias, out]

    def loss_of():
        return ((torch.relu(x @ hidden + bias) @ out - y) ** 2).mean()

    return train_step(params, torch.optim.SGD(params, lr=0.05), loss_of)


SEED_WORKLOADS = {
    "mc-d1-penalty": lambda: matrix_completion(
        1, 1e-3, lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.9, 0.9))
    ),
    "mc-d3-gd": lambda: matrix_completion(3, 0.0, lambda ps: torch.optim.SGD(ps, lr=5.0)),
    # rankbias's plain-JS penalty variant; the PyTorch step is the same.
    "mc-d1-penalty-js": lambda: matrix_completion(
        1, 1e-3, lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.9, 0.9))
    ),
    "leaky-relu-step": leaky_relu_step,
    "teacher-student-step": teacher_student_step,
}


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
        **SEED_WORKLOADS,
    }
    wanted = [w for w in args.workloads.split(",") if w] or list(workloads)
    unknown = [w for w in wanted if w not in workloads]
    if unknown:
        parser.error(f"unknown workloads {unknown}; known: {list(workloads)}")
    results = {}
    for name in wanted:
        make = workloads[name]
        if name in SEED_WORKLOADS:
            results[name] = time_steps(make(), 1, 3 if args.quick else 7, SEED_CHUNK)
        else:
            results[name] = time_steps(make(), warmup, reps)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "blas": blas_in_use()["name"],
                      "results": results}))


if __name__ == "__main__":
    main()
