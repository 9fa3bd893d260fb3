/*
 * The LAPACK route's decomposition called from C, as a reference for bench/lapack-route.ts:
 * G = AᵀA by dsyrk, then dsyevd with eigenvectors, on the same matrix as the route (seed 1 there),
 * one OpenBLAS thread. Usage: lapack-native N REPS SEED; prints microseconds per call.
 *
 *   cc -O2 bench/lapack-native.c -o /tmp/lapack-native -l:libopenblas.so.0   (Debian: libopenblas0-pthread)
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern void dsyrk_(const char *, const char *, const int *, const int *, const double *, const double *,
                   const int *, const double *, double *, const int *, size_t, size_t);
extern void dsyevd_(const char *, const char *, const int *, double *, const int *, double *, double *,
                    const int *, int *, const int *, int *, size_t, size_t);
extern void openblas_set_num_threads(int);

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: lapack-native N REPS SEED\n");
    return 2;
  }
  int n = atoi(argv[1]), reps = atoi(argv[2]);
  unsigned long state = strtoul(argv[3], NULL, 10);
  openblas_set_num_threads(1);
  int lwork = 1 + 6 * n + 2 * n * n, liwork = 3 + 5 * n, info = 0;
  double *a = malloc(sizeof(double) * n * n), *g = malloc(sizeof(double) * n * n);
  double *w = malloc(sizeof(double) * n), *work = malloc(sizeof(double) * lwork);
  int *iwork = malloc(sizeof(int) * liwork);
  double one = 1, zero = 0;
  for (int i = 0; i < n * n; i++) {
    state = (state * 16807) % 2147483647;
    a[i] = (float)((double)state / 2147483647 - 0.5); /* the float32 values lapack-route.ts decomposes */
  }
  for (int warm = 0; warm < 2; warm++) {
    double start = seconds();
    for (int r = 0; r < reps; r++) {
      dsyrk_("L", "N", &n, &n, &one, a, &n, &zero, g, &n, 1, 1);
      dsyevd_("V", "L", &n, g, &n, w, work, &lwork, iwork, &liwork, &info, 1, 1);
    }
    if (warm) printf("%.2f\n", (seconds() - start) / reps * 1e6);
  }
  return info == 0 ? 0 : 1;
}
