// numaccel — an ellipsoid's constants for the geodesic series (geodesic_series.h), the twin of
// the Ellipsoid class and ellipsoid() of src/backends/js/geodesic-series.ts: GeographicLib's
// Geodesic constructor with A3coeff, C3coeff and C4coeff at order 6 (C. F. F. Karney,
// "Algorithms for geodesics", J. Geodesy 87 (2013) 43-55, eqs. 24, 25, 60, 63).
#include "geodesic_series.h"

#include <cmath>

namespace numaccel {
namespace geodesic {
namespace {

// A3: the coefficient of eps^j (j = 5 down to 0) as a polynomial in n (eq. 24).
constexpr double A3_COEFF[] = {-3, 128, -2, -3, 64, -1, -3, -1, 16, 3, -1, -2, 8, 1, -1, 2, 1, 1};
// C3[l], l = 1..5: the coefficient of eps^j (j = 5 down to l) as a polynomial in n (eq. 25).
constexpr double C3_COEFF[] = {3,   128, 2,   5,   128, -1,  3,  3,   64, -1,  0,   1,  8,   -1, 1,
                               4,   5,   256, 1,   3,   128, -3, -2,  3,  64,  1,   -3, 2,   32, 7,
                               512, -10, 9,   384, 5,   -9,  5,  192, 7,  512, -14, 7,  512, 21, 2560};
// C4[l], l = 0..5: the coefficient of eps^j (j = 5 down to l) as a polynomial in n (eq. 63).
constexpr double C4_COEFF[] = {
    97,     15015,  1088,  156,    45045,  -224,   -4784,  1573,   45045,  -10656, 14144, -4576,  -858,
    45045,  64,     624,   -4576,  6864,   -3003,  15015,  100,    208,    572,    3432,  -12012, 30030,
    45045,  1,      9009,  -2944,  468,    135135, 5792,   1040,   -1287,  135135, 5952,  -11648, 9152,
    -2574,  135135, -64,   -624,   4576,   -6864,  3003,   135135, 8,      10725,  1856,  -936,   225225,
    -8448,  4992,   -1144, 225225, -1440,  4160,   -4576,  1716,   225225, -136,   63063, 1024,   -208,
    105105, 3584,   -3328, 1144,   315315, -128,   135135, -2560,  832,    405405, 128,   99099,
};
static_assert(sizeof A3_COEFF / sizeof A3_COEFF[0] == 18 && sizeof C3_COEFF / sizeof C3_COEFF[0] == 45 &&
                  sizeof C4_COEFF / sizeof C4_COEFF[0] == 77,
              "the coefficient tables of geodesic-series.ts");

}  // namespace

Ellipsoid::Ellipsoid(double a_, double f_) noexcept : a(a_), f(f_) {
    f1 = 1 - f;
    e2 = f * (2 - f);
    ep2 = e2 / (f1 * f1);
    n = f / (2 - f);
    b = a * f1;
    // c² = (a² + b² · atanh(e)/e) / 2 (eq. 60); atanh(e)/e for e² > 0 and atan(|e|)/|e| for
    // e² < 0 are both Σ e2^k / (2k + 1), summed by Horner over 16 terms (|e2| <= 0.04 here).
    double s = 1.0 / 33;
    for (int k = 15; k >= 0; k--) s = s * e2 + 1.0 / (2 * k + 1);
    c2 = (a * a + b * b * s) / 2;
    // The really-short-line threshold (Geodesic.cpp): 0.1 · sqrt(eps) / sqrt(max(0.001, |f|) ·
    // min(1, 1 - f/2) / 2).
    const double af = std::fabs(f);
    const double big = af > 0.001 ? af : 0.001;
    const double half = 1 - f / 2;
    const double small = half < 1 ? half : 1;
    etol2 = (0.1 * 1.4901161193847656e-8) / std::sqrt((big * small) / 2);
    int o = 0;
    int k = 0;
    for (int j = ORDER - 1; j >= 0; j--) {
        const int m = ORDER - j - 1 < j ? ORDER - j - 1 : j;
        A3x[k++] = fdlibm::polyval(m, A3_COEFF, o, n) / A3_COEFF[o + m + 1];
        o += m + 2;
    }
    o = 0;
    k = 0;
    for (int l = 1; l < ORDER; l++) {
        for (int j = ORDER - 1; j >= l; j--) {
            const int m = ORDER - j - 1 < j ? ORDER - j - 1 : j;
            C3x[k++] = fdlibm::polyval(m, C3_COEFF, o, n) / C3_COEFF[o + m + 1];
            o += m + 2;
        }
    }
    o = 0;
    k = 0;
    for (int l = 0; l < ORDER; l++) {
        for (int j = ORDER - 1; j >= l; j--) {
            const int m = ORDER - j - 1;
            C4x[k++] = fdlibm::polyval(m, C4_COEFF, o, n) / C4_COEFF[o + m + 1];
            o += m + 2;
        }
    }
}

const Ellipsoid& ellipsoid(double a, double f) noexcept {
    thread_local Ellipsoid last(6378137, 1 / 298.257223563);  // WGS84 first, as the reference
    const double g = f + 0.0;                                 // -0 -> +0, so that both share one set of constants
    if (a != last.a || g != last.f) last = Ellipsoid(a, g);
    return last;
}

}  // namespace geodesic
}  // namespace numaccel
