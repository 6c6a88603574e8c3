// The AVX2 loops of CSleef/shim.h, compiled with -mavx2 -mfma so that 256-bit vectors pass
// to SLEEF in registers.
#define DUSK_SLEEF_LOOPS_ONLY
#include "../CSleef/shim.h"

#define UNARY(f) \
    DUSK_UNARY_LOOP(dusk_sleef_##f##_f64_avx2, double, 4, _mm256_loadu_pd, _mm256_storeu_pd, Sleef_##f##d4_u10avx2) \
    DUSK_UNARY_LOOP(dusk_sleef_##f##_f32_avx2, float, 8, _mm256_loadu_ps, _mm256_storeu_ps, Sleef_##f##f8_u10avx2)
#define BINARY(f) \
    DUSK_BINARY_LOOP(dusk_sleef_##f##_f64_avx2, double, __m256d, 4, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_set1_pd, \
                     Sleef_##f##d4_u10avx2) \
    DUSK_BINARY_LOOP(dusk_sleef_##f##_f32_avx2, float, __m256, 8, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_set1_ps, \
                     Sleef_##f##f8_u10avx2)
DUSK_SLEEF_UNARY_NAMES(UNARY)
DUSK_SLEEF_BINARY_NAMES(BINARY)
