// The machine's limit for a read-only streaming reduction: the sum of 1 GiB of
// float64 that is already in memory (pre-touched), on one thread and on two.
//
// Build: cc -O3 -march=native -pthread -o stream_sum stream_sum.c
// Run:   stream_sum [GiB] [repeats]
// Prints one line per thread count, e.g.
//   threads=1 gbps_best=… gbps_median=… seconds_best=… sum=…
// bench/run reads these lines; each Dusk figure that streams memory is shown
// as a fraction of the two-thread bandwidth.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { LANES = 16, MAX_THREADS = 64 };

typedef struct {
    const double *data;
    size_t count;
    double sum;
} Slice;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

// Independent accumulators so the compiler can keep several vector lanes busy
// without reassociating (no -ffast-math needed).
static double sum_slice(const double *restrict a, size_t n) {
    double acc[LANES] = {0};
    size_t i = 0;
    for (; i + LANES <= n; i += LANES) {
        for (int j = 0; j < LANES; j++) acc[j] += a[i + j];
    }
    double total = 0;
    for (; i < n; i++) total += a[i];
    for (int j = 0; j < LANES; j++) total += acc[j];
    return total;
}

static void *run_slice(void *arg) {
    Slice *s = arg;
    s->sum = sum_slice(s->data, s->count);
    return NULL;
}

static double timed_sum(const double *data, size_t n, int threads, double *out) {
    pthread_t tid[MAX_THREADS];
    Slice slices[MAX_THREADS];
    size_t per = n / (size_t)threads;
    double start = now();
    for (int t = 0; t < threads; t++) {
        slices[t].data = data + (size_t)t * per;
        slices[t].count = (t == threads - 1) ? n - (size_t)t * per : per;
        if (t > 0) pthread_create(&tid[t], NULL, run_slice, &slices[t]);
    }
    run_slice(&slices[0]);
    double total = slices[0].sum;
    for (int t = 1; t < threads; t++) {
        pthread_join(tid[t], NULL);
        total += slices[t].sum;
    }
    double elapsed = now() - start;
    *out = total;
    return elapsed;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    double gib = argc > 1 ? atof(argv[1]) : 1.0;
    int repeats = argc > 2 ? atoi(argv[2]) : 10;
    if (gib <= 0 || repeats <= 0 || repeats > 1000) {
        fprintf(stderr, "usage: stream_sum [GiB > 0] [repeats 1..1000]\n");
        return 2;
    }
    size_t bytes = (size_t)(gib * 1073741824.0);
    size_t n = bytes / sizeof(double);
    double *data = aligned_alloc(64, n * sizeof(double));
    if (!data) {
        fprintf(stderr, "stream_sum: cannot allocate %zu bytes\n", n * sizeof(double));
        return 1;
    }
    // Pre-touch every page (first-touch faults are not what we measure), with
    // values whose sum is exact in float64.
    for (size_t i = 0; i < n; i++) data[i] = (double)(i & 1023);
    double expected = 0;
    for (size_t i = 0; i < n; i++) expected += (double)(i & 1023);

    int counts[2] = {1, 2};
    double times[1000];
    for (int c = 0; c < 2; c++) {
        int threads = counts[c];
        double sum = 0;
        timed_sum(data, n, threads, &sum);  // warm-up
        for (int r = 0; r < repeats; r++) times[r] = timed_sum(data, n, threads, &sum);
        qsort(times, (size_t)repeats, sizeof(double), compare);
        double best = times[0], median = times[repeats / 2];
        double gb = (double)(n * sizeof(double)) / 1e9;
        printf("threads=%d gbps_best=%.2f gbps_median=%.2f seconds_best=%.5f bytes=%zu sum=%.17g ok=%d\n",
               threads, gb / best, gb / median, best, n * sizeof(double), sum, sum == expected);
    }
    free(data);
    return 0;
}
