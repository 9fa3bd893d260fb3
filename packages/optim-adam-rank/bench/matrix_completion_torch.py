"""PyTorch cross-check of the matrix-completion runs (docs/experiments/matrix-completion.md).

Same setup as the rankbias plugins (N x N rank-r truth with ||W*||_F = N, m observed
entries, mean squared error, factors N(0, (s^(1/D)/sqrt N)^2), s = 1e-3), its own RNG.
Usage (Debian's python3 with python3-torch):
  B2=0.999 /usr/bin/python3 bench/matrix_completion_torch.py N r m depth adam|gd lr lambda steps [print_every]
"""
import sys, time, torch, math
torch.set_num_threads(1)
def problem(n, r, m, seed):
    g = torch.Generator().manual_seed(seed)
    U = torch.randn(n, r, generator=g, dtype=torch.float64); V = torch.randn(n, r, generator=g, dtype=torch.float64)
    W = U @ V.T; W = W * n / W.norm()
    perm = torch.randperm(n*n, generator=g); obs = perm[:m]; test = perm[m:]
    return W.float(), obs, test
def run(n, r, m, seed, depth, opt, lr, lam, steps, coupling='coupled', every=0):
    W, obs, test = problem(n, r, m, seed)
    g = torch.Generator().manual_seed(seed + 1000)
    std = 1e-3 ** (1/depth) / math.sqrt(n)
    Ws = [torch.nn.Parameter(torch.randn(n, n, generator=g) * std) for _ in range(depth)]
    o = torch.optim.Adam(Ws, lr=lr, betas=(0.9, float(__import__('os').environ.get('B2', '0.999')))) if opt == 'adam' else torch.optim.SGD(Ws, lr=lr)
    y = W.reshape(-1)[obs]
    def e2e():
        P = Ws[0]
        for A in Ws[1:]: P = A @ P
        return P
    for t in range(steps):
        o.zero_grad()
        P = e2e()
        loss = ((P.reshape(-1)[obs] - y) ** 2).mean()
        if lam > 0:
            s = torch.linalg.svdvals(P)
            pen = lam * s.sum() / s.norm()
            loss = loss + pen
        loss.backward()
        o.step()
        if every and (t+1) % every == 0:
            with torch.no_grad():
                P = e2e(); err = ((P.reshape(-1)[test] - W.reshape(-1)[test]).norm() / W.reshape(-1)[test].norm()).item()
                s = torch.linalg.svdvals(P); p = s / s.sum(); er = math.exp(-(p * torch.log(p.clamp_min(1e-30))).sum().item())
                print(t+1, f"err={err:.4f} erank={er:.2f} train={loss.item():.2e}", flush=True)
    with torch.no_grad():
        P = e2e(); err = ((P.reshape(-1)[test] - W.reshape(-1)[test]).norm() / W.reshape(-1)[test].norm()).item()
        s = torch.linalg.svdvals(P); p = s / s.sum(); er = math.exp(-(p * torch.log(p.clamp_min(1e-30))).sum().item())
    return err, er
if __name__ == '__main__':
    a = sys.argv[1:]
    n, r, m, depth, opt, lr, lam, steps = int(a[0]), int(a[1]), int(a[2]), int(a[3]), a[4], float(a[5]), float(a[6]), int(a[7])
    t0 = time.time()
    err, er = run(n, r, m, 0, depth, opt, lr, lam, steps, every=int(a[8]) if len(a) > 8 else 0)
    print(f"FINAL err={err:.4f} erank={er:.2f} time={time.time()-t0:.1f}s")
