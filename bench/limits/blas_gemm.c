// Which BLAS (and how many BLAS threads) multiplies fastest on this machine, in the
// two ways Dusk calls it: one big product (eager `x @ x.T`, as NumPy) and blocks
// multiplied by several scheduler workers at once (a chunked `x @ x.T`).
//
// Build: cc -O2 -pthread -o blas_gemm blas_gemm.c -lblas
// Run against one library by its folder, threads set the library's own way:
//   LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS=1 \
//       blas_gemm gemm|syrk workers block repeats
// `workers` threads each run `repeats` products of `block`² float64 blocks: a·bᵀ
// (dgemm) or a·aᵀ (dsyrk, half the flops: one eager x @ x.T, as NumPy). Prints
//   workers=… block=… seconds_best=… gflops=…
// (2·block³ flops per product, all workers together, the best of three rounds).
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

// The CBLAS calls every libblas.so.3 alternative (OpenBLAS, BLIS) exports.
enum { RowMajor = 101, NoTrans = 111, Trans = 112, Upper = 121 };
void cblas_dgemm(int order, int transA, int transB, int m, int n, int k, double alpha,
                 const double *a, int lda, const double *b, int ldb, double beta, double *c, int ldc);
void cblas_dsyrk(int order, int uplo, int trans, int n, int k, double alpha,
                 const double *a, int lda, double beta, double *c, int ldc);

typedef struct {
    int block, repeats, syrk;
    double *a, *b, *c;
} Worker;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *run(void *argument) {
    Worker *w = argument;
    for (int r = 0; r < w->repeats; r++) {
        if (w->syrk) {
            cblas_dsyrk(RowMajor, Upper, NoTrans, w->block, w->block, 1, w->a, w->block, 0, w->c, w->block);
        } else {
            cblas_dgemm(RowMajor, NoTrans, Trans, w->block, w->block, w->block, 1, w->a, w->block,
                        w->b, w->block, 0, w->c, w->block);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int syrk = argc > 1 && argv[1][0] == 's';
    int workers = argc > 2 ? atoi(argv[2]) : 1;
    int block = argc > 3 ? atoi(argv[3]) : 1000;
    int repeats = argc > 4 ? atoi(argv[4]) : 4;
    if (workers < 1 || workers > 64 || block < 1 || repeats < 1) {
        fprintf(stderr, "usage: blas_gemm gemm|syrk workers block repeats\n");
        return 2;
    }
    Worker w[64];
    size_t count = (size_t)block * block;
    for (int i = 0; i < workers; i++) {
        w[i] = (Worker){block, repeats, syrk, malloc(count * 8), malloc(count * 8), malloc(count * 8)};
        if (!w[i].a || !w[i].b || !w[i].c) { fprintf(stderr, "out of memory\n"); return 1; }
        for (size_t j = 0; j < count; j++) { w[i].a[j] = (double)(j % 97) / 97; w[i].b[j] = (double)(j % 89) / 89; }
    }
    Worker warm = w[0];
    warm.repeats = 1;
    run(&warm);
    double best = 1e30;
    for (int round = 0; round < 3; round++) {
        pthread_t threads[64];
        double t0 = now();
        for (int i = 0; i < workers; i++) pthread_create(&threads[i], NULL, run, &w[i]);
        for (int i = 0; i < workers; i++) pthread_join(threads[i], NULL);
        double t = now() - t0;
        if (t < best) best = t;
    }
    double flops = 2.0 * block * block * (double)block * repeats * workers / (syrk ? 2 : 1);
    printf("%s workers=%d block=%d seconds_best=%.3f gflops=%.1f\n", syrk ? "syrk" : "gemm", workers, block, best, flops / best * 1e-9);
    return 0;
}
