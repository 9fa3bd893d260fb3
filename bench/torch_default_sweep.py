"""PyTorch side of `npm run bench -- --default-sweep`: the 27 runs of examples/default-sweep.yaml.

A rank-3 50x50 matrix (Frobenius norm 50), 750 observed entries; depth 1, 2, 3 factors from
init scale 1e-3; Adam (lr 0.01, betas 0.9/0.9) without and with the penalty
0.01 * ||W_e||_* / ||W_e||_F, and GD (lr 5) with it; seeds 0, 1, 2; 1000 full-batch steps with an
evaluation every 50 (test relative error on the unobserved entries, singular values of W_e), one
run after another. Prints the wall time and the mean final test error per group.
Usage: python3 bench/torch_default_sweep.py [--threads N]
"""
import argparse
import time

import torch
from torch_blas import blas_in_use


def problem(seed, n=50, rank=3, observed=750):
    g = torch.Generator().manual_seed(seed)
    truth = torch.randn(n, rank, generator=g) @ torch.randn(rank, n, generator=g)
    truth = truth * (n / torch.linalg.norm(truth))
    order = torch.randperm(n * n, generator=g)
    return truth, order[:observed], order[observed:]


def run(seed, depth, optimizer, penalty, steps=1000, eval_every=50, n=50):
    torch.manual_seed(seed)
    truth, train, test = problem(seed)
    flat = truth.reshape(-1)
    std = 1e-3 ** (1.0 / depth) / n ** 0.5
    factors = [(torch.randn(n, n) * std).requires_grad_() for _ in range(depth)]
    opt = (
        torch.optim.Adam(factors, lr=0.01, betas=(0.9, 0.9))
        if optimizer == "adam"
        else torch.optim.SGD(factors, lr=5.0)
    )

    def end_to_end():
        product = factors[0]
        for w in factors[1:]:
            product = w @ product
        return product

    error = None
    for step in range(1, steps + 1):
        opt.zero_grad(set_to_none=True)
        product = end_to_end()
        loss = ((product.reshape(-1)[train] - flat[train]) ** 2).mean()
        if penalty:
            loss = loss + penalty * torch.linalg.svdvals(product).sum() / torch.linalg.norm(product)
        loss.backward()
        opt.step()
        loss.item()
        if step % eval_every == 0:
            with torch.no_grad():
                product = end_to_end().reshape(-1)
                error = (torch.linalg.norm(product[test] - flat[test]) / torch.linalg.norm(flat[test])).item()
                torch.linalg.svdvals(product.reshape(n, n))
    return error


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    start = time.perf_counter()
    groups = [("adam", 0.0), ("adam", 0.01), ("gd", 0.01)]
    for depth in (1, 2, 3):
        for optimizer, penalty in groups:
            errors = [run(seed, depth, optimizer, penalty) for seed in (0, 1, 2)]
            label = f"{'Adam' if optimizer == 'adam' else 'GD'}{' + depth-mirror' if penalty else ''}, depth {depth}"
            print(f"{label}: test rel. error {sum(errors) / len(errors):.4f}")
    print(f"wall {time.perf_counter() - start:.1f} s")
    print(f"blas {blas_in_use()['name']}")


if __name__ == "__main__":
    main()
