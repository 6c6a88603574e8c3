// The AVX-512 loops of CSleef/shim.h, compiled with -mavx512f so that 512-bit vectors pass
// to SLEEF in registers.
#define DUSK_SLEEF_LOOPS_ONLY
#include "../CSleef/shim.h"

#define UNARY(f) \
    DUSK_UNARY_LOOP(dusk_sleef_##f##_f64_avx512, double, 8, _mm512_loadu_pd, _mm512_storeu_pd, Sleef_##f##d8_u10avx512f) \
    DUSK_UNARY_LOOP(dusk_sleef_##f##_f32_avx512, float, 16, _mm512_loadu_ps, _mm512_storeu_ps, Sleef_##f##f16_u10avx512f)
#define BINARY(f) \
    DUSK_BINARY_LOOP(dusk_sleef_##f##_f64_avx512, double, __m512d, 8, _mm512_loadu_pd, _mm512_storeu_pd, _mm512_set1_pd, \
                     Sleef_##f##d8_u10avx512f) \
    DUSK_BINARY_LOOP(dusk_sleef_##f##_f32_avx512, float, __m512, 16, _mm512_loadu_ps, _mm512_storeu_ps, _mm512_set1_ps, \
                     Sleef_##f##f16_u10avx512f)
DUSK_SLEEF_UNARY_NAMES(UNARY)
DUSK_SLEEF_BINARY_NAMES(BINARY)
