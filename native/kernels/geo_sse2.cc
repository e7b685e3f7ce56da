// numaccel — the batch great-circle kernels on 2-lane SSE2 vectors (the x86-64 baseline, so
// this file needs no special compiler flags). Same source as the scalar kernel (geo_impl.h),
// hence bit-identical results.
#include "geo_variants.h"

#if NUMACCEL_GEO_HAVE_X86_VARIANTS
#include <emmintrin.h>

#define NUMACCEL_GEO_TARGET
#include "geo_impl.h"
#include "geodesic_impl.h"

namespace numaccel {
namespace {

struct Sse2 {
    using D = __m128d;
    using M = decltype(D{} < D{});  // 2 x 64-bit integer lanes
    static constexpr std::size_t N = 2;
    static D load(const double* p) noexcept { return _mm_loadu_pd(p); }
    static void store(double* p, D v) noexcept { _mm_storeu_pd(p, v); }
    static D sqrt(D v) noexcept { return _mm_sqrt_pd(v); }
    static D mul_add(D a, D b, D c) noexcept { return a * b + c; }  // two roundings, as the spec
    static int movemask(M m) noexcept { return _mm_movemask_pd(reinterpret_cast<D>(m)); }
    // floor without SSE4.1 roundpd, exact for |v| < 2^51 (here |v| <= 3.5): adding and
    // subtracting 1.5 * 2^52 rounds to the nearest integer, then subtract 1 where that is above v.
    static D floor(D v) noexcept {
        const D magic = _mm_set1_pd(0x1.8p52);
        const D rounded = (v + magic) - magic;
        return rounded - _mm_and_pd(_mm_cmpgt_pd(rounded, v), _mm_set1_pd(1.0));
    }
};
// Four vectors side by side (8 pairs per step), see XkTraits.
using Traits = geo_impl::XkTraits<geo_impl::VecTraits<Sse2>, 4>;

}  // namespace

void great_circle_many_sse2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                            double radius, double* out, std::size_t n) noexcept {
    geo_impl::many<Traits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, radius, out, n);
}

void great_circle_matrix_sse2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double radius, double* out) noexcept {
    geo_impl::matrix<Traits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, radius, out);
}

// The geodesic distance batch (geodesic_impl.h): NUMACCEL_GEODESIC_K SSE2 vectors of lanes side by side
// (independent dependency chains, see XkTraits), unfused: bit-identical to the scalar kernel.
#ifndef NUMACCEL_GEODESIC_K
#define NUMACCEL_GEODESIC_K 3  // vectors side by side (measured: 1, 2, 3)
#endif
using GeodesicTraits = geodesic_impl::Unfused<geo_impl::XkTraits<geo_impl::VecTraits<Sse2>, NUMACCEL_GEODESIC_K>>;

void geodesic_distance_many_sse2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                 const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                 double a, double f, double* out, std::size_t n) noexcept {
    geodesic_impl::distance_many<GeodesicTraits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, a, f, out, n);
}

void geodesic_distance_matrix_sse2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                   const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept {
    geodesic_impl::distance_matrix<GeodesicTraits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, a, f, out);
}

}  // namespace numaccel
#endif
