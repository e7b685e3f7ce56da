// numaccel — the great-circle kernel of docs/algorithms.md written ONCE, as templates over a
// "lane traits" type T, and instantiated for plain doubles (geo.cc: the scalar kernel, and the
// portable batch variant on 4 doubles side by side), for 4 x 2-lane SSE2 vectors (geo_sse2.cc),
// 4 x 2-lane NEON vectors (geo_neon.cc), 4 x 4-lane AVX2 vectors (geo_avx2.cc) and 2 x 8-lane
// AVX-512 vectors (geo_avx512.cc).
//
// Every instantiation evaluates the same source expressions — the same IEEE operations
// (+ - * / sqrt, exact floor/fmod, selects and sign flips) in the same order, without libm
// trigonometry and without implicit FMA contraction (-ffp-contract=off). The one choice left to
// the traits is T::mul_add(a, b, c): a * b + c rounded twice (scalar, SSE2, NEON: then the results are
// bit-identical to every other backend implementing the spec) or once, as a fused multiply-add
// (the AVX2 and AVX-512 variants, on CPUs with FMA: fewer instructions, and results within a few
// units in the last place of the spec's; docs/algorithms.md "Batch kernels"). mul_add is used only
// where the spec adds a product to a term, so the unfused form is the spec's expression exactly.
//
// Sources of the pieces:
//  - sinKernel / cosKernel / atan01: fdlibm (Sun Microsystems, 1993) as ported by musl libc,
//    in fdlibm_kernels.h (shared with the geodesics' scalar code, fdlibm.h).
//  - sincosd / angDiff / remainder360: exact degree arithmetic after GeographicLib
//    (C. F. F. Karney, Math::sincosd, Math::AngDiff; "Algorithms for geodesics", J. Geodesy 87
//    (2013), 43-55).
//
// This header is private to native/kernels/. Everything in it has internal linkage (anonymous
// namespace), so each translation unit gets its own copy compiled for its own instruction set
// and no inline function compiled for AVX2 can be picked by the linker for baseline code.
// Each including file defines NUMACCEL_GEO_TARGET (a function attribute such as
// __attribute__((target("avx2"))), or nothing) before including it.
#ifndef NUMACCEL_KERNELS_GEO_IMPL_H
#define NUMACCEL_KERNELS_GEO_IMPL_H

#include <cstddef>

#include "fdlibm_kernels.h"

#if defined(__FAST_MATH__)
#error "the geo kernels must not be compiled with -ffast-math (breaks TwoSum / exact reductions)"
#endif

#ifndef NUMACCEL_GEO_TARGET
#error "define NUMACCEL_GEO_TARGET before including geo_impl.h"
#endif

#if defined(__GNUC__)
#define NUMACCEL_GEO_INLINE inline __attribute__((always_inline)) NUMACCEL_GEO_TARGET
#else
#define NUMACCEL_GEO_INLINE inline
#endif

namespace numaccel {
namespace {
namespace geo_impl {

// The fdlibm kernels and constants shared with the geodesics' scalar code (fdlibm_kernels.h).
using fdlibm_kernels::atan01;
using fdlibm_kernels::cos_kernel;
using fdlibm_kernels::PI_HI;
using fdlibm_kernels::PI_LO;
using fdlibm_kernels::PIO2_HI;
using fdlibm_kernels::PIO2_LO;
using fdlibm_kernels::RADIANS_PER_DEGREE;
using fdlibm_kernels::sin_kernel;
constexpr double DEGREES_TO_QUADRANTS = 0x1.6c16c16c16c17p-7;  // 0x3F86C16C16C16C17 (1/90 rounded)
#if defined(__has_builtin)
#if __has_builtin(__builtin_bit_cast)
static_assert(__builtin_bit_cast(unsigned long long, DEGREES_TO_QUADRANTS) == 0x3F86C16C16C16C17ULL,
              "DEGREES_TO_QUADRANTS does not have the bit pattern of docs/algorithms.md");
#endif
#endif

// ---- the lane-traits interface --------------------------------------------------------------
// T::D     a double or a vector of T::N doubles; arithmetic operators act lane-wise.
// T::M     the matching comparison mask (bool, or a vector of all-ones/all-zeros lanes).
// T::set1, T::sel(m, a, b) (= m ? a : b), T::neg_if(m, a) (sign flip where m), T::sqrt,
// T::mul_add(a, b, c) (= a * b + c, fused or not: see the top of this file),
// T::abs, T::lt/gt/eq, T::mxor, T::floor_quadrant, T::remainder360 (the exact remainder) and
// T::remainder360_small (the same for |x| <= 540; vector code skips the fmod there).

template <class T>
struct SinCos {
    typename T::D s;
    typename T::D c;
};

// atan2(S, C) for S >= 0.
template <class T>
NUMACCEL_GEO_INLINE typename T::D central_angle(typename T::D S, typename T::D C) noexcept {
    using D = typename T::D;
    using M = typename T::M;
    const D a = T::abs(C);
    const M s_gt_a = T::gt(S, a);
    const D big = T::sel(s_gt_a, S, a);    // max(S, a)
    const D small = T::sel(s_gt_a, a, S);  // min(S, a)
    // t = big == 0 ? 0 : small / big, computed as small / (big == 0 ? 1 : big): when big == 0,
    // small is +0 too (S = sqrt(x*x + y*y) and |C| are never -0), and +0 / 1 == +0.
    const D t = small / T::sel(T::eq(big, T::set1(0.0)), T::set1(1.0), big);
    D r = atan01<T>(t);
    r = T::sel(s_gt_a, T::set1(PIO2_HI) - (r - T::set1(PIO2_LO)), r);
    r = T::sel(T::lt(C, T::set1(0.0)), T::set1(PI_HI) - (r - T::set1(PI_LO)), r);
    return r;
}

// sin and cos of x degrees, |x| <= 270, reduced exactly to a quarter turn first.
template <class T>
NUMACCEL_GEO_INLINE SinCos<T> sincosd(typename T::D x) noexcept {
    using D = typename T::D;
    // q = floor(x/90 + 0.5): fused or not, q only decides the quadrant (at a tie either is right);
    // r = (x - q*90) * pi/180, where x - q*90 is exact either way.
    const typename T::Quadrant q = T::floor_quadrant(T::mul_add(x, T::set1(DEGREES_TO_QUADRANTS), T::set1(0.5)));
    const D r = T::mul_add(q.q, T::set1(-90.0), x) * T::set1(RADIANS_PER_DEGREE);
    const D s = sin_kernel<T>(r);
    const D c = cos_kernel<T>(r);
    // q mod 4 = 0: (s, c); 1: (c, -s); 2: (-s, -c); 3: (-c, s)
    const D sw_s = T::sel(q.odd, c, s);
    const D sw_c = T::sel(q.odd, s, c);
    return SinCos<T>{T::neg_if(q.two, sw_s), T::neg_if(T::mxor(q.odd, q.two), sw_c)};
}

// lon2 - lon1 reduced mod 360 without losing its rounding error, from a = remainder360(-lon1)
// and b = remainder360(lon2) (Knuth's TwoSum: t + e == a + b exactly).
template <class T>
NUMACCEL_GEO_INLINE typename T::D ang_diff_reduced(typename T::D a, typename T::D b) noexcept {
    using D = typename T::D;
    const D t = a + b;
    const D bb = t - a;
    const D e = (a - (t - bb)) + (b - bb);
    return T::remainder360_small(t) + e;  // |t| <= 360
}

// The rest of the kernel, given the per-point quantities (s1, c1) = sincosd(lat1),
// c2 = cos(lat2) and the longitude difference in degrees.
template <class T>
NUMACCEL_GEO_INLINE typename T::D finish(typename T::D s1, typename T::D c1, typename T::D c2, typename T::D lat1,
                                         typename T::D lat2, typename T::D dlon, typename T::D radius) noexcept {
    using D = typename T::D;
    const SinCos<T> dp = sincosd<T>(lat2 - lat1);  // latitude difference taken in degrees
    const SinCos<T> hl = sincosd<T>(dlon * T::set1(0.5));
    const D two = T::set1(2.0);
    const D h = two * hl.s * hl.s;             // 1 - cos(dlon), no cancellation
    const D x = c2 * (two * hl.s * hl.c);      // cos(lat2) sin(dlon)
    const D y = T::mul_add(s1 * c2, h, dp.s);  // dp.s + s1*c2*h = cos(lat1) sin(lat2) - sin(lat1) cos(lat2) cos(dlon)
    const D z =
        T::mul_add(-(c1 * c2), h, dp.c);  // dp.c - c1*c2*h = sin(lat1) sin(lat2) + cos(lat1) cos(lat2) cos(dlon)
    return central_angle<T>(T::sqrt(T::mul_add(x, x, y * y)), z) * radius;
}

// The whole kernel, docs/algorithms.md "Kernel".
template <class T>
NUMACCEL_GEO_INLINE typename T::D great_circle(typename T::D lon1, typename T::D lat1, typename T::D lon2,
                                               typename T::D lat2, typename T::D radius) noexcept {
    const typename T::D dlon = ang_diff_reduced<T>(T::remainder360(-lon1), T::remainder360(lon2));
    const SinCos<T> p1 = sincosd<T>(lat1);
    const SinCos<T> p2 = sincosd<T>(lat2);  // p2.s is not needed
    return finish<T>(p1.s, p1.c, p2.c, lat1, lat2, dlon, radius);
}

// ---- generic traits for GCC/Clang vector extensions ------------------------------------------
// Arithmetic and comparisons use the vector-extension operators; ISA::sqrt / mul_add / load /
// store / movemask come from the including file (SSE2, AVX2 or NEON intrinsics).
#if defined(__GNUC__)
template <class ISA>
struct VecTraits {
    using D = typename ISA::D;  // N doubles
    using M = typename ISA::M;  // N 64-bit integer lanes, all ones where true
    static constexpr std::size_t N = ISA::N;
    struct Quadrant {
        D q;    // floor(v)
        M odd;  // q & 1
        M two;  // q & 2 (two's complement, so q = -1 is quadrant 3)
    };
    static NUMACCEL_GEO_INLINE D set1(double x) noexcept { return D{} + x; }
    static NUMACCEL_GEO_INLINE D load(const double* p) noexcept { return ISA::load(p); }
    static NUMACCEL_GEO_INLINE void store(double* p, D v) noexcept { ISA::store(p, v); }
    static NUMACCEL_GEO_INLINE M bits(D v) noexcept { return reinterpret_cast<M>(v); }
    static NUMACCEL_GEO_INLINE D from_bits(M m) noexcept { return reinterpret_cast<D>(m); }
    static NUMACCEL_GEO_INLINE D sel(M m, D a, D b) noexcept { return from_bits((m & bits(a)) | (~m & bits(b))); }
    static NUMACCEL_GEO_INLINE M sign_bit() noexcept { return M{} + static_cast<long long>(0x8000000000000000ULL); }
    static NUMACCEL_GEO_INLINE D neg_if(M m, D a) noexcept { return from_bits(bits(a) ^ (m & sign_bit())); }
    static NUMACCEL_GEO_INLINE D abs(D a) noexcept { return from_bits(bits(a) & ~sign_bit()); }
    static NUMACCEL_GEO_INLINE D sqrt(D a) noexcept { return ISA::sqrt(a); }
    static NUMACCEL_GEO_INLINE D mul_add(D a, D b, D c) noexcept { return ISA::mul_add(a, b, c); }
    static NUMACCEL_GEO_INLINE M lt(D a, D b) noexcept { return a < b; }
    static NUMACCEL_GEO_INLINE M gt(D a, D b) noexcept { return a > b; }
    static NUMACCEL_GEO_INLINE M eq(D a, D b) noexcept { return a == b; }
    static NUMACCEL_GEO_INLINE M mxor(M a, M b) noexcept { return a ^ b; }
    static NUMACCEL_GEO_INLINE unsigned mask_bits(M m) noexcept { return static_cast<unsigned>(ISA::movemask(m)); }
    // q = floor(v) (ISA::floor is exact) and its low two bits as lane masks: the low bits of
    // q + 1.5 * 2^52 are q in two's complement (q = -1 gives quadrant 3).
    static NUMACCEL_GEO_INLINE Quadrant floor_quadrant(D v) noexcept {
        const D q = ISA::floor(v);
        const M qi = bits(q + set1(0x1.8p52));
        const M one = M{} + 1, two = M{} + 2;
        return Quadrant{q, (qi & one) == one, (qi & two) == two};
    }
    // remainder360: |x| <= 540 needs no fmod (it is the identity below 360 and x -+ 360 above,
    // which the correction step produces); lanes beyond that take the exact scalar fmod.
    static NUMACCEL_GEO_INLINE D remainder360(D x) noexcept {
        D r = x;
        const M big = abs(x) > set1(540.0);
        if (ISA::movemask(big) != 0) {
            for (std::size_t k = 0; k < N; ++k) {
                if (big[k] != 0) r[k] = __builtin_fmod(x[k], 360.0);
            }
        }
        return remainder360_small(r);
    }
    // The same for |x| <= 540 (the sum t in ang_diff_reduced: |t| <= 360).
    static NUMACCEL_GEO_INLINE D remainder360_small(D r) noexcept {
        return sel(r > set1(180.0), r - set1(360.0), sel(r < set1(-180.0), r + set1(360.0), r));
    }
};
#endif

// K independent vectors per operation. The kernel is one long dependency chain (polynomials,
// two divisions, a square root: ~200 cycles of latency per vector) of a few hundred
// instructions, more than an out-of-order core overlaps across loop iterations; evaluating K
// vectors side by side interleaves K chains instruction by instruction. Lane-wise the
// operations are exactly those of B, so the results are unchanged.
template <class B, std::size_t K>
struct XkTraits {
    using BD = typename B::D;
    using BM = typename B::M;
    struct D {
        BD v[K];
    };
    struct M {
        BM v[K];
    };
    static constexpr std::size_t N = K * B::N;
    struct Quadrant {
        D q;
        M odd;
        M two;
    };
#define NUMACCEL_GEO_LANES(expr)                  \
    do {                                          \
        for (std::size_t k = 0; k < K; ++k) expr; \
    } while (0)
    // Mask logic lane-wise, and the lanes as bits (lane j of vector k is bit k * B::N + j).
    friend NUMACCEL_GEO_INLINE M operator|(M a, M b) noexcept {
        M r;
        NUMACCEL_GEO_LANES(r.v[k] = static_cast<BM>(a.v[k] | b.v[k]));
        return r;
    }
    friend NUMACCEL_GEO_INLINE M operator&(M a, M b) noexcept {
        M r;
        NUMACCEL_GEO_LANES(r.v[k] = static_cast<BM>(a.v[k] & b.v[k]));
        return r;
    }
    friend NUMACCEL_GEO_INLINE M operator~(M a) noexcept {
        M r;
        NUMACCEL_GEO_LANES(r.v[k] = static_cast<BM>(~a.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE unsigned mask_bits(M m) noexcept {
        unsigned r = 0;
        NUMACCEL_GEO_LANES(r |= B::mask_bits(m.v[k]) << (k * B::N));
        return r;
    }
    friend NUMACCEL_GEO_INLINE D operator+(D a, D b) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = a.v[k] + b.v[k]);
        return r;
    }
    friend NUMACCEL_GEO_INLINE D operator-(D a, D b) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = a.v[k] - b.v[k]);
        return r;
    }
    friend NUMACCEL_GEO_INLINE D operator*(D a, D b) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = a.v[k] * b.v[k]);
        return r;
    }
    friend NUMACCEL_GEO_INLINE D operator/(D a, D b) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = a.v[k] / b.v[k]);
        return r;
    }
    friend NUMACCEL_GEO_INLINE D operator-(D a) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = -a.v[k]);
        return r;
    }
    static NUMACCEL_GEO_INLINE D set1(double x) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::set1(x));
        return r;
    }
    static NUMACCEL_GEO_INLINE D load(const double* p) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::load(p + k * B::N));
        return r;
    }
    static NUMACCEL_GEO_INLINE void store(double* p, D a) noexcept {
        NUMACCEL_GEO_LANES(B::store(p + k * B::N, a.v[k]));
    }
    static NUMACCEL_GEO_INLINE D sel(M m, D a, D b) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::sel(m.v[k], a.v[k], b.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE D neg_if(M m, D a) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::neg_if(m.v[k], a.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE D abs(D a) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::abs(a.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE D sqrt(D a) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::sqrt(a.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE D mul_add(D a, D b, D c) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::mul_add(a.v[k], b.v[k], c.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE M lt(D a, D b) noexcept {
        M r;
        NUMACCEL_GEO_LANES(r.v[k] = B::lt(a.v[k], b.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE M gt(D a, D b) noexcept {
        M r;
        NUMACCEL_GEO_LANES(r.v[k] = B::gt(a.v[k], b.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE M eq(D a, D b) noexcept {
        M r;
        NUMACCEL_GEO_LANES(r.v[k] = B::eq(a.v[k], b.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE M mxor(M a, M b) noexcept {
        M r;
        NUMACCEL_GEO_LANES(r.v[k] = B::mxor(a.v[k], b.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE Quadrant floor_quadrant(D a) noexcept {
        Quadrant r;
        NUMACCEL_GEO_LANES({
            const typename B::Quadrant q = B::floor_quadrant(a.v[k]);
            r.q.v[k] = q.q;
            r.odd.v[k] = q.odd;
            r.two.v[k] = q.two;
        });
        return r;
    }
    static NUMACCEL_GEO_INLINE D remainder360(D a) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::remainder360(a.v[k]));
        return r;
    }
    static NUMACCEL_GEO_INLINE D remainder360_small(D a) noexcept {
        D r;
        NUMACCEL_GEO_LANES(r.v[k] = B::remainder360_small(a.v[k]));
        return r;
    }
#undef NUMACCEL_GEO_LANES
};

// ---- batch drivers ---------------------------------------------------------------------------

// out[i] = great_circle(lon1[i], lat1[i], lon2[i], lat2[i]); an input of length != n (that is,
// length 1) is broadcast. Full vectors first, then one padded vector for the tail.
template <class T>
NUMACCEL_GEO_TARGET void many(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                              const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                              double radius, double* out, std::size_t n) noexcept {
    using D = typename T::D;
    constexpr std::size_t N = T::N;
    if (n == 0) return;
    const bool b_lon1 = n_lon1 != n, b_lat1 = n_lat1 != n, b_lon2 = n_lon2 != n, b_lat2 = n_lat2 != n;
    const D R = T::set1(radius);
    std::size_t i = 0;
    if (!b_lon1 && !b_lat1 && !b_lon2 && !b_lat2) {
        for (; i + N <= n; i += N) {
            T::store(out + i,
                     great_circle<T>(T::load(lon1 + i), T::load(lat1 + i), T::load(lon2 + i), T::load(lat2 + i), R));
        }
    } else {
        const D s_lon1 = T::set1(lon1[0]), s_lat1 = T::set1(lat1[0]);
        const D s_lon2 = T::set1(lon2[0]), s_lat2 = T::set1(lat2[0]);
        for (; i + N <= n; i += N) {
            const D a = b_lon1 ? s_lon1 : T::load(lon1 + i);
            const D b = b_lat1 ? s_lat1 : T::load(lat1 + i);
            const D c = b_lon2 ? s_lon2 : T::load(lon2 + i);
            const D d = b_lat2 ? s_lat2 : T::load(lat2 + i);
            T::store(out + i, great_circle<T>(a, b, c, d, R));
        }
    }
    if (i < n) {  // tail: fewer than N elements left; unused lanes compute the zero distance
        double in[4][N] = {};
        double res[N];
        const std::size_t m = n - i;
        for (std::size_t k = 0; k < m; ++k) {
            in[0][k] = lon1[b_lon1 ? 0 : i + k];
            in[1][k] = lat1[b_lat1 ? 0 : i + k];
            in[2][k] = lon2[b_lon2 ? 0 : i + k];
            in[3][k] = lat2[b_lat2 ? 0 : i + k];
        }
        T::store(res, great_circle<T>(T::load(in[0]), T::load(in[1]), T::load(in[2]), T::load(in[3]), R));
        for (std::size_t k = 0; k < m; ++k) out[i + k] = res[k];
    }
}

// out[i * nB + j] = great_circle(A[i], B[j]). B is processed in blocks whose per-point values
// (remainder360(lon), cos(lat)) are computed once into stack buffers; each A point's values
// (remainder360(-lon), sincosd(lat)) once per block. These are the same IEEE values the
// pairwise kernel computes, so the results are bit-identical to many<T>() (and to great_circle()
// where T::mul_add is not fused).
template <class T>
NUMACCEL_GEO_TARGET void matrix(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                                const double* lats_b, std::size_t n_b, double radius, double* out) noexcept {
    using D = typename T::D;
    constexpr std::size_t N = T::N;
    constexpr std::size_t kBlock = 480;  // B points per block; a multiple of every N (1, 4, 8, 16)
    static_assert(kBlock % N == 0, "block must be a multiple of the lane count");
    alignas(64) double rb[kBlock];
    alignas(64) double latb[kBlock];
    alignas(64) double c2b[kBlock];
    const D R = T::set1(radius);
    for (std::size_t jb = 0; jb < n_b; jb += kBlock) {
        const std::size_t m = n_b - jb < kBlock ? n_b - jb : kBlock;
        const std::size_t m_full = m - m % N;
        const std::size_t m_padded = m_full == m ? m : m_full + N;
        for (std::size_t j = 0; j < m; ++j) {
            rb[j] = lons_b[jb + j];
            latb[j] = lats_b[jb + j];
        }
        for (std::size_t j = m; j < m_padded; ++j) rb[j] = latb[j] = 0.0;
        for (std::size_t j = 0; j < m_padded; j += N) {
            T::store(rb + j, T::remainder360(T::load(rb + j)));
            T::store(c2b + j, sincosd<T>(T::load(latb + j)).c);
        }
        for (std::size_t i = 0; i < n_a; ++i) {
            const D lat1 = T::set1(lats_a[i]);
            const D a = T::remainder360(T::set1(-lons_a[i]));
            const SinCos<T> p1 = sincosd<T>(lat1);
            double* row = out + i * n_b + jb;
            std::size_t j = 0;
            for (; j < m_full; j += N) {
                const D dlon = ang_diff_reduced<T>(a, T::load(rb + j));
                T::store(row + j, finish<T>(p1.s, p1.c, T::load(c2b + j), lat1, T::load(latb + j), dlon, R));
            }
            if (j < m) {
                double res[N];
                const D dlon = ang_diff_reduced<T>(a, T::load(rb + j));
                T::store(res, finish<T>(p1.s, p1.c, T::load(c2b + j), lat1, T::load(latb + j), dlon, R));
                for (std::size_t k = 0; j + k < m; ++k) row[j + k] = res[k];
            }
        }
    }
}

}  // namespace geo_impl
}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_GEO_IMPL_H
