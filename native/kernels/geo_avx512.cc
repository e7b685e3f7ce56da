// numaccel — the batch great-circle kernels on 8-lane AVX-512F vectors with fused multiply-add
// (part of AVX-512F). As in geo_avx2.cc, only the functions below carry a target attribute (here
// "avx512f"), and geo.cc calls them only after __builtin_cpu_supports("avx512f") (which also
// checks that the OS saves the ZMM state). Same source as the scalar kernel (geo_impl.h), with
// mul_add fused: results within a few units in the last place of the scalar kernel's.
//
// Why a 512-bit variant on top of AVX2: the kernel issues about 2,000 instructions per 16 pairs
// on AVX2, about a third of them register moves and spills (16 YMM registers for 4 interleaved
// chains). With 32 ZMM registers and half as many instructions per pair, it runs faster per pair
// even on Zen 4, which executes 512-bit operations as two 256-bit halves (docs/algorithms.md,
// "Measured choices").
#include "geo_variants.h"

#if NUMACCEL_GEO_HAVE_X86_VARIANTS
#include <immintrin.h>

#define NUMACCEL_GEO_TARGET __attribute__((target("avx512f")))
#include "geo_impl.h"
#include "geodesic_impl.h"

namespace numaccel {
namespace {

// Lane traits written directly on AVX-512 (not through VecTraits): comparisons produce mask
// registers (__mmask8), and selects and sign flips are single masked instructions, where vector
// masks would cost a compare, a mask-to-vector move and a ternary logic operation each. The same
// IEEE results lane by lane, and faster than VecTraits<> (docs/algorithms.md, "Measured choices").
struct Avx512 {
    using D = __m512d;
    using M = __mmask8;
    static constexpr std::size_t N = 8;
    struct Quadrant {
        D q;    // floor(v)
        M odd;  // q & 1
        M two;  // q & 2 (two's complement, so q = -1 is quadrant 3)
    };
    // sqrt and floor use the masked forms with every lane selected: the same instructions, but
    // GCC 12's unmasked forms pass _mm512_undefined_pd() and warn -Wmaybe-uninitialized.
    static constexpr M kAllLanes = 0xFF;
    static NUMACCEL_GEO_INLINE D set1(double x) noexcept { return _mm512_set1_pd(x); }
    static NUMACCEL_GEO_INLINE D load(const double* p) noexcept { return _mm512_loadu_pd(p); }
    static NUMACCEL_GEO_INLINE void store(double* p, D v) noexcept { _mm512_storeu_pd(p, v); }
    static NUMACCEL_GEO_INLINE D sel(M m, D a, D b) noexcept { return _mm512_mask_blend_pd(m, b, a); }
    static NUMACCEL_GEO_INLINE D neg_if(M m, D a) noexcept {
        const __m512i bits = _mm512_castpd_si512(a);
        return _mm512_castsi512_pd(
            _mm512_mask_xor_epi64(bits, m, bits, _mm512_set1_epi64(static_cast<long long>(0x8000000000000000ULL))));
    }
    static NUMACCEL_GEO_INLINE D abs(D a) noexcept { return _mm512_abs_pd(a); }
    static NUMACCEL_GEO_INLINE D sqrt(D v) noexcept { return _mm512_mask_sqrt_pd(v, kAllLanes, v); }
    static NUMACCEL_GEO_INLINE D mul_add(D a, D b, D c) noexcept { return _mm512_fmadd_pd(a, b, c); }
    static NUMACCEL_GEO_INLINE M lt(D a, D b) noexcept { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
    static NUMACCEL_GEO_INLINE M gt(D a, D b) noexcept { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
    static NUMACCEL_GEO_INLINE M eq(D a, D b) noexcept { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
    static NUMACCEL_GEO_INLINE M mxor(M a, M b) noexcept { return static_cast<M>(a ^ b); }
    static NUMACCEL_GEO_INLINE unsigned mask_bits(M m) noexcept { return m; }
    // q = floor(v) and its low two bits: the low bits of q + 1.5 * 2^52 are q in two's complement.
    static NUMACCEL_GEO_INLINE Quadrant floor_quadrant(D v) noexcept {
        const D q = _mm512_mask_roundscale_pd(v, kAllLanes, v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
        const __m512i qi = _mm512_castpd_si512(_mm512_add_pd(q, set1(0x1.8p52)));
        return Quadrant{q, _mm512_test_epi64_mask(qi, _mm512_set1_epi64(1)),
                        _mm512_test_epi64_mask(qi, _mm512_set1_epi64(2))};
    }
    // As VecTraits::remainder360: lanes with |x| > 540 take the exact scalar fmod.
    static NUMACCEL_GEO_INLINE D remainder360(D x) noexcept {
        D r = x;
        const M big = gt(abs(x), set1(540.0));
        if (big != 0) {
            alignas(64) double lanes[N];
            _mm512_store_pd(lanes, x);
            for (std::size_t k = 0; k < N; ++k) {
                if (big & (1u << k)) lanes[k] = __builtin_fmod(lanes[k], 360.0);
            }
            r = _mm512_load_pd(lanes);
        }
        return remainder360_small(r);
    }
    static NUMACCEL_GEO_INLINE D remainder360_small(D r) noexcept {
        return sel(gt(r, set1(180.0)), r - set1(360.0), sel(lt(r, set1(-180.0)), r + set1(360.0), r));
    }
};
// Two vectors side by side (16 pairs per step), see XkTraits; one, three or four were slower.
using Traits = geo_impl::XkTraits<Avx512, 2>;

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

// The geodesic distance batch (geodesic_impl.h): NUMACCEL_GEODESIC_K AVX-512 vectors of lanes side by side
// (independent dependency chains, see XkTraits), unfused: bit-identical to the scalar kernel.
#ifndef NUMACCEL_GEODESIC_K
#define NUMACCEL_GEODESIC_K 2  // vectors side by side (measured: 1, 2, 3, 4; 3 and 4 ~5% slower)
#endif
using GeodesicTraits = geodesic_impl::Unfused<geo_impl::XkTraits<Avx512, NUMACCEL_GEODESIC_K>>;

NUMACCEL_GEO_TARGET
void geodesic_distance_many_avx512(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                   const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                   double a, double f, double* out, std::size_t n) noexcept {
    geodesic_impl::distance_many<GeodesicTraits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, a, f, out, n);
}

NUMACCEL_GEO_TARGET
void geodesic_distance_matrix_avx512(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                     const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept {
    geodesic_impl::distance_matrix<GeodesicTraits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, a, f, out);
}

}  // namespace numaccel
#endif
