// numaccel — scalar great-circle kernel, the portable batch loop, and the run-time choice of the
// SIMD batch variant (docs/algorithms.md, "greatCircle" and "Batch kernels").
//
// The arithmetic lives in geo_impl.h, written once over a lane-traits type; here it is
// instantiated for plain doubles. geo_sse2.cc, geo_avx2.cc and geo_avx512.cc instantiate it for
// 2-, 4- and 8-lane x86 vectors, geo_neon.cc for 2-lane AArch64 vectors. Floating-point requirements for all these
// files: no -ffast-math, and -ffp-contract=off so that the compiler never fuses a*b+c on its own (binding.gyp,
// CMakeLists.txt); the AVX2 and AVX-512 variants fuse exactly the T::mul_add of geo_impl.h.
#include "geo.h"

#include <cfloat>
#include <cmath>

#if defined(__SSE2__) || defined(_M_X64)
#include <emmintrin.h>
#define NUMACCEL_GEO_SSE2_CHECK 1
#else
#define NUMACCEL_GEO_SSE2_CHECK 0
#endif

#include "geo_variants.h"
#include "geodesic.h"

#define NUMACCEL_GEO_TARGET
#include "geo_impl.h"

namespace numaccel {
namespace {

// Lane traits for one double: the operations of the spec as written (std::floor, exact std::fmod).
struct ScalarTraits {
    using D = double;
    using M = bool;
    static constexpr std::size_t N = 1;
    struct Quadrant {
        double q;
        bool odd;
        bool two;
    };
    static double set1(double x) noexcept { return x; }
    static double load(const double* p) noexcept { return *p; }
    static void store(double* p, double v) noexcept { *p = v; }
    static double sel(bool m, double a, double b) noexcept { return m ? a : b; }
    static double neg_if(bool m, double a) noexcept { return m ? -a : a; }
    static double abs(double a) noexcept { return std::fabs(a); }
    static double sqrt(double a) noexcept { return std::sqrt(a); }
    static double mul_add(double a, double b, double c) noexcept { return a * b + c; }  // not fused: -ffp-contract=off
    static bool lt(double a, double b) noexcept { return a < b; }
    static bool gt(double a, double b) noexcept { return a > b; }
    static bool eq(double a, double b) noexcept { return a == b; }
    static bool mxor(bool a, bool b) noexcept { return a != b; }
    static Quadrant floor_quadrant(double v) noexcept {
        const double q = std::floor(v);
        const unsigned iq = static_cast<unsigned>(static_cast<int>(q));  // two's complement: -1 -> 3 (mod 4)
        return Quadrant{q, (iq & 1u) != 0, (iq & 2u) != 0};
    }
    // The exact remainder in [-180, 180]: fmod is exact, the corrections exact by Sterbenz.
    static double remainder360(double x) noexcept {
        // fmod(x, 360) == x exactly (sign of zero included) for |x| < 360; skip the libm call.
        double r = std::fabs(x) < 360.0 ? x : std::fmod(x, 360.0);
        if (r > 180.0) {
            r -= 360.0;
        } else if (r < -180.0) {
            r += 360.0;
        }
        return r;
    }
    // The scalar kernel evaluates the spec literally (fmod) even where vectors skip it.
    static double remainder360_small(double x) noexcept { return remainder360(x); }
};

// The portable batch variant: four pairs side by side (independent dependency chains for the
// out-of-order core; see XkTraits), each evaluated exactly like great_circle().
using ScalarX4 = geo_impl::XkTraits<ScalarTraits, 4>;

void many_scalar(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1, const double* lon2,
                 std::size_t n_lon2, const double* lat2, std::size_t n_lat2, double radius, double* out,
                 std::size_t n) noexcept {
    geo_impl::many<ScalarX4>(lon1, n_lon1, lat1, n_lat1, lon2, n_lon2, lat2, n_lat2, radius, out, n);
}

void matrix_scalar(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                   const double* lats_b, std::size_t n_b, double radius, double* out) noexcept {
    geo_impl::matrix<ScalarX4>(lons_a, lats_a, n_a, lons_b, lats_b, n_b, radius, out);
}

struct VariantTable {
    GeoVariant list[4];
    std::size_t count;
};

VariantTable detect_variants() noexcept {
    VariantTable t{};
#if NUMACCEL_GEO_HAVE_X86_VARIANTS
    __builtin_cpu_init();
    // __builtin_cpu_supports also requires the OS to save the YMM / ZMM state (XGETBV).
    if (__builtin_cpu_supports("avx512f")) {
        t.list[t.count++] = GeoVariant{"avx512",
                                       true,
                                       great_circle_many_avx512,
                                       great_circle_matrix_avx512,
                                       geodesic_distance_many_avx512,
                                       geodesic_distance_matrix_avx512};
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
        t.list[t.count++] = GeoVariant{"avx2",
                                       true,
                                       great_circle_many_avx2,
                                       great_circle_matrix_avx2,
                                       geodesic_distance_many_avx2,
                                       geodesic_distance_matrix_avx2};
    }
    t.list[t.count++] = GeoVariant{"sse2",
                                   false,
                                   great_circle_many_sse2,
                                   great_circle_matrix_sse2,
                                   geodesic_distance_many_sse2,
                                   geodesic_distance_matrix_sse2};  // x86-64 baseline
#endif
#if NUMACCEL_GEO_HAVE_NEON_VARIANT
    t.list[t.count++] = GeoVariant{"neon",
                                   false,
                                   great_circle_many_neon,
                                   great_circle_matrix_neon,
                                   geodesic_distance_many_neon,
                                   geodesic_distance_matrix_neon};  // AArch64 baseline
#endif
    t.list[t.count++] =
        GeoVariant{"scalar", false, many_scalar, matrix_scalar, geodesic_distance_many, geodesic_distance_matrix};
    return t;
}

const VariantTable& variants() noexcept {
    static const VariantTable table = detect_variants();  // thread-safe one-time initialisation
    return table;
}

}  // namespace

double great_circle(double lon1, double lat1, double lon2, double lat2, double radius) noexcept {
    return geo_impl::great_circle<ScalarTraits>(lon1, lat1, lon2, lat2, radius);
}

namespace {

// Whether |v[i]| <= limit for every i (false for NaN): limit 90 tests latitudes, DBL_MAX tests
// finiteness. Eight elements per step with SSE2 (the x86-64 baseline), four compares combined
// into one branch: several times faster than the same test in TypeScript. Wider vectors would
// not help: the facade's first pass over a block brings it from memory, which is what this loop
// waits on (docs/algorithms.md, "Measured choices").
bool all_within(const double* v, std::size_t n, double limit) noexcept {
    std::size_t i = 0;
#if NUMACCEL_GEO_SSE2_CHECK
    const __m128d magnitude = _mm_castsi128_pd(_mm_set1_epi64x(0x7FFFFFFFFFFFFFFFLL));
    const __m128d bound = _mm_set1_pd(limit);
    for (; i + 8 <= n; i += 8) {
        const __m128d a = _mm_cmple_pd(_mm_and_pd(_mm_loadu_pd(v + i), magnitude), bound);
        const __m128d b = _mm_cmple_pd(_mm_and_pd(_mm_loadu_pd(v + i + 2), magnitude), bound);
        const __m128d c = _mm_cmple_pd(_mm_and_pd(_mm_loadu_pd(v + i + 4), magnitude), bound);
        const __m128d d = _mm_cmple_pd(_mm_and_pd(_mm_loadu_pd(v + i + 6), magnitude), bound);
        if (_mm_movemask_pd(_mm_and_pd(_mm_and_pd(a, b), _mm_and_pd(c, d))) != 3) return false;
    }
#endif
    for (; i < n; ++i) {
        if (!(std::fabs(v[i]) <= limit)) return false;
    }
    return true;
}

}  // namespace

bool coordinates_in_domain(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                           const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2) noexcept {
    return all_within(lon1, n_lon1, DBL_MAX) && all_within(lat1, n_lat1, 90.0) && all_within(lon2, n_lon2, DBL_MAX) &&
           all_within(lat2, n_lat2, 90.0);
}

const GeoVariant* geo_variants(std::size_t* count) noexcept {
    const VariantTable& t = variants();
    *count = t.count;
    return t.list;
}

}  // namespace numaccel
