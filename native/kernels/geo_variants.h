// numaccel — the SIMD batch variants of the great-circle kernel (private to native/kernels/).
// The x86-64 ones are compiled for GCC/Clang on x86-64 (Linux, macOS, mingw-w64), NEON for
// GCC/Clang on AArch64; geo.cc picks one at run time (geo_variants()).
#ifndef NUMACCEL_KERNELS_GEO_VARIANTS_H
#define NUMACCEL_KERNELS_GEO_VARIANTS_H

#include <cstddef>

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define NUMACCEL_GEO_HAVE_X86_VARIANTS 1
#else
#define NUMACCEL_GEO_HAVE_X86_VARIANTS 0
#endif

#if (defined(__GNUC__) || defined(__clang__)) && defined(__aarch64__)
#define NUMACCEL_GEO_HAVE_NEON_VARIANT 1
#else
#define NUMACCEL_GEO_HAVE_NEON_VARIANT 0
#endif

#if NUMACCEL_GEO_HAVE_X86_VARIANTS
namespace numaccel {

// geo_sse2.cc: 2 lanes, baseline x86-64 (SSE2 only).
void great_circle_many_sse2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                            double radius, double* out, std::size_t n) noexcept;
void great_circle_matrix_sse2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double radius, double* out) noexcept;

// geo_avx2.cc: 4 lanes; call only when __builtin_cpu_supports("avx2") and ("fma").
void great_circle_many_avx2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                            double radius, double* out, std::size_t n) noexcept;
void great_circle_matrix_avx2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double radius, double* out) noexcept;

// geo_avx512.cc: 8 lanes; call only when __builtin_cpu_supports("avx512f").
void great_circle_many_avx512(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                              const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                              double radius, double* out, std::size_t n) noexcept;
void great_circle_matrix_avx512(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                const double* lats_b, std::size_t n_b, double radius, double* out) noexcept;

// The geodesic distance batch on the same vectors (geodesic_impl.h), bit-identical to
// geodesic_distance_many / _matrix (geodesic.h); same CPU requirements as above.
void geodesic_distance_many_sse2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                 const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                 double a, double f, double* out, std::size_t n) noexcept;
void geodesic_distance_matrix_sse2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                   const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept;
void geodesic_distance_many_avx2(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                 const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                 double a, double f, double* out, std::size_t n) noexcept;
void geodesic_distance_matrix_avx2(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                   const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept;
void geodesic_distance_many_avx512(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                   const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                   double a, double f, double* out, std::size_t n) noexcept;
void geodesic_distance_matrix_avx512(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                     const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept;
}  // namespace numaccel
#endif

#if NUMACCEL_GEO_HAVE_NEON_VARIANT
namespace numaccel {

// geo_neon.cc: 2 lanes, baseline AArch64 (Advanced SIMD); not fused, so bit-identical to scalar.
void great_circle_many_neon(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                            double radius, double* out, std::size_t n) noexcept;
void great_circle_matrix_neon(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double radius, double* out) noexcept;
void geodesic_distance_many_neon(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                 const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                 double a, double f, double* out, std::size_t n) noexcept;
void geodesic_distance_matrix_neon(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                   const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept;

}  // namespace numaccel
#endif

#endif  // NUMACCEL_KERNELS_GEO_VARIANTS_H
