// numaccel — the batch geodesic distance (geodesic_distance_many / _matrix) with Newton's
// iteration on alp1 run across pairs in SIMD lanes, written ONCE over the lane traits of
// geo_impl.h (T::D, T::M, set1/load/store, sel, abs, sqrt, lt/gt/eq, mask_bits: bit j for lane j)
// and instantiated in geo_sse2.cc, geo_avx2.cc, geo_avx512.cc and geo_neon.cc.
//
// BIT-IDENTICAL to the scalar kernel (geodesic.cc): every lane performs exactly the scalar's IEEE
// operations in the scalar's order — Lambda12 with its hypot, atan2, series and reduced length,
// the convergence test, the Newton update — and multiply-adds are never fused (Unfused<> below
// overrides the traits' mul_add with a * b + c, and the files are compiled with
// -ffp-contract=off). Branches become selects where both sides are cheap and exact; the rare
// corner cases are handed to the scalar code: atan2 lanes with y = -0 or x = y = 0, sincos
// beyond pi/4 (the argument reduction), and whole pairs that leave pure Newton (a step that would
// bisect, or no convergence by MAXIT1): those are recomputed from scratch by
// geodesic::inverse(), which takes exactly the same path, so their bits are the scalar's.
//
// Per block of pairs: start() (geodesic_impl_start.h) does setup and InverseStart in lanes, short
// lines included; the pairs it leaves out (meridians, nearly antipodal pairs, exact zeros...) get
// the scalar newton_start() and still join the queue when they take Newton, so only the pairs
// that never iterate (really short lines, meridians, the equator) cost a scalar inverse(). The
// Newton pairs are queued (SoA), run in N lanes that are refilled from the queue as soon as a
// lane's pair converges (compaction), and their final state is turned into s12 by a vectorised
// Lengths.
//
// Measured (1e6 random WGS84 pairs, one shared 2-core Xeon, noisy): compaction beat masking
// (refill all lanes together when all are done) by ~10-40% (AVX-512 177-250 vs 261-314 ns a pair,
// AVX2 222-296 vs 256-406); K = 2 AVX-512 vectors and K = 3 AVX2 / SSE2 vectors side by side
// beat K = 1 (one vector is one long dependency chain: latency-bound); K = 3 and 4 AVX-512 were
// slower again (~5%; likely bound by the divider: ~26 divisions and square roots per step). Random
// pairs average 3.8 Lambda12 steps with 99% of lane-steps busy; 8.5% are short lines (started in
// lanes), none takes the scalar start, no pair left Newton for bisection; ~19% hit eta = +0 on
// the first step (exact in lanes). Lane bookkeeping over set bits beat loops over all N lanes by
// ~8%. 1e6 pairs, one process per build, alternated: AVX-512 medians 132-144 ms (before the lane
// start of short lines and the changes above: 188-217); harness 132-143 ms (GeographicLib JS
// 1.88-1.98 s, 13-15x), AVX2 163-175, SSE2 272-282.
// Include after geo_impl.h and the traits (NUMACCEL_GEO_TARGET set).
#ifndef NUMACCEL_KERNELS_GEODESIC_IMPL_H
#define NUMACCEL_KERNELS_GEODESIC_IMPL_H

#include <cstddef>
#include <type_traits>

#include "fdlibm.h"
#include "geo_impl.h"
#include "geodesic.h"
#include "geodesic_series.h"

// 1: compaction (a lane is refilled as soon as its pair is done), 0: masking (measured: see
// iterate()).
#ifndef NUMACCEL_GEODESIC_REFILL
#define NUMACCEL_GEODESIC_REFILL 1
#endif

namespace numaccel {
namespace {
namespace geodesic_impl {

using geodesic::Ellipsoid;
using geodesic::NewtonStart;

/** The traits B with mul_add(a, b, c) = a * b + c rounded twice (the scalar's operations). */
template <class B>
struct Unfused : B {
    using D = typename B::D;
    static NUMACCEL_GEO_INLINE D mul_add(D a, D b, D c) noexcept { return a * b + c; }
};

template <class T>
NUMACCEL_GEO_INLINE typename T::M m_or(typename T::M a, typename T::M b) noexcept {
    return static_cast<typename T::M>(a | b);
}
template <class T>
NUMACCEL_GEO_INLINE typename T::M m_and(typename T::M a, typename T::M b) noexcept {
    return static_cast<typename T::M>(a & b);
}
template <class T>
NUMACCEL_GEO_INLINE typename T::M m_not(typename T::M a) noexcept {
    return static_cast<typename T::M>(~a);
}
// a >= b and a != b with IEEE semantics (NaN: false, true).
template <class T>
NUMACCEL_GEO_INLINE typename T::M ge(typename T::D a, typename T::D b) noexcept {
    return m_or<T>(T::gt(a, b), T::eq(a, b));
}
template <class T>
NUMACCEL_GEO_INLINE typename T::M ne(typename T::D a, typename T::D b) noexcept {
    return m_not<T>(T::eq(a, b));
}

// Lane k of a vector: plain vector types are subscripted, XkTraits' K vectors hold N / K each.
template <class T>
NUMACCEL_GEO_INLINE double get(const typename T::D& v, std::size_t k) noexcept {
    if constexpr (std::is_class<typename T::D>::value) {
        constexpr std::size_t kPer = sizeof(v.v[0]) / sizeof(double);
        return v.v[k / kPer][k % kPer];
    } else {
        return v[k];
    }
}
template <class T>
NUMACCEL_GEO_INLINE void put(typename T::D& v, std::size_t k, double x) noexcept {
    if constexpr (std::is_class<typename T::D>::value) {
        constexpr std::size_t kPer = sizeof(v.v[0]) / sizeof(double);
        v.v[k / kPer][k % kPer] = x;
    } else {
        v[k] = x;
    }
}

/** fdlibm::hypot lane-wise: the rescaling branches as factors (x * 1 is exact). */
template <class T>
NUMACCEL_GEO_INLINE typename T::D hypot(typename T::D x, typename T::D y) noexcept {
    using D = typename T::D;
    using M = typename T::M;
    const D a = T::abs(x);
    const D b = T::abs(y);
    const D big_t = T::set1(0x1p500);
    const D small_t = T::set1(0x1p-500);
    const M big = m_or<T>(T::gt(a, big_t), T::gt(b, big_t));
    const M small = m_and<T>(m_not<T>(big), m_and<T>(T::lt(a, small_t), T::lt(b, small_t)));
    const D in = T::sel(big, T::set1(0x1p-600), T::sel(small, T::set1(0x1p600), T::set1(1.0)));
    const D out = T::sel(big, T::set1(0x1p600), T::sel(small, T::set1(0x1p-600), T::set1(1.0)));
    const D as = a * in;
    const D bs = b * in;
    return T::sqrt(as * as + bs * bs) * out;
}

/**
 * fdlibm::atan2 lane-wise. The lanes differ from it only for y = -0 (its sign) and x = y = 0
 * (0 / 0): those take the scalar function. Lanes with y == +0 are common (eta is exactly 0 on the
 * first step from the spherical start) and already exact. kYNotMinusZero: the caller's y is never
 * -0, only x == y == 0 is looked at.
 */
template <class T, bool kYNotMinusZero = false>
NUMACCEL_GEO_INLINE typename T::D atan2(typename T::D y, typename T::D x) noexcept {
    using D = typename T::D;
    using M = typename T::M;
    const D ay = T::abs(y);
    const D ax = T::abs(x);
    const M le = ge<T>(ax, ay);  // ay <= ax
    const D t = T::sel(le, ay, ax) / T::sel(le, ax, ay);
    D r = fdlibm_kernels::atan01<T>(t);
    r = T::sel(le, r, T::set1(fdlibm::PIO2_HI) - (r - T::set1(fdlibm::PIO2_LO)));
    r = T::sel(T::lt(x, T::set1(0.0)), T::set1(fdlibm::PI_HI) - (r - T::set1(fdlibm::PI_LO)), r);
    r = T::neg_if(T::lt(y, T::set1(0.0)), r);
    const typename T::M y0 = T::eq(y, T::set1(0.0));
    const unsigned zero = T::mask_bits(kYNotMinusZero ? m_and<T>(y0, T::eq(x, T::set1(0.0))) : y0);
    if (zero != 0) {
        for (std::size_t k = 0; k < T::N; ++k) {
            if (!((zero >> k) & 1u)) continue;
            const double yk = get<T>(y, k);
            const double xk = get<T>(x, k);
            if (fdlibm::signbit(yk) || xk == 0) put<T>(r, k, fdlibm::atan2(yk, xk));
        }
    }
    return r;
}

/** p[o] x^n + ... + p[o + n] (fdlibm::polyval, n >= 0). */
template <class T>
NUMACCEL_GEO_INLINE typename T::D polyval(int n, const double* p, int o, typename T::D x) noexcept {
    typename T::D y = T::set1(p[o]);
    for (int i = 1; i <= n; i++) y = y * x + T::set1(p[o + i]);
    return y;
}

/** geodesic::sin_cos_series with sinp = true. */
template <class T>
NUMACCEL_GEO_INLINE typename T::D sin_series(typename T::D sinx, typename T::D cosx, const typename T::D* c,
                                             int n) noexcept {
    using D = typename T::D;
    int k = n + 1;
    const D ar = T::set1(2.0) * (cosx - sinx) * (cosx + sinx);
    D y0 = (n & 1) != 0 ? c[--k] : T::set1(0.0);
    D y1 = T::set1(0.0);
    for (int m = n >> 1; m > 0; m--) {
        y1 = ar * y0 - y1 + c[--k];
        y0 = ar * y1 - y0 + c[--k];
    }
    return T::set1(2.0) * sinx * cosx * y0;
}

/**
 * x / d for a positive integer d: as x * (1 / d) when d is a power of two (the same real number,
 * x * 2^-k, correctly rounded: the same bits, without a division).
 */
template <class T>
NUMACCEL_GEO_INLINE typename T::D quotient(typename T::D x, double d) noexcept {
    const unsigned long i = static_cast<unsigned long>(d);
    return (i & (i - 1)) == 0 ? x * T::set1(1.0 / d) : x / T::set1(d);
}

/** geodesic::even_series (C1, C2). */
template <class T>
NUMACCEL_GEO_INLINE void even_series(const double* coeff, typename T::D eps, typename T::D* c) noexcept {
    using D = typename T::D;
    const D eps2 = eps * eps;
    D d = eps;
    int o = 0;
    for (int l = 1; l <= geodesic::ORDER; l++) {
        const int m = (geodesic::ORDER - l) >> 1;
        c[l] = quotient<T>(d * polyval<T>(m, coeff, o, eps2), coeff[o + m + 1]);
        o += m + 2;
        d = d * eps;
    }
}

/** A1m1f, A2m1f: the sign s = +1 or -1 of eps. */
template <class T>
NUMACCEL_GEO_INLINE typename T::D a_m1f(const double* coeff, typename T::D eps, bool a1) noexcept {
    const typename T::D t = quotient<T>(polyval<T>(3, coeff, 0, eps * eps), coeff[4]);
    return a1 ? (t + eps) / (T::set1(1.0) - eps) : (t - eps) / (T::set1(1.0) + eps);
}

/** The lanes of the iteration: the pair's constants and the state Lambda12 leaves behind. */
template <class T>
struct Lanes {
    using D = typename T::D;
    D sbet1, cbet1, dn1, sbet2, cbet2, dn2, slam12, clam12;
    D salp1, calp1;                            // the trial alp1
    D ssig1, csig1, ssig2, csig2, sig12, eps;  // Lambda12's outputs for Lengths
    D dlam12;
};

/** geodesic.cc lambda12 with diffp = true: returns v and sets the state. */
template <class T>
NUMACCEL_GEO_INLINE typename T::D lambda12(Lanes<T>& s, const Ellipsoid& E) noexcept {
    using D = typename T::D;
    using M = typename T::M;
    const D zero = T::set1(0.0);
    s.calp1 = T::sel(m_and<T>(T::eq(s.sbet1, zero), T::eq(s.calp1, zero)), T::set1(-0x1p-511), s.calp1);
    const D salp0 = s.salp1 * s.cbet1;
    const D calp0 = hypot<T>(s.calp1, s.salp1 * s.sbet1);
    D ssig1 = s.sbet1;
    const D somg1 = salp0 * s.sbet1;
    D csig1 = s.calp1 * s.cbet1;
    const D comg1 = csig1;
    D h = hypot<T>(ssig1, csig1);
    ssig1 = ssig1 / h;
    csig1 = csig1 / h;
    const M cne = ne<T>(s.cbet2, s.cbet1);
    const D dsq = T::sel(T::lt(s.cbet1, -s.sbet1), (s.cbet2 - s.cbet1) * (s.cbet1 + s.cbet2),
                         (s.sbet1 - s.sbet2) * (s.sbet1 + s.sbet2));
    const D cc = s.calp1 * s.cbet1;
    const D calp2 =
        T::sel(m_or<T>(cne, ne<T>(T::abs(s.sbet2), -s.sbet1)), T::sqrt(cc * cc + dsq) / s.cbet2, T::abs(s.calp1));
    D ssig2 = s.sbet2;
    const D somg2 = salp0 * s.sbet2;
    D csig2 = calp2 * s.cbet2;
    const D comg2 = csig2;
    h = hypot<T>(ssig2, csig2);
    ssig2 = ssig2 / h;
    csig2 = csig2 / h;
    const D ys = csig1 * ssig2 - ssig1 * csig2;
    // y is +0 or positive here (ys <= 0 or NaN gives +0).
    const D sig12 = atan2<T, true>(T::sel(T::gt(ys, zero), ys, zero) + zero, csig1 * csig2 + ssig1 * ssig2);
    const D yo = comg1 * somg2 - somg1 * comg2;
    const D somg12 = T::sel(T::gt(yo, zero), yo, zero) + zero;
    const D comg12 = comg1 * comg2 + somg1 * somg2;
    const D eta = atan2<T>(somg12 * s.clam12 - comg12 * s.slam12, comg12 * s.clam12 + somg12 * s.slam12);
    const D one = T::set1(1.0);
    const D k2 = calp0 * calp0 * T::set1(E.ep2);
    const D eps = k2 / (T::set1(2.0) * (one + T::sqrt(one + k2)) + k2);
    D CA[geodesic::NC];
    D mult = one;
    int o = 0;
    for (int l = 1; l < geodesic::ORDER; l++) {  // C3f
        const int m = geodesic::ORDER - l - 1;
        mult = mult * eps;
        CA[l] = mult * polyval<T>(m, E.C3x, o, eps);
        o += m + 1;
    }
    const D B312 =
        sin_series<T>(ssig2, csig2, CA, geodesic::ORDER - 1) - sin_series<T>(ssig1, csig1, CA, geodesic::ORDER - 1);
    const D domg12 = T::set1(-E.f) * polyval<T>(geodesic::ORDER - 1, E.A3x, 0, eps) * salp0 * (sig12 + B312);
    // Lengths with REDUCED_LENGTH only: m12b.
    D A1 = a_m1f<T>(geodesic::A1M1_COEFF, eps, true);
    D A2 = a_m1f<T>(geodesic::A2M1_COEFF, eps, false);
    D CB[geodesic::NC];
    even_series<T>(geodesic::C1_COEFF, eps, CA);
    even_series<T>(geodesic::C2_COEFF, eps, CB);
    const D m0x = A1 - A2;
    A2 = one + A2;
    A1 = one + A1;
    for (int l = 1; l <= geodesic::ORDER; l++) CB[l] = A1 * CA[l] - A2 * CB[l];
    const D J12 = m0x * sig12 +
                  (sin_series<T>(ssig2, csig2, CB, geodesic::ORDER) - sin_series<T>(ssig1, csig1, CB, geodesic::ORDER));
    const D m12b = s.dn2 * (csig1 * ssig2) - s.dn1 * (ssig1 * csig2) - csig1 * csig2 * J12;
    s.dlam12 = m12b * (T::set1(E.f1) / (calp2 * s.cbet2));
    const M c0 = T::eq(calp2, zero);  // rare: its division only when some lane needs it
    if (T::mask_bits(c0) != 0) s.dlam12 = T::sel(c0, (T::set1(-2 * E.f1) * s.dn1) / s.sbet1, s.dlam12);
    s.ssig1 = ssig1;
    s.csig1 = csig1;
    s.ssig2 = ssig2;
    s.csig2 = csig2;
    s.sig12 = sig12;
    s.eps = eps;
    return eta + domg12;
}

/** Lengths with DISTANCE only, times b: s12 (with -0 -> +0). */
template <class T>
NUMACCEL_GEO_INLINE typename T::D distance(typename T::D eps, typename T::D sig12, typename T::D ssig1,
                                           typename T::D csig1, typename T::D ssig2, typename T::D csig2,
                                           double b) noexcept {
    using D = typename T::D;
    D CA[geodesic::NC];
    const D A1 = T::set1(1.0) + a_m1f<T>(geodesic::A1M1_COEFF, eps, true);
    even_series<T>(geodesic::C1_COEFF, eps, CA);
    const D B1 = sin_series<T>(ssig2, csig2, CA, geodesic::ORDER) - sin_series<T>(ssig1, csig1, CA, geodesic::ORDER);
    return T::set1(0.0) + A1 * (sig12 + B1) * T::set1(b);
}

#include "geodesic_impl_start.h"

// ---- the batch driver ------------------------------------------------------------------------

/** Pair k of geodesic_distance_many (a length-1 input is broadcast). */
struct ManySource {
    const double *lon1, *lat1, *lon2, *lat2;
    std::size_t i1, j1, i2, j2;
    void get(std::size_t k, double& x1, double& y1, double& x2, double& y2) const noexcept {
        x1 = lon1[k * i1];
        y1 = lat1[k * j1];
        x2 = lon2[k * i2];
        y2 = lat2[k * j2];
    }
};

/** Pair k = i * n_b + j of geodesic_distance_matrix. */
struct MatrixSource {
    const double *lons_a, *lats_a, *lons_b, *lats_b;
    std::size_t n_b;
    void get(std::size_t k, double& x1, double& y1, double& x2, double& y2) const noexcept {
        const std::size_t i = k / n_b;
        const std::size_t j = k - i * n_b;
        x1 = lons_a[i];
        y1 = lats_a[i];
        x2 = lons_b[j];
        y2 = lats_b[j];
    }
};

template <class Src>
inline double scalar_distance(const Src& src, std::size_t k, const Ellipsoid& E) noexcept {
    double x1, y1, x2, y2;
    src.get(k, x1, y1, x2, y2);
    geodesic::InverseExtras x;
    return geodesic::inverse(x1, y1, x2, y2, E, false, x);
}

// Pairs per block: a multiple of every lane count N = K x lanes (2, 4, 6, 8, 12, 16, 24), since
// block() pads the final states up to a multiple of N inside b.fin.
constexpr std::size_t kBlock = 960;
constexpr int kStart = 10;   // NewtonStart's fields
constexpr int kFinal = 6;    // eps, sig12, ssig1, csig1, ssig2, csig2
constexpr int kMaxit1 = 20;  // geodesic.cc MAXIT1

/** The queue of a block's Newton pairs (SoA) and their final states. */
struct Block {
    alignas(64) double q[kStart][kBlock];
    alignas(64) double fin[kFinal][kBlock];
    std::size_t qk[kBlock];  // the pair's index k
    std::size_t nq;
};

/**
 * Newton's iteration for the queued pairs in N lanes. kRefill: a lane whose pair is done takes
 * the next queued pair at once (compaction); otherwise the lanes are refilled together when all
 * are done (masking). Converged pairs leave their state in b.fin; pairs that leave pure Newton
 * are recomputed by the scalar code into out.
 */
template <class T, bool kRefill, class Src>
NUMACCEL_GEO_TARGET void iterate(Block& b, const Src& src, const Ellipsoid& E, double* out) noexcept {
    using D = typename T::D;
    using M = typename T::M;
    constexpr std::size_t N = T::N;
    constexpr int kFields = kStart + 1;  // + tripn (0 or 1)
    alignas(64) double ls[kFields][N];
    std::size_t who[N];   // the queue slot of each lane
    std::size_t fill[N];  // the step at which the lane took its pair: numit = step - fill
    std::size_t step = 0;
    std::size_t soonest = ~std::size_t{0};  // no active lane reaches MAXIT1 before this step
    unsigned active = 0;
    std::size_t next = 0;
    for (std::size_t k = 0; k < N; ++k) {  // benign contents for lanes never filled
        for (int f = 0; f < kStart; ++f) ls[f][k] = b.q[f][0];
        ls[kStart][k] = 0;
    }
    const unsigned all = N >= 32 ? ~0u : (1u << N) - 1;
    const double tol0 = 0x1p-52;
    for (;;) {
        if (kRefill || active == 0) {
            // Lane bookkeeping over set bits only: a loop over all N lanes per step, with its
            // unpredictable branches, cost several percent.
            for (unsigned free = ~active & all; free != 0 && next < b.nq; free &= free - 1) {
                const int k = __builtin_ctz(free);  // GCC and Clang only, as the vector traits
                for (int f = 0; f < kStart; ++f) ls[f][k] = b.q[f][next];
                ls[kStart][k] = 0;
                who[k] = next++;
                fill[k] = step;
                active |= 1u << k;
            }
            if (step + kMaxit1 < soonest) soonest = step + kMaxit1;
        }
        if (active == 0) break;
        Lanes<T> L;
        L.sbet1 = T::load(ls[0]);
        L.cbet1 = T::load(ls[1]);
        L.dn1 = T::load(ls[2]);
        L.sbet2 = T::load(ls[3]);
        L.cbet2 = T::load(ls[4]);
        L.dn2 = T::load(ls[5]);
        L.salp1 = T::load(ls[6]);
        L.calp1 = T::load(ls[7]);
        L.slam12 = T::load(ls[8]);
        L.clam12 = T::load(ls[9]);
        const D tripn = T::load(ls[kStart]);
        const D v = lambda12<T>(L, E);
        const D av = T::abs(v);
        const M conv = m_not<T>(ge<T>(av, T::sel(T::gt(tripn, T::set1(0.0)), T::set1(8 * tol0), T::set1(tol0))));
        // The Newton step (where it applies: dlam12 > 0, |dalp1| < pi, nsalp1 > 0).
        M nd = m_and<T>(m_not<T>(conv), T::gt(L.dlam12, T::set1(0.0)));
        const D dalp1 = -v / L.dlam12;
        const D adalp1 = T::abs(dalp1);
        nd = m_and<T>(nd, T::lt(adalp1, T::set1(fdlibm::PI)));
        D sd = T::sel(T::eq(dalp1, T::set1(0.0)), dalp1, fdlibm_kernels::sin_kernel<T>(dalp1));
        D cd = fdlibm_kernels::cos_kernel<T>(dalp1);
        const unsigned far = T::mask_bits(m_and<T>(nd, m_not<T>(ge<T>(T::set1(0.7853981633974483), adalp1)))) & active;
        if (far != 0) {
            for (std::size_t k = 0; k < N; ++k) {
                if ((far >> k) & 1u) {
                    const fdlibm::SinCos r = fdlibm::sincos(get<T>(dalp1, k));
                    put<T>(sd, k, r.s);
                    put<T>(cd, k, r.c);
                }
            }
        }
        const D nsalp1 = L.salp1 * cd + L.calp1 * sd;
        nd = m_and<T>(nd, T::gt(nsalp1, T::set1(0.0)));
        const D ncalp1 = L.calp1 * cd - L.salp1 * sd;
        const D h = hypot<T>(nsalp1, ncalp1);
        T::store(ls[6], T::sel(nd, nsalp1 / h, L.salp1));
        T::store(ls[7], T::sel(nd, ncalp1 / h, L.calp1));
        T::store(ls[kStart], T::sel(ge<T>(T::set1(16 * tol0), av), T::set1(1.0), T::set1(0.0)));
        const unsigned convb = T::mask_bits(conv) & active;
        const unsigned ndb = T::mask_bits(nd) & all;
        if (convb != 0) {
            alignas(64) double fs[kFinal][N];
            T::store(fs[0], L.eps);
            T::store(fs[1], L.sig12);
            T::store(fs[2], L.ssig1);
            T::store(fs[3], L.csig1);
            T::store(fs[4], L.ssig2);
            T::store(fs[5], L.csig2);
            for (unsigned c = convb; c != 0; c &= c - 1) {
                const int k = __builtin_ctz(c);
                for (int f = 0; f < kFinal; ++f) b.fin[f][who[k]] = fs[f][k];
            }
            active &= ~convb;
        }
        unsigned leave = active & ~ndb;  // no Newton step: bisection
        if (step >= soonest) {           // numit == MAXIT1 for some lane?
            soonest = ~std::size_t{0};
            for (unsigned c = active; c != 0; c &= c - 1) {
                const int k = __builtin_ctz(c);
                if (step - fill[k] == static_cast<std::size_t>(kMaxit1)) {
                    leave |= 1u << k;
                } else if (fill[k] + kMaxit1 < soonest) {
                    soonest = fill[k] + kMaxit1;
                }
            }
        }
        for (unsigned c = leave; c != 0; c &= c - 1) {
            // Bisection or no convergence by MAXIT1: the scalar code, from scratch.
            const int k = __builtin_ctz(c);
            const std::size_t kk = b.qk[who[k]];
            out[kk] = scalar_distance(src, kk, E);
            b.qk[who[k]] = ~std::size_t{0};  // done
        }
        active &= ~leave;
        ++step;
    }
}

/** One block of pairs k0 .. k0 + m - 1. */
template <class T, bool kRefill, class Src>
NUMACCEL_GEO_TARGET void block(Block& b, const Src& src, std::size_t k0, std::size_t m, const Ellipsoid& E,
                               double* out) noexcept {
    constexpr std::size_t N = T::N;
    static_assert(kBlock % N == 0, "the padding of b.fin must stay inside the block");
    b.nq = 0;
    for (std::size_t j0 = 0; j0 < m; j0 += N) {
        alignas(64) double in[4][N];
        const std::size_t cnt = m - j0 < N ? m - j0 : N;
        for (std::size_t k = 0; k < N; ++k) {
            src.get(k0 + j0 + (k < cnt ? k : 0), in[0][k], in[1][k], in[2][k], in[3][k]);
        }
        Lanes<T> L;
        const unsigned bad =
            T::mask_bits(start<T>(T::load(in[0]), T::load(in[1]), T::load(in[2]), T::load(in[3]), E, L));
        alignas(64) double st[kStart][N];
        T::store(st[0], L.sbet1);
        T::store(st[1], L.cbet1);
        T::store(st[2], L.dn1);
        T::store(st[3], L.sbet2);
        T::store(st[4], L.cbet2);
        T::store(st[5], L.dn2);
        T::store(st[6], L.salp1);
        T::store(st[7], L.calp1);
        T::store(st[8], L.slam12);
        T::store(st[9], L.clam12);
        for (std::size_t k = 0; k < cnt; ++k) {
            const std::size_t kk = k0 + j0 + k;
            if ((bad >> k) & 1u) {
                // The scalar start; Newton pairs among these (short lines that are not really
                // short, nearly antipodal ones...) still join the queue.
                geodesic::NewtonStart ns;
                if (geodesic::newton_start(in[0][k], in[1][k], in[2][k], in[3][k], E, ns)) {
                    const double v[kStart] = {ns.sbet1, ns.cbet1, ns.dn1,   ns.sbet2,  ns.cbet2,
                                              ns.dn2,   ns.salp1, ns.calp1, ns.slam12, ns.clam12};
                    for (int i = 0; i < kStart; ++i) b.q[i][b.nq] = v[i];
                    b.qk[b.nq++] = kk;
                } else {
                    geodesic::InverseExtras x;
                    out[kk] = geodesic::inverse(in[0][k], in[1][k], in[2][k], in[3][k], E, false, x);
                }
                continue;
            }
            for (int i = 0; i < kStart; ++i) b.q[i][b.nq] = st[i][k];
            b.qk[b.nq++] = kk;
        }
    }
    if (b.nq == 0) return;
    iterate<T, kRefill>(b, src, E, out);
    // s12 from the final states, N at a time (slots of pairs done by the scalar code are skipped).
    for (std::size_t j = b.nq; j % N != 0; ++j) {
        for (int f = 0; f < kFinal; ++f) b.fin[f][j] = 0.0;
        b.qk[j] = ~std::size_t{0};
    }
    for (std::size_t j = 0; j < b.nq; j += N) {
        alignas(64) double r[N];
        T::store(r, distance<T>(T::load(b.fin[0] + j), T::load(b.fin[1] + j), T::load(b.fin[2] + j),
                                T::load(b.fin[3] + j), T::load(b.fin[4] + j), T::load(b.fin[5] + j), E.b));
        for (std::size_t k = 0; k < N; ++k) {
            if (b.qk[j + k] != ~std::size_t{0}) out[b.qk[j + k]] = r[k];
        }
    }
}

/** This thread's Block (~130 KB: not on a worker thread's possibly small stack), one per file. */
inline Block& thread_block() noexcept {
    static thread_local Block b;
    return b;
}

template <class T, bool kRefill, class Src>
NUMACCEL_GEO_TARGET void run(const Src& src, std::size_t n, const Ellipsoid& E, double* out) noexcept {
    Block* bp = &thread_block();
    // Opaque to GCC: otherwise its constant-propagated clones of block() and iterate() recompute
    // the thread_local address (__tls_get_addr) for every queued pair and refilled lane.
    __asm__("" : "+r"(bp));
    Block& b = *bp;
    for (std::size_t k0 = 0; k0 < n; k0 += kBlock)
        block<T, kRefill>(b, src, k0, n - k0 < kBlock ? n - k0 : kBlock, E, out);
}

/** geodesic_distance_many, bit-identical to the scalar kernel. */
template <class T, bool kRefill = NUMACCEL_GEODESIC_REFILL>
NUMACCEL_GEO_TARGET void distance_many(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                                       const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2,
                                       double a, double f, double* out, std::size_t n) noexcept {
    const Ellipsoid& E = geodesic::ellipsoid(a, f);
    const ManySource src{lon1,
                         lat1,
                         lon2,
                         lat2,
                         n_lon1 == 1 ? 0u : 1u,
                         n_lat1 == 1 ? 0u : 1u,
                         n_lon2 == 1 ? 0u : 1u,
                         n_lat2 == 1 ? 0u : 1u};
    run<T, kRefill>(src, n, E, out);
}

/** geodesic_distance_matrix, bit-identical to the scalar kernel. */
template <class T, bool kRefill = NUMACCEL_GEODESIC_REFILL>
NUMACCEL_GEO_TARGET void distance_matrix(const double* lons_a, const double* lats_a, std::size_t n_a,
                                         const double* lons_b, const double* lats_b, std::size_t n_b, double a,
                                         double f, double* out) noexcept {
    if (n_a == 0 || n_b == 0) return;
    const Ellipsoid& E = geodesic::ellipsoid(a, f);
    const MatrixSource src{lons_a, lats_a, lons_b, lats_b, n_b};
    run<T, kRefill>(src, n_a * n_b, E, out);
}

}  // namespace geodesic_impl
}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_GEODESIC_IMPL_H
