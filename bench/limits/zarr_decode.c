// The machine's limit for reading a Zarr store: every chunk of a v3 store with default
// codecs (bytes little-endian, zstd) read from its file and decompressed once, with no
// framework around it; then the same with the sum of squares of each decoded chunk
// (the zarr_image workload's (im ** 2).sum()).
//
// Build: cc -O3 -march=native -pthread -o zarr_decode zarr_decode.c -lzstd
// Run:   zarr_decode STORE N C [repeats]    (an N x N int32 array in C x C chunks, keys c/i/j)
// Prints one line per thread count, e.g.
//   threads=2 decode_best=… decode_median=… sumsq_best=… sumsq_median=… sumsq=…
// Buffers are allocated and touched once, before timing, and reused (as Dusk's buffer pool
// does); files are read with read(2) from the page cache (the store was just read once).
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zstd.h>

enum { MAX_THREADS = 16, MAX_REPEATS = 64 };

typedef struct {
    const char *store;
    int grid, chunk, n;
    int sum_squares;
    atomic_int *next;
    unsigned char *input;
    size_t input_capacity;
    int32_t *output;
    ZSTD_DCtx *context;
    int64_t total;
    int failed;
} Worker;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void *run(void *arg) {
    Worker *w = arg;
    char path[4096];
    size_t chunk_bytes = (size_t)w->chunk * (size_t)w->chunk * sizeof(int32_t);
    for (;;) {
        int k = atomic_fetch_add(w->next, 1);
        if (k >= w->grid * w->grid) break;
        int i = k / w->grid, j = k % w->grid;
        snprintf(path, sizeof path, "%s/c/%d/%d", w->store, i, j);
        int fd = open(path, O_RDONLY);
        if (fd < 0) { w->failed = 1; break; }
        struct stat st;
        fstat(fd, &st);
        size_t size = (size_t)st.st_size, done = 0;
        if (size > w->input_capacity) { w->failed = 1; close(fd); break; }
        while (done < size) {
            ssize_t got = read(fd, w->input + done, size - done);
            if (got <= 0) break;
            done += (size_t)got;
        }
        close(fd);
        size_t out = ZSTD_decompressDCtx(w->context, w->output, chunk_bytes, w->input, size);
        if (ZSTD_isError(out) || out != chunk_bytes) { w->failed = 1; break; }
        if (w->sum_squares) {
            // Edge chunks are stored whole; only the part inside the array counts.
            int rows = w->n - i * w->chunk < w->chunk ? w->n - i * w->chunk : w->chunk;
            int cols = w->n - j * w->chunk < w->chunk ? w->n - j * w->chunk : w->chunk;
            int64_t total = 0;
            for (int r = 0; r < rows; r++) {
                const int32_t *row = w->output + (size_t)r * (size_t)w->chunk;
                for (int c = 0; c < cols; c++) total += (int64_t)row[c] * row[c];
            }
            w->total += total;
        }
    }
    return NULL;
}

static double timed(Worker *workers, int threads, int sum_squares, int64_t *total) {
    pthread_t tid[MAX_THREADS];
    atomic_int next = 0;
    double start = now();
    for (int t = 0; t < threads; t++) {
        workers[t].next = &next;
        workers[t].sum_squares = sum_squares;
        workers[t].total = 0;
        if (t > 0) pthread_create(&tid[t], NULL, run, &workers[t]);
    }
    run(&workers[0]);
    for (int t = 1; t < threads; t++) pthread_join(tid[t], NULL);
    double seconds = now() - start;
    *total = 0;
    for (int t = 0; t < threads; t++) {
        if (workers[t].failed) { fprintf(stderr, "zarr_decode: cannot read or decode a chunk\n"); exit(1); }
        *total += workers[t].total;
    }
    return seconds;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: zarr_decode STORE N C [repeats]\n"); return 2; }
    Worker proto = {.store = argv[1], .n = atoi(argv[2]), .chunk = atoi(argv[3])};
    int repeats = argc > 4 ? atoi(argv[4]) : 5;
    if (repeats < 1 || repeats > MAX_REPEATS || proto.n < 1 || proto.chunk < 1) return 2;
    proto.grid = (proto.n + proto.chunk - 1) / proto.chunk;
    size_t chunk_bytes = (size_t)proto.chunk * (size_t)proto.chunk * sizeof(int32_t);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int max_threads = cores > 1 ? (cores < MAX_THREADS ? (int)cores : MAX_THREADS) : 1;
    Worker workers[MAX_THREADS];
    for (int t = 0; t < max_threads; t++) {
        workers[t] = proto;
        workers[t].input_capacity = ZSTD_compressBound(chunk_bytes);
        workers[t].input = malloc(workers[t].input_capacity);
        workers[t].output = malloc(chunk_bytes);
        memset(workers[t].input, 0, workers[t].input_capacity);
        memset(workers[t].output, 0, chunk_bytes);
        workers[t].context = ZSTD_createDCtx();
    }
    int64_t total = 0;
    timed(workers, max_threads, 1, &total);  // warm the page cache and the contexts
    for (int threads = 1; threads <= max_threads; threads *= 2) {
        double decode[MAX_REPEATS], sumsq[MAX_REPEATS];
        for (int r = 0; r < repeats; r++) {
            decode[r] = timed(workers, threads, 0, &total);
            sumsq[r] = timed(workers, threads, 1, &total);
        }
        qsort(decode, (size_t)repeats, sizeof(double), compare);
        qsort(sumsq, (size_t)repeats, sizeof(double), compare);
        printf("threads=%d decode_best=%.6f decode_median=%.6f sumsq_best=%.6f sumsq_median=%.6f sumsq=%lld\n",
               threads, decode[0], decode[repeats / 2], sumsq[0], sumsq[repeats / 2], (long long)total);
        if (threads == max_threads) break;
        if (threads * 2 > max_threads) threads = max_threads / 2;
    }
    return 0;
}
