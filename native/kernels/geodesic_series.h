// numaccel — the series of Karney's geodesic algorithms at order 6, the C++ twin of
// src/backends/js/geodesic-series.ts: C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87
// (2013) 43-55, and GeographicLib's Geodesic.cpp (A1m1f, C1f, C1pf, A2m1f, C2f, A3coeff, C3coeff,
// C4coeff, SinCosSeries). The coefficient tables are Karney's Maxima output: each polynomial's
// integer coefficients (highest power first) followed by its divisor, exact in double.
//
// The same loops in the same order as the reference. An Ellipsoid's constants are computed per
// (a, f); ellipsoid() keeps the last one per thread (thread_local), so that the async kernels and
// the worker pool's threads never share it. Private to native/kernels/.
#ifndef NUMACCEL_KERNELS_GEODESIC_SERIES_H
#define NUMACCEL_KERNELS_GEODESIC_SERIES_H

#include "fdlibm.h"

namespace numaccel {
namespace geodesic {

/** Series order: every expansion is carried to eps^6 (and n^6). */
constexpr int ORDER = 6;
/** Length of a coefficient scratch array (index 0 is unused by the sine series). */
constexpr int NC = ORDER + 1;

/**
 * An ellipsoid's constants (GeographicLib's Geodesic constructor; geodesic-series.ts Ellipsoid):
 * the third flattening n, e², e'², b, the authalic radius squared c² (eq. 60), etol2, and the A3,
 * C3, C4 series' coefficients as polynomials in eps alone.
 */
struct Ellipsoid {
    double a;
    double f;
    double f1;
    double e2;
    double ep2;
    double n;
    double b;
    double c2;
    double etol2;
    double A3x[ORDER];
    double C3x[(ORDER * (ORDER - 1)) / 2];
    double C4x[(ORDER * (ORDER + 1)) / 2];

    Ellipsoid(double a, double f) noexcept;  // geodesic_series.cc
};

/**
 * The constants of the ellipsoid (a, f + 0), recomputed only when they differ from this thread's
 * last call's (geodesic-series.ts ellipsoid). The reference stays valid until this thread calls
 * ellipsoid() again with another ellipsoid.
 */
const Ellipsoid& ellipsoid(double a, double f) noexcept;

// A1 - 1 = (t + eps) / (1 - eps), t a polynomial in eps² (eq. 17).
constexpr double A1M1_COEFF[] = {1, 4, 64, 0, 256};
// C1[l] / eps^l, polynomials in eps² (eq. 18).
constexpr double C1_COEFF[] = {-1, 6, -16, 32, -9, 64, -128, 2048, 9, -16, 768, 3, -5, 512, -7, 1280, -7, 2048};
// C1'[l] / eps^l, the reverted series for sigma in terms of tau (eqs. 20-21).
constexpr double C1P_COEFF[] = {205, -432, 768,   1536, 4005, -4736, 3840, 12288, -225,
                                116, 384,  -7173, 2695, 7680, 3467,  7680, 38081, 61440};
// A2 - 1 = (t - eps) / (1 + eps) (eq. 42).
constexpr double A2M1_COEFF[] = {-11, -28, -192, 0, 256};
// C2[l] / eps^l (eq. 43).
constexpr double C2_COEFF[] = {1, 2, 16, 32, 35, 64, 384, 2048, 15, 80, 768, 7, 35, 512, 63, 1280, 77, 2048};

/** A1 - 1, the mean of dI1/dsigma less 1, as a function of eps (eq. 17). */
static inline double A1m1f(double eps) noexcept {
    const double t = fdlibm::polyval(3, A1M1_COEFF, 0, eps * eps) / A1M1_COEFF[4];
    return (t + eps) / (1 - eps);
}

/** A2 - 1 (eq. 42). */
static inline double A2m1f(double eps) noexcept {
    const double t = fdlibm::polyval(3, A2M1_COEFF, 0, eps * eps) / A2M1_COEFF[4];
    return (t - eps) / (1 + eps);
}

/** c[l] = eps^l · (polynomial l in eps²) / divisor, l = 1..6: the shape of C1, C1' and C2. */
static inline void even_series(const double* coeff, double eps, double* c) noexcept {
    const double eps2 = eps * eps;
    double d = eps;
    int o = 0;
    for (int l = 1; l <= ORDER; l++) {
        const int m = (ORDER - l) >> 1;  // order of the polynomial in eps²
        c[l] = (d * fdlibm::polyval(m, coeff, o, eps2)) / coeff[o + m + 1];
        o += m + 2;
        d *= eps;
    }
}

/** C1[1..6] (eq. 18) into c. */
static inline void C1f(double eps, double* c) noexcept { even_series(C1_COEFF, eps, c); }
/** C1'[1..6] (eq. 21) into c. */
static inline void C1pf(double eps, double* c) noexcept { even_series(C1P_COEFF, eps, c); }
/** C2[1..6] (eq. 43) into c. */
static inline void C2f(double eps, double* c) noexcept { even_series(C2_COEFF, eps, c); }

/** A3 (eq. 24) at eps. */
static inline double A3f(const Ellipsoid& e, double eps) noexcept { return fdlibm::polyval(ORDER - 1, e.A3x, 0, eps); }

/** C3[1..5] (eq. 25) into c. */
static inline void C3f(const Ellipsoid& e, double eps, double* c) noexcept {
    double mult = 1;
    int o = 0;
    for (int l = 1; l < ORDER; l++) {
        const int m = ORDER - l - 1;
        mult *= eps;
        c[l] = mult * fdlibm::polyval(m, e.C3x, o, eps);
        o += m + 1;
    }
}

/** C4[0..5] (eq. 63) into c. */
static inline void C4f(const Ellipsoid& e, double eps, double* c) noexcept {
    double mult = 1;
    int o = 0;
    for (int l = 0; l < ORDER; l++) {
        const int m = ORDER - l - 1;
        c[l] = mult * fdlibm::polyval(m, e.C4x, o, eps);
        o += m + 1;
        mult *= eps;
    }
}

/**
 * Clenshaw summation (Geodesic.cpp's SinCosSeries): sinp ? Σ_{l=1..n} c[l] sin(2l x)
 * : Σ_{l=0..n-1} c[l] cos((2l+1) x), from sin x and cos x, two terms per step.
 */
static inline double sin_cos_series(bool sinp, double sinx, double cosx, const double* c, int n) noexcept {
    int k = sinp ? n + 1 : n;                             // one beyond the last coefficient
    const double ar = 2 * (cosx - sinx) * (cosx + sinx);  // 2 cos 2x
    double y0 = (n & 1) != 0 ? c[--k] : 0;
    double y1 = 0;
    for (int m = n >> 1; m > 0; m--) {
        y1 = ar * y0 - y1 + c[--k];
        y0 = ar * y1 - y0 + c[--k];
    }
    return sinp ? 2 * sinx * cosx * y0 : cosx * (y0 - y1);
}

}  // namespace geodesic
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_GEODESIC_SERIES_H
