// numaccel — the batch great-circle and geodesic distance kernels on 2-lane AArch64 Advanced SIMD
// (NEON) vectors.
// Advanced SIMD with double lanes is part of every AArch64 CPU that runs Linux, Windows or macOS
// (the Armv8-A base profile; compilers assume it without -march flags), so this variant needs no
// run-time check and no special compiler flags: on aarch64 it replaces the portable scalar loop.
//
// mul_add is NOT fused here, although vfmaq_f64 exists: the results are then bit-identical to
// the scalar kernel and to the wasm and TypeScript backends, like SSE2's. Fusing would save
// instructions, but the speed on real Arm cores cannot be measured on this project's machines
// (qemu is no timer), and without a measured gain the bit-identity is worth more
// (docs/algorithms.md "Batch kernels", docs/platforms.md). -ffp-contract=off keeps the compiler
// from fusing on its own, as everywhere.
#include "geo_variants.h"

#if NUMACCEL_GEO_HAVE_NEON_VARIANT
#include <arm_neon.h>

#define NUMACCEL_GEO_TARGET
#include "geo_impl.h"
#include "geodesic_impl.h"

namespace numaccel {
namespace {

struct Neon {
    using D = float64x2_t;
    using M = decltype(D{} < D{});  // 2 x 64-bit integer lanes, all ones where true
    static constexpr std::size_t N = 2;
    static D load(const double* p) noexcept { return vld1q_f64(p); }
    static void store(double* p, D v) noexcept { vst1q_f64(p, v); }
    static D sqrt(D v) noexcept { return vsqrtq_f64(v); }
    static D mul_add(D a, D b, D c) noexcept { return a * b + c; }  // two roundings, as the spec
    // Bit j set where lane j is true, as _mm_movemask_pd: geodesic_impl.h's mask_bits must tell
    // the lanes apart (which converged, which go to the scalar code).
    static int movemask(M m) noexcept {
        const uint64x2_t u = vshrq_n_u64(vreinterpretq_u64_s64(m), 63);
        return static_cast<int>(vgetq_lane_u64(u, 0) | (vgetq_lane_u64(u, 1) << 1));
    }
    static D floor(D v) noexcept { return vrndmq_f64(v); }  // FRINTM: exact
};
// Four vectors side by side (8 pairs per step), as SSE2 (the same width); see XkTraits. Not
// tuned on Arm hardware (none here).
using Traits = geo_impl::XkTraits<geo_impl::VecTraits<Neon>, 4>;

}  // namespace

void great_circle_many_neon(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                            double radius, double* out, std::size_t n) noexcept {
    geo_impl::many<Traits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, radius, out, n);
}

void great_circle_matrix_neon(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double radius, double* out) noexcept {
    geo_impl::matrix<Traits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, radius, out);
}

// The geodesic distance batch (geodesic_impl.h): NUMACCEL_GEODESIC_K NEON vectors side by side, as
// SSE2 (the same width; not tuned on Arm hardware), unfused: bit-identical to the scalar kernel.
#ifndef NUMACCEL_GEODESIC_K
#define NUMACCEL_GEODESIC_K 3
#endif
using GeodesicTraits = geodesic_impl::Unfused<geo_impl::XkTraits<geo_impl::VecTraits<Neon>, NUMACCEL_GEODESIC_K>>;

void geodesic_distance_many_neon(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                 const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                 double a, double f, double* out, std::size_t n) noexcept {
    geodesic_impl::distance_many<GeodesicTraits>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, a, f, out, n);
}

void geodesic_distance_matrix_neon(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                   const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept {
    geodesic_impl::distance_matrix<GeodesicTraits>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, a, f, out);
}

}  // namespace numaccel
#endif
