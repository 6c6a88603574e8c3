#ifndef DUSK_CSLEEF_SHIM_H
#define DUSK_CSLEEF_SHIM_H

// SLEEF (Debian's libsleef-dev) for the float kernels of Dusk's ufuncs: loops that run one
// SLEEF vector function over a buffer, and a dispatcher by instruction-set level.
//
//   level 3  AVX-512F:  SLEEF's *_u10avx512f functions, 8 doubles or 16 floats at a time;
//   level 2  AVX2+FMA:  SLEEF's *_u10avx2 functions, 4 doubles or 8 floats;
//   level 1  SSE2:      SLEEF's own dispatchers (SSE2, SSE4.1 or AVX2 on 128 bits), 2 or 4;
//   level 0  none: the caller uses the C math library.
//
// Clang fixes the calling convention of vector arguments per file, from the file's target
// flags, so a loop that passes AVX vectors to SLEEF must live in a file compiled for AVX:
// the AVX2 and AVX-512 loops are the C targets CSleefAVX2 and CSleefAVX512 (which include
// this header to expand the same loop macros); the SSE2 loops, which need only the baseline,
// are defined here. All functions are SLEEF's 1-ulp (u10) variants.

#include <stddef.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#include <sleef.h>

/// The one-argument functions, by SLEEF's names.
#define DUSK_SLEEF_UNARY_NAMES(X) \
    X(sin) X(cos) X(tan) X(asin) X(acos) X(atan) X(sinh) X(cosh) X(tanh) \
    X(exp) X(exp2) X(expm1) X(log) X(log1p) X(log2) X(log10) X(cbrt) \
    X(asinh) X(acosh) X(atanh)
/// The two-argument functions.
#define DUSK_SLEEF_BINARY_NAMES(X) X(pow) X(atan2)

/// `y[i] = fn(x[i])` for `i < n`, `W` lanes of `T` at a time; the last partial vector goes
/// through a buffer padded with copies of its first element. `y` may alias `x`.
#define DUSK_UNARY_LOOP(name, T, W, load, store, fn) \
    void name(const T *x, T *y, ptrdiff_t n) { \
        ptrdiff_t i = 0; \
        for (; i + W <= n; i += W) store(y + i, fn(load(x + i))); \
        if (i < n) { \
            T pad[W]; \
            for (ptrdiff_t k = 0; k < W; k++) pad[k] = x[i + (k < n - i ? k : 0)]; \
            store(pad, fn(load(pad))); \
            memcpy(y + i, pad, (size_t)(n - i) * sizeof(T)); \
        } \
    }

/// `y[i] = fn(a[i·sa], b[i·sb])` for `i < n`, where each stride is 1 (contiguous) or 0 (one
/// repeated value).
#define DUSK_BINARY_LOOP(name, T, V, W, load, store, splat, fn) \
    void name(const T *a, ptrdiff_t sa, const T *b, ptrdiff_t sb, T *y, ptrdiff_t n) { \
        ptrdiff_t i = 0; \
        V a0 = splat(a[0]), b0 = splat(b[0]); \
        for (; i + W <= n; i += W) store(y + i, fn(sa ? load(a + i) : a0, sb ? load(b + i) : b0)); \
        if (i < n) { \
            T pa[W], pb[W]; \
            for (ptrdiff_t k = 0; k < W; k++) { \
                ptrdiff_t j = i + (k < n - i ? k : 0); \
                pa[k] = a[sa * j]; \
                pb[k] = b[sb * j]; \
            } \
            store(pa, fn(load(pa), load(pb))); \
            memcpy(y + i, pa, (size_t)(n - i) * sizeof(T)); \
        } \
    }

// The loops of levels 2 and 3, defined in CSleefAVX2 and CSleefAVX512.
#define DUSK_SLEEF_DECLARE_UNARY(f) \
    void dusk_sleef_##f##_f64_avx512(const double *x, double *y, ptrdiff_t n); \
    void dusk_sleef_##f##_f32_avx512(const float *x, float *y, ptrdiff_t n); \
    void dusk_sleef_##f##_f64_avx2(const double *x, double *y, ptrdiff_t n); \
    void dusk_sleef_##f##_f32_avx2(const float *x, float *y, ptrdiff_t n);
#define DUSK_SLEEF_DECLARE_BINARY(f) \
    void dusk_sleef_##f##_f64_avx512(const double *a, ptrdiff_t sa, const double *b, ptrdiff_t sb, double *y, ptrdiff_t n); \
    void dusk_sleef_##f##_f32_avx512(const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, float *y, ptrdiff_t n); \
    void dusk_sleef_##f##_f64_avx2(const double *a, ptrdiff_t sa, const double *b, ptrdiff_t sb, double *y, ptrdiff_t n); \
    void dusk_sleef_##f##_f32_avx2(const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, float *y, ptrdiff_t n);
DUSK_SLEEF_UNARY_NAMES(DUSK_SLEEF_DECLARE_UNARY)
DUSK_SLEEF_BINARY_NAMES(DUSK_SLEEF_DECLARE_BINARY)

#ifndef DUSK_SLEEF_LOOPS_ONLY
/// The best level this processor supports: 3 (AVX-512F), 2 (AVX2 and FMA) or 1 (SSE2).
static inline int dusk_sleef_level(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 3;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 2;
    return 1;
}

#define DUSK_SLEEF_SSE2_UNARY(f) \
    static inline DUSK_UNARY_LOOP(dusk_sleef_##f##_f64_sse2, double, 2, _mm_loadu_pd, _mm_storeu_pd, Sleef_##f##d2_u10) \
    static inline DUSK_UNARY_LOOP(dusk_sleef_##f##_f32_sse2, float, 4, _mm_loadu_ps, _mm_storeu_ps, Sleef_##f##f4_u10) \
    /** `y[i] = f(x[i])` for `i < n` at `level` (1...3); `y` may alias `x`. */ \
    static inline void dusk_sleef_##f##_f64(int level, const double *x, double *y, ptrdiff_t n) { \
        if (level >= 3) dusk_sleef_##f##_f64_avx512(x, y, n); \
        else if (level == 2) dusk_sleef_##f##_f64_avx2(x, y, n); \
        else dusk_sleef_##f##_f64_sse2(x, y, n); \
    } \
    static inline void dusk_sleef_##f##_f32(int level, const float *x, float *y, ptrdiff_t n) { \
        if (level >= 3) dusk_sleef_##f##_f32_avx512(x, y, n); \
        else if (level == 2) dusk_sleef_##f##_f32_avx2(x, y, n); \
        else dusk_sleef_##f##_f32_sse2(x, y, n); \
    }

#define DUSK_SLEEF_SSE2_BINARY(f) \
    static inline DUSK_BINARY_LOOP(dusk_sleef_##f##_f64_sse2, double, __m128d, 2, _mm_loadu_pd, _mm_storeu_pd, _mm_set1_pd, Sleef_##f##d2_u10) \
    static inline DUSK_BINARY_LOOP(dusk_sleef_##f##_f32_sse2, float, __m128, 4, _mm_loadu_ps, _mm_storeu_ps, _mm_set1_ps, Sleef_##f##f4_u10) \
    /** `y[i] = f(a[i·sa], b[i·sb])` for `i < n` (strides 0 or 1) at `level` (1...3). */ \
    static inline void dusk_sleef_##f##_f64(int level, const double *a, ptrdiff_t sa, const double *b, ptrdiff_t sb, \
                                            double *y, ptrdiff_t n) { \
        if (level >= 3) dusk_sleef_##f##_f64_avx512(a, sa, b, sb, y, n); \
        else if (level == 2) dusk_sleef_##f##_f64_avx2(a, sa, b, sb, y, n); \
        else dusk_sleef_##f##_f64_sse2(a, sa, b, sb, y, n); \
    } \
    static inline void dusk_sleef_##f##_f32(int level, const float *a, ptrdiff_t sa, const float *b, ptrdiff_t sb, \
                                            float *y, ptrdiff_t n) { \
        if (level >= 3) dusk_sleef_##f##_f32_avx512(a, sa, b, sb, y, n); \
        else if (level == 2) dusk_sleef_##f##_f32_avx2(a, sa, b, sb, y, n); \
        else dusk_sleef_##f##_f32_sse2(a, sa, b, sb, y, n); \
    }

DUSK_SLEEF_UNARY_NAMES(DUSK_SLEEF_SSE2_UNARY)
DUSK_SLEEF_BINARY_NAMES(DUSK_SLEEF_SSE2_BINARY)
#endif

#else
/// SLEEF's loops are built for x86-64 only: elsewhere the kernels use the C math library.
static inline int dusk_sleef_level(void) { return 0; }
#endif

#endif
