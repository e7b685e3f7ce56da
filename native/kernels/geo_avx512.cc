// numaccel — the batch great-circle kernels on 8-lane AVX-512F vectors with fused multiply-add
// (part of AVX-512F). As in geo_avx2.cc, only the functions below carry a target attribute (here
// "avx512f"), and geo.cc calls them only after __builtin_cpu_supports("avx512f") (which also
// checks that the OS saves the ZMM state). Same source as the scalar kernel (geo_impl.h), with
// mul_add fused: results within a few units in the last place of the scalar kernel's.
//
// Why a 512-bit variant on top of AVX2: the kernel issues about 2,000 instructions per 16 pairs
// on AVX2, about a third of them register moves and spills (16 YMM registers for 4 interleaved
// chains). With 32 ZMM registers and half as many instructions per pair, it runs faster per pair
// even on Zen 4, which executes 512-bit operations as two 256-bit halves (2-core EPYC Zen 4, per
// pair: AVX2 9.5 ns, AVX-512 8.8 ns; with FMA 8.9 and 8.0 ns; docs/algorithms.md "Batch kernels").
#include "geo_variants.h"

#if NUMACCEL_GEO_HAVE_X86_VARIANTS
#include <immintrin.h>

#define NUMACCEL_GEO_TARGET __attribute__((target("avx512f")))
#include "geo_impl.h"

namespace numaccel {
namespace {

struct Avx512 {
    using D = __m512d;
    using M = decltype(D{} < D{});  // 8 x 64-bit integer lanes
    static constexpr std::size_t N = 8;
    static NUMACCEL_GEO_INLINE D load(const double* p) noexcept { return _mm512_loadu_pd(p); }
    static NUMACCEL_GEO_INLINE void store(double* p, D v) noexcept { _mm512_storeu_pd(p, v); }
    // sqrt and floor use the masked forms with every lane selected: the same instructions, but
    // GCC 12's unmasked forms pass _mm512_undefined_pd() and warn -Wmaybe-uninitialized.
    static constexpr __mmask8 kAllLanes = 0xFF;
    static NUMACCEL_GEO_INLINE D sqrt(D v) noexcept { return _mm512_mask_sqrt_pd(v, kAllLanes, v); }
    static NUMACCEL_GEO_INLINE D mul_add(D a, D b, D c) noexcept { return _mm512_fmadd_pd(a, b, c); }
    static NUMACCEL_GEO_INLINE int movemask(M m) noexcept {
        const __m512i bits = reinterpret_cast<__m512i>(m);
        return _mm512_test_epi64_mask(bits, bits);  // lanes are all ones or all zeros
    }
    static NUMACCEL_GEO_INLINE D floor(D v) noexcept {
        return _mm512_mask_roundscale_pd(v, kAllLanes, v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
    }
};
// Two vectors side by side (16 pairs per step), see XkTraits; four were no faster.
using Traits = geo_impl::XkTraits<geo_impl::VecTraits<Avx512>, 2>;

}  // namespace

NUMACCEL_GEO_TARGET
void great_circle_many_avx512(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                              const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                              double radius, double* out, std::size_t n) noexcept {
    geo_impl::many<Traits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, radius, out, n);
}

NUMACCEL_GEO_TARGET
void great_circle_matrix_avx512(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                const double* lats_b, std::size_t n_b, double radius, double* out) noexcept {
    geo_impl::matrix<Traits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, radius, out);
}

}  // namespace numaccel
#endif
