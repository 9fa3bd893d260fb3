"""Which BLAS/LAPACK the running torch uses, read from the libraries mapped into this process.

Debian's python3-torch links the system's libblas.so.3 / liblapack.so.3, which point at OpenBLAS only
when libopenblas0(-pthread) is installed; otherwise the reference BLAS runs, several times slower, and a
comparison against it flatters rankbias. The bench scripts print what this returns next to torch's figures.
"""
import os


def blas_in_use():
    """'OpenBLAS', 'MKL', 'reference BLAS' or 'unknown', plus the library paths seen."""
    import torch

    a = torch.ones(8, 8)
    _ = a @ a
    _ = torch.linalg.svdvals(a)
    paths = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            parts = line.split()
            if len(parts) >= 6 and any(k in parts[-1] for k in ("blas", "lapack", "mkl")):
                paths.add(os.path.realpath(parts[-1]))
    joined = " ".join(sorted(paths))
    if "openblas" in joined:
        name = "OpenBLAS"
    elif "mkl" in joined:
        name = "MKL"
    elif paths:
        name = "reference BLAS"
    else:
        name = "unknown"
    return {"name": name, "libraries": sorted(paths)}
