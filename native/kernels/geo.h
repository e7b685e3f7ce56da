// numaccel — great-circle distance on a sphere (plain C++17, no Node-API).
// Algorithm contract: docs/algorithms.md, "greatCircle": Vincenty's formula with exact degree
// reductions and fdlibm polynomial kernels instead of libm, so that the scalar kernel, the SSE2,
// NEON and scalar batch variants and the other backends (WASM, TypeScript) return bit-identical
// results; the AVX2 and AVX-512 variants fuse multiply-adds and differ by a few ulps at most.
#ifndef NUMACCEL_KERNELS_GEO_H
#define NUMACCEL_KERNELS_GEO_H

#include <cstddef>

namespace numaccel {

// Central angle between (lon1, lat1) and (lon2, lat2), in degrees, times radius.
// Preconditions (checked by the callers): all inputs finite, |lat| <= 90, radius > 0.
double great_circle(double lon1, double lat1, double lon2, double lat2, double radius) noexcept;

// Whether lon1[0..n_lon1) and lon2[0..n_lon2) are all finite and lat1[0..n_lat1) and
// lat2[0..n_lat2) all lie in [-90, 90] (NaN does not). Unlike great_circle and the batch variants
// it takes any values: it is the facade's fast check of the batch arguments (docs/algorithms.md).
bool coordinates_in_domain(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                           const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2) noexcept;

using GreatCircleManyFn = void (*)(const double*, std::size_t, const double*, std::size_t, const double*, std::size_t,
                                   const double*, std::size_t, double, double*, std::size_t) noexcept;
using GreatCircleMatrixFn = void (*)(const double*, const double*, std::size_t, const double*, const double*,
                                     std::size_t, double, double*) noexcept;

using GeodesicManyFn = void (*)(const double*, std::size_t, const double*, std::size_t, const double*, std::size_t,
                                const double*, std::size_t, double, double, double*, std::size_t) noexcept;
using GeodesicMatrixFn = void (*)(const double*, const double*, std::size_t, const double*, const double*, std::size_t,
                                  double, double, double*) noexcept;

// One implementation of the batch kernels: "avx512" (8 lanes), "avx2" (4 lanes), "sse2" (2
// lanes, baseline x86-64), "neon" (2 lanes, baseline AArch64) or "scalar" (the portable loop
// over great_circle).
struct GeoVariant {
    const char* name;
    bool fused_multiply_add;  // false: results bit-identical to great_circle()
    // many(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, radius, out, n):
    // out[i] = great_circle(lon1[i], lat1[i], lon2[i], lat2[i], radius) for i < n. Each input has
    // length n or 1; a length-1 input is broadcast to every i.
    GreatCircleManyFn many;
    // matrix(lons_a, lats_a, n_a, lons_b, lats_b, n_b, radius, out):
    // out[i * n_b + j] = great_circle(lons_a[i], lats_a[i], lons_b[j], lats_b[j], radius), row-major,
    // out has n_a * n_b elements.
    GreatCircleMatrixFn matrix;
    // geodesic_distance_many / geodesic_distance_matrix (geodesic.h) with Newton's iteration in this
    // variant's lanes (geodesic_impl.h): bit-identical to the scalar kernels in every variant.
    GeodesicManyFn geodesic_many;
    GeodesicMatrixFn geodesic_matrix;
};

// The variants compiled into this build that the running CPU supports, best first; *count is
// set to their number (at least 1: "scalar" is always last). Chosen once, at first use.
const GeoVariant* geo_variants(std::size_t* count) noexcept;

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_GEO_H
