// numaccel — the elementary functions of the geodesics, the C++ twin of src/backends/js/fdlibm.ts
// (read that file's comments for the why; the names here are its names in snake_case). Plain
// IEEE double arithmetic in the reference's order (compiled with -ffp-contract=off and without
// -ffast-math: binding.gyp, CMakeLists.txt) plus only the exact std::sqrt, std::fabs, std::floor,
// std::trunc and std::fmod, so that the results are the TypeScript reference's bits.
//
// Sources: fdlibm (Sun Microsystems 1993) as ported by musl: __sin.c, __cos.c, atan.c,
// __rem_pio2.c, __rem_pio2_large.c (k_rem_pio2.c), cbrt.c; GeographicLib's Math.cpp (C. F. F.
// Karney, "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55): sincosd, sincosde, atan2d,
// AngNormalize, AngDiff, AngRound, sum, polyval. The fdlibm parts carry this notice:
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunSoft, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted,
//   provided that this notice is preserved.
//
// Where the reference returns a second result through a module-level slot (SINCOS, ROUNDOFF),
// these return a SinCos pair or write through a reference: no shared state, so any number of
// threads may call them. The small, hot functions are defined here (internal linkage: `static
// inline`, as they use fdlibm_kernels.h's internal templates); the rare large-argument reduction
// and cbrt are in fdlibm.cc. Private to native/kernels/.
#ifndef NUMACCEL_KERNELS_FDLIBM_H
#define NUMACCEL_KERNELS_FDLIBM_H

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

#ifndef NUMACCEL_GEO_TARGET
#define NUMACCEL_GEO_TARGET  // scalar code for the baseline instruction set
#endif
#include "fdlibm_kernels.h"

namespace numaccel {
namespace fdlibm {

constexpr double PI = 3.141592653589793;  // 0x400921FB54442D18
using fdlibm_kernels::PI_HI;
using fdlibm_kernels::PI_LO;
using fdlibm_kernels::PIO2_HI;
using fdlibm_kernels::PIO2_LO;
using fdlibm_kernels::RADIANS_PER_DEGREE;  // GeographicLib's Math::degree()
static_assert(RADIANS_PER_DEGREE == PI / 180, "RADIANS_PER_DEGREE is PI / 180 rounded, as in fdlibm.ts");

/** sin and cos of one argument (the reference's SINCOS[0], SINCOS[1]). */
struct SinCos {
    double s;
    double c;
};

// ---- the polynomial kernels, on plain doubles (fdlibm_kernels.h, shared with greatCircle) ----

/** Lane traits for one double, unfused: T::mul_add(a, b, c) is a * b + c rounded twice. */
struct ScalarLane {
    using D = double;
    using M = bool;
    static double set1(double x) noexcept { return x; }
    static double mul_add(double a, double b, double c) noexcept { return a * b + c; }
    static double sel(bool m, double a, double b) noexcept { return m ? a : b; }
    static bool lt(double a, double b) noexcept { return a < b; }
};

// NUMACCEL_GEO_TARGET: in a SIMD translation unit (geo_avx2.cc, geo_avx512.cc, which include
// this file through geodesic_impl.h) the kernels carry that unit's target, as the templates do.
/** musl __sin(x, 0, 0): sin(x) for |x| <= pi/4 (fdlibm.ts sinKernel). */
static inline NUMACCEL_GEO_TARGET double sin_kernel(double x) noexcept {
    return fdlibm_kernels::sin_kernel<ScalarLane>(x);
}
/** musl __cos(x, 0): cos(x) for |x| <= pi/4 (fdlibm.ts cosKernel). */
static inline NUMACCEL_GEO_TARGET double cos_kernel(double x) noexcept {
    return fdlibm_kernels::cos_kernel<ScalarLane>(x);
}
/** atan(t) for 0 <= t <= 1 by musl's reduction ranges (fdlibm.ts atan01). */
static inline NUMACCEL_GEO_TARGET double atan01(double t) noexcept { return fdlibm_kernels::atan01<ScalarLane>(t); }

// ---- bit access ---------------------------------------------------------------------------

static inline std::uint64_t bits_of(double x) noexcept {
    std::uint64_t u;
    std::memcpy(&u, &x, sizeof u);
    return u;
}

static inline double from_bits(std::uint64_t u) noexcept {
    double x;
    std::memcpy(&x, &u, sizeof x);
    return x;
}

// ---- out of line (fdlibm.cc) --------------------------------------------------------------

/** sin and cos of x radians for |x| > pi/4 (musl's reductions; NaN and ±inf as the reference). */
SinCos sincos_reduced(double x) noexcept;
/** The real cube root (musl cbrt.c; fdlibm.ts cbrt). */
double cbrt(double x) noexcept;

// ---- signs --------------------------------------------------------------------------------

/** Whether x has its sign bit set (-0 included; false for NaN, as fdlibm.ts signbit). */
static inline bool signbit(double x) noexcept { return x < 0 || (x == 0 && (bits_of(x) >> 63) != 0); }

/** |x| with the sign of y (fdlibm.ts copysign). */
static inline double copysign(double x, double y) noexcept { return signbit(y) ? -std::fabs(x) : std::fabs(x); }

// ---- radians ------------------------------------------------------------------------------

/** sin x and cos x, radians, any finite x (fdlibm.ts sincos: musl's sin and cos). */
static inline SinCos sincos(double x) noexcept {
    if (std::fabs(x) <= 0.7853981633974483) {
        // The kernel maps -0 to +0; musl returns x itself for |x| < 2^-26, which is the kernel's
        // value there except for that sign.
        return SinCos{x == 0 ? x : sin_kernel(x), cos_kernel(x)};
    }
    return sincos_reduced(x);
}

// ---- degrees (GeographicLib Math.cpp) -----------------------------------------------------

constexpr double SQRT_HALF = 0x1.6a09e667f3bcdp-1;            // sqrt(0.5) rounded
constexpr double SQRT_THREE_QUARTERS = 0x1.bb67ae8584caap-1;  // sqrt(0.75) rounded

/** x reduced mod 360 to (-360, 360) exactly: fmod, skipped when it is the identity. */
static inline double fmod360(double x) noexcept { return x > -360 && x < 360 ? x : std::fmod(x, 360.0); }

/**
 * q & 3 for the quadrant q = floor(r/90 + 0.5), an integer in [-4, 4] (two's complement: -1 is
 * 3), or NaN for a non-finite argument: then 0, JavaScript's ToInt32(NaN) & 3, without a
 * conversion of NaN to int (undefined behaviour in C++).
 */
static inline int quadrant(double q) noexcept { return q == q ? static_cast<int>(q) & 3 : 0; }

/**
 * The tail of sincosd/sincosde (fdlibm.ts sincosdTail): d (degrees, |d| <= 45 + ulp) in quadrant
 * q, x for the sign of a zero sine. ±45° and ±30° are exact; cos is never -0 and a zero sine
 * takes x's sign.
 */
static inline SinCos sincosd_tail(double d, double q, double x) noexcept {
    const double r = d * RADIANS_PER_DEGREE;
    double s = sin_kernel(r);
    double c = cos_kernel(r);
    const double ad = std::fabs(d);
    if (ad == 45) {
        c = SQRT_HALF;
        s = copysign(c, r);
    } else if (ad == 30) {
        c = SQRT_THREE_QUARTERS;
        s = copysign(0.5, r);
    }
    const int k = quadrant(q);
    double sinx = k == 0 ? s : k == 1 ? c : k == 2 ? -s : -c;
    const double cosx = (k == 0 ? c : k == 1 ? -s : k == 2 ? -c : s) + 0.0;  // + 0: never -0
    if (sinx == 0) sinx = copysign(sinx, x);
    return SinCos{sinx, cosx};
}

/** x reduced near zero (GeographicLib's AngRound; fdlibm.ts angRound). */
static inline double ang_round(double x) noexcept {
    const double z = 0.0625;
    double y = std::fabs(x);
    const double w = z - y;
    y = w > 0 ? z - w : y;
    return copysign(y, x);
}

/** sin and cos of x degrees, any finite x; exact reduction (fdlibm.ts sincosd). */
static inline SinCos sincosd(double x) noexcept {
    const double r = fmod360(x);
    const double q = std::floor(r / 90 + 0.5);
    return sincosd_tail(r - 90 * q, q, x);
}

/** sin and cos of x + t degrees, t a small correction (GeographicLib's sincosde). */
static inline SinCos sincosde(double x, double t) noexcept {
    const double r = fmod360(x);
    const double q = std::floor(r / 90 + 0.5);
    return sincosd_tail(ang_round(r - 90 * q + t), q, x);
}

/** atan2(y, x) in radians, finite arguments, C's signed-zero rules (fdlibm.ts atan2). */
static inline double atan2(double y, double x) noexcept {
    const double ay = std::fabs(y);
    const double ax = std::fabs(x);
    double r;
    if (ay <= ax)
        r = atan01(ax == 0 ? 0.0 : ay / ax);
    else
        r = PIO2_HI - (atan01(ax / ay) - PIO2_LO);                             // pi/2 - atan(x/y)
    if (x < 0 || (ax == 0 && ay == 0 && signbit(x))) r = PI_HI - (r - PI_LO);  // pi - r
    return signbit(y) ? -r : r;
}

/** atan2(y, x) in degrees as GeographicLib's Math::atan2d (octant swap first). */
static inline double atan2d(double y, double x) noexcept {
    int q = 0;
    if (std::fabs(y) > std::fabs(x)) {
        const double t = x;
        x = y;
        y = t;
        q = 2;
    }
    if (signbit(x)) {
        x = -x;
        q += 1;
    }
    const double ang = (atan2(y, x) / PI) * 180;
    if (q == 1) return copysign(180, y) - ang;
    if (q == 2) return 90 - ang;
    if (q == 3) return -90 + ang;
    return ang;
}

/** sqrt(x² + y²) as sqrt(a·a + b·b), rescaled by 2^∓600 past 2^500 or below 2^-500 (fdlibm.ts hypot). */
static inline double hypot(double x, double y) noexcept {
    double a = std::fabs(x);
    double b = std::fabs(y);
    if (a > 0x1p500 || b > 0x1p500) {
        a = a * 0x1p-600;
        b = b * 0x1p-600;
        return std::sqrt(a * a + b * b) * 0x1p600;
    }
    if (a < 0x1p-500 && b < 0x1p-500) {
        a = a * 0x1p600;
        b = b * 0x1p600;
        return std::sqrt(a * a + b * b) * 0x1p-600;
    }
    return std::sqrt(a * a + b * b);
}

// ---- GeographicLib's Math helpers ---------------------------------------------------------

/** Knuth's TwoSum: returns s = round(u + v) and sets e = u + v - s (signed like s if s = 0). */
static inline double two_sum(double u, double v, double& e) noexcept {
    const double s = u + v;
    double up = s - v;
    double vpp = s - up;
    up -= u;
    vpp -= v;
    e = s != 0 ? 0 - (up + vpp) : s;
    return s;
}

/** p[o]·x^n + p[o+1]·x^(n-1) + ... + p[o+n] by Horner's rule (n < 0: 0). */
static inline double polyval(int n, const double* p, int o, double x) noexcept {
    double y = n < 0 ? 0 : p[o];
    for (int i = 1; i <= n; i++) y = y * x + p[o + i];
    return y;
}

/** IEEE remainder(x, y) for y > 0, exact, from fmod(x, 2y) (fdlibm.ts remainder). */
static inline double remainder(double x, double y) noexcept {
    if (2 * std::fabs(x) <= y) return x;
    const double a = std::fabs(std::fmod(x, 2 * y));
    double b = a;
    if (2 * a > y) {
        b = a - y;
        if (2 * b >= y) b = b - y;
    }
    return signbit(x) ? -b : b;
}

/** x reduced to [-180, 180]; ±180 takes x's sign (GeographicLib's AngNormalize). */
static inline double ang_normalize(double x) noexcept {
    const double y = remainder(x, 360);
    return std::fabs(y) == 180 ? copysign(180, x) : y;
}

/** y - x reduced to [-180, 180] exactly as d + e (GeographicLib's AngDiff): returns d, sets e. */
static inline double ang_diff(double x, double y, double& e) noexcept {
    double d = two_sum(remainder(-x, 360), remainder(y, 360), e);
    d = two_sum(remainder(d, 360), e, e);
    if (d == 0 || std::fabs(d) == 180) d = copysign(d, e == 0 ? y - x : -e);
    return d;
}

}  // namespace fdlibm
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_FDLIBM_H
