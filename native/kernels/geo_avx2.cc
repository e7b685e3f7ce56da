// numaccel — the batch great-circle kernels on 4-lane AVX2 vectors with fused multiply-add. The
// file is compiled with the project's baseline flags; only the functions below carry
// __attribute__((target("avx2,fma"))), so nothing else in the addon (in particular no inline
// library function that the linker could share with baseline code) contains AVX instructions.
// geo.cc calls these only after __builtin_cpu_supports("avx2") and ("fma"). Same source as the
// scalar kernel (geo_impl.h); mul_add is fused (the "AVX2 with FMA"), so results are
// within a few units in the last place of the scalar kernel's, not bit-identical to them.
#include "geo_variants.h"

#if NUMACCEL_GEO_HAVE_X86_VARIANTS
#include <immintrin.h>

#define NUMACCEL_GEO_TARGET __attribute__((target("avx2,fma")))
#include "geo_impl.h"
#include "geodesic_impl.h"

namespace numaccel {
namespace {

struct Avx2 {
    using D = __m256d;
    using M = decltype(D{} < D{});  // 4 x 64-bit integer lanes
    static constexpr std::size_t N = 4;
    static NUMACCEL_GEO_INLINE D load(const double* p) noexcept { return _mm256_loadu_pd(p); }
    static NUMACCEL_GEO_INLINE void store(double* p, D v) noexcept { _mm256_storeu_pd(p, v); }
    static NUMACCEL_GEO_INLINE D sqrt(D v) noexcept { return _mm256_sqrt_pd(v); }
    static NUMACCEL_GEO_INLINE D mul_add(D a, D b, D c) noexcept { return _mm256_fmadd_pd(a, b, c); }
    static NUMACCEL_GEO_INLINE int movemask(M m) noexcept { return _mm256_movemask_pd(reinterpret_cast<D>(m)); }
    static NUMACCEL_GEO_INLINE D floor(D v) noexcept {
        return _mm256_round_pd(v, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
    }
};
// Four vectors side by side (16 pairs per step), see XkTraits.
using Traits = geo_impl::XkTraits<geo_impl::VecTraits<Avx2>, 4>;

}  // namespace

NUMACCEL_GEO_TARGET
void great_circle_many_avx2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                            double radius, double* out, std::size_t n) noexcept {
    geo_impl::many<Traits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, radius, out, n);
}

NUMACCEL_GEO_TARGET
void great_circle_matrix_avx2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double radius, double* out) noexcept {
    geo_impl::matrix<Traits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, radius, out);
}

// The geodesic distance batch (geodesic_impl.h): NUMACCEL_GEODESIC_K AVX2 vectors of lanes side by side
// (independent dependency chains, see XkTraits), unfused: bit-identical to the scalar kernel.
#ifndef NUMACCEL_GEODESIC_K
#define NUMACCEL_GEODESIC_K 3  // vectors side by side (measured: 1, 2, 3)
#endif
using GeodesicTraits = geodesic_impl::Unfused<geo_impl::XkTraits<geo_impl::VecTraits<Avx2>, NUMACCEL_GEODESIC_K>>;

NUMACCEL_GEO_TARGET
void geodesic_distance_many_avx2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                 const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                 double a, double f, double* out, std::size_t n) noexcept {
    geodesic_impl::distance_many<GeodesicTraits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, a, f, out, n);
}

NUMACCEL_GEO_TARGET
void geodesic_distance_matrix_avx2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                   const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept {
    geodesic_impl::distance_matrix<GeodesicTraits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, a, f, out);
}

}  // namespace numaccel
#endif
