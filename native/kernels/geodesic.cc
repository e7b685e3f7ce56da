// numaccel — geodesics: the C++ twin of src/backends/js/geodesic.ts, operation for operation
// (read its comments for the why): C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87
// (2013) 43-55, as GeographicLib 2.x's Geodesic.cpp implements it (GenInverse, InverseStart,
// Lambda12, Lengths, Astroid), series at order 6; the direct problem is in geodesic_direct.cc.
// Equation numbers are the paper's.
//
// Same operations, same order, same parenthesisation as the reference, on fdlibm.h's functions
// and sqrt/fabs/floor only, compiled with -ffp-contract=off and without -ffast-math: the results
// are its bits. Every `+ 0.0` turns -0 into +0 and must stay. The reference's shared state object
// (st) and typed-array slots are a per-call InverseState here, so calls on many threads are safe.
#include "geodesic.h"

#include <cmath>

#include "fdlibm.h"
#include "geodesic_series.h"

namespace numaccel {
namespace geodesic {
namespace {

using fdlibm::ang_diff;
using fdlibm::ang_round;
using fdlibm::atan2;
using fdlibm::cbrt;
using fdlibm::copysign;
using fdlibm::hypot;
using fdlibm::PI;
using fdlibm::RADIANS_PER_DEGREE;
using fdlibm::signbit;
using fdlibm::SinCos;
using fdlibm::sincos;
using fdlibm::sincosd;
using fdlibm::sincosde;

// Tolerances (Geodesic.cpp's constructor), for doubles.
constexpr double TINY = 0x1p-511;  // sqrt(DBL_MIN): underflow guard
constexpr double TOL0 = 0x1p-52;   // DBL_EPSILON
constexpr double TOL1 = 200 * TOL0;
constexpr double TOL2 = 0x1p-26;  // sqrt(TOL0)
constexpr double TOLB = TOL0;     // bisection interval check
constexpr double XTHRESH = 1000 * TOL2;
constexpr int MAXIT1 = 20;
constexpr int MAXIT2 = MAXIT1 + 53 + 10;  // + digits + 10

constexpr unsigned DISTANCE = 1;
constexpr unsigned REDUCED_LENGTH = 2;

/** The inverse problem's working state (geodesic.ts InverseState, with its CA, CB scratch). */
struct InverseState {
    double sbet1 = 0, cbet1 = 0, dn1 = 0;
    double sbet2 = 0, cbet2 = 0, dn2 = 0;
    double salp1 = 0, calp1 = 0, salp2 = 0, calp2 = 0;
    double dnm = 0;  // InverseStart, short lines
    double sig12 = 0, ssig1 = 0, csig1 = 0, ssig2 = 0, csig2 = 0;
    double eps = 0, domg12 = 0, dlam12 = 0;  // Lambda12
    double s12b = 0, m12b = 0, m0 = 0;       // Lengths
    double CA[NC] = {};                      // coefficient scratch (index 0 unused by the sine series)
    double CB[NC] = {};
};

/**
 * Geodesic.cpp's Lengths (geodesic.ts lengths): s12/b = A1 (sig12 + B1) (eqs. 7, 17-18) into
 * st.s12b (mask DISTANCE); the reduced length m12/b via J = I1 - I2 into st.m12b, st.m0.
 */
void lengths(InverseState& st, double eps, double sig12, double ssig1, double csig1, double dn1, double ssig2,
             double csig2, double dn2, unsigned mask) noexcept {
    double m0x = 0;
    double J12 = 0;
    double A2 = 0;
    double A1 = A1m1f(eps);
    C1f(eps, st.CA);
    if ((mask & REDUCED_LENGTH) != 0) {
        A2 = A2m1f(eps);
        C2f(eps, st.CB);
        m0x = A1 - A2;
        A2 = 1 + A2;
    }
    A1 = 1 + A1;
    if ((mask & DISTANCE) != 0) {
        const double B1 =
            sin_cos_series(true, ssig2, csig2, st.CA, ORDER) - sin_cos_series(true, ssig1, csig1, st.CA, ORDER);
        st.s12b = A1 * (sig12 + B1);
        if ((mask & REDUCED_LENGTH) != 0) {
            const double B2 =
                sin_cos_series(true, ssig2, csig2, st.CB, ORDER) - sin_cos_series(true, ssig1, csig1, st.CB, ORDER);
            J12 = m0x * sig12 + (A1 * B1 - A2 * B2);
        }
    } else if ((mask & REDUCED_LENGTH) != 0) {
        for (int l = 1; l <= ORDER; l++) st.CB[l] = A1 * st.CA[l] - A2 * st.CB[l];
        J12 = m0x * sig12 +
              (sin_cos_series(true, ssig2, csig2, st.CB, ORDER) - sin_cos_series(true, ssig1, csig1, st.CB, ORDER));
    }
    if ((mask & REDUCED_LENGTH) != 0) {
        st.m0 = m0x;
        // (csig1 * ssig2) and (ssig1 * csig2) grouped for exact cancellation at coincident points.
        st.m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * J12;
    }
}

/** The positive root k of k⁴ + 2k³ - (x² + y² - 1)k² - 2y²k - y² = 0 (eq. 55; geodesic.ts astroid). */
double astroid(double x, double y) noexcept {
    const double p = x * x;
    const double q = y * y;
    const double r = (p + q - 1) / 6;
    if (q == 0 && r <= 0) return 0;  // y = 0 with |x| <= 1
    const double S = (p * q) / 4;    // r³ · s
    const double r2 = r * r;
    const double r3 = r * r2;
    const double disc = S * (S + 2 * r3);  // zero on the evolute p^(1/3) + q^(1/3) = 1
    double u = r;
    if (disc >= 0) {
        double T3 = S + r3;
        T3 += T3 < 0 ? -std::sqrt(disc) : std::sqrt(disc);  // the sign that avoids cancellation
        const double T = cbrt(T3);                          // real root
        u += T + (T != 0 ? r2 / T : 0);
    } else {
        const double ang = atan2(std::sqrt(-disc), -(S + r3));  // T is complex, u real
        const SinCos sc = sincos(ang / 3);
        u += 2 * r * sc.c;
    }
    const double v = std::sqrt(u * u + q);
    const double uv = u < 0 ? q / (v - u) : u + v;  // u + v without cancellation
    const double w = (uv - q) / (2 * v);
    return uv / (std::sqrt(uv + w * w) + w);
}

/**
 * InverseStart (geodesic.ts inverseStart): a starting alp1 for Newton (into salp1, calp1; returns
 * -1), or for short lines (eqs. 49-51) the answer: returns sig12 >= 0 and sets salp2, calp2, dnm.
 * Nearly antipodal points solve the astroid (eq. 55) and take alp1 from eqs. 56-57.
 */
double inverse_start(InverseState& st, const Ellipsoid& E, double lam12, double slam12, double clam12) noexcept {
    double sig = -1;
    // bet12 = bet2 - bet1 in [0, pi); bet12a = bet2 + bet1 in (-pi, 0]
    const double sbet12 = st.sbet2 * st.cbet1 - st.cbet2 * st.sbet1;
    const double cbet12 = st.cbet2 * st.cbet1 + st.sbet2 * st.sbet1;
    const double sbet12a = st.sbet2 * st.cbet1 + st.cbet2 * st.sbet1;
    const bool shortline = cbet12 >= 0 && sbet12 < 0.5 && st.cbet2 * lam12 < 0.5;
    double somg12;
    double comg12;
    if (shortline) {
        double sbetm2 = (st.sbet1 + st.sbet2) * (st.sbet1 + st.sbet2);
        sbetm2 /= sbetm2 + (st.cbet1 + st.cbet2) * (st.cbet1 + st.cbet2);  // sin²((bet1 + bet2)/2)
        st.dnm = std::sqrt(1 + E.ep2 * sbetm2);
        const SinCos sc = sincos(lam12 / (E.f1 * st.dnm));
        somg12 = sc.s;
        comg12 = sc.c;
    } else {
        somg12 = slam12;
        comg12 = clam12;
    }
    st.salp1 = st.cbet2 * somg12;
    st.calp1 = comg12 >= 0 ? sbet12 + (st.cbet2 * st.sbet1 * (somg12 * somg12)) / (1 + comg12)
                           : sbet12a - (st.cbet2 * st.sbet1 * (somg12 * somg12)) / (1 - comg12);
    const double ssig12 = hypot(st.salp1, st.calp1);
    const double csig12 = st.sbet1 * st.sbet2 + st.cbet1 * st.cbet2 * comg12;
    if (shortline && ssig12 < E.etol2) {
        // Really short lines.
        st.salp2 = st.cbet1 * somg12;
        st.calp2 = sbet12 - st.cbet1 * st.sbet2 * (comg12 >= 0 ? (somg12 * somg12) / (1 + comg12) : 1 - comg12);
        const double h = hypot(st.salp2, st.calp2);
        st.salp2 /= h;
        st.calp2 /= h;
        sig = atan2(ssig12, csig12);
    } else if (std::fabs(E.n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * std::fabs(E.n) * PI * (st.cbet1 * st.cbet1)) {
        // The zeroth-order spherical approximation is good enough.
    } else {
        // Nearly antipodal: scale to x, y with the antipode at the origin and the singular point
        // at y = 0, x = -1.
        const double f = E.f;
        double x;
        double y;
        double lamscale;
        double betscale;
        const double lam12x = atan2(-slam12, -clam12);  // lam12 - pi
        if (f >= 0) {
            const double k2 = st.sbet1 * st.sbet1 * E.ep2;
            const double e = k2 / (2 * (1 + std::sqrt(1 + k2)) + k2);
            lamscale = f * st.cbet1 * A3f(E, e) * PI;
            betscale = lamscale * st.cbet1;
            x = lam12x / lamscale;
            y = sbet12a / betscale;
        } else {
            const double cbet12a = st.cbet2 * st.cbet1 - st.sbet2 * st.sbet1;
            const double bet12a = atan2(sbet12a, cbet12a);
            lengths(st, E.n, PI + bet12a, st.sbet1, -st.cbet1, st.dn1, st.sbet2, st.cbet2, st.dn2, REDUCED_LENGTH);
            x = -1 + st.m12b / (st.cbet1 * st.cbet2 * st.m0 * PI);
            betscale = x < -0.01 ? sbet12a / x : -f * (st.cbet1 * st.cbet1) * PI;
            lamscale = betscale / st.cbet1;
            y = lam12x / lamscale;
        }
        if (y > -TOL1 && x > -1 - XTHRESH) {
            // Strip near the cut.
            if (f >= 0) {
                st.salp1 = -x < 1 ? -x : 1;
                st.calp1 = -std::sqrt(1 - st.salp1 * st.salp1);
            } else {
                const double lo = x > -TOL1 ? 0 : -1;
                st.calp1 = x > lo ? x : lo;
                st.salp1 = std::sqrt(1 - st.calp1 * st.calp1);
            }
        } else {
            // Solve the astroid for omg12 and use the spherical formula for alp1.
            const double k = astroid(x, y);
            const double omg12a = lamscale * (f >= 0 ? (-x * k) / (1 + k) : (-y * (1 + k)) / k);
            const SinCos sc = sincos(omg12a);
            somg12 = sc.s;
            comg12 = -sc.c;
            st.salp1 = st.cbet2 * somg12;
            st.calp1 = sbet12a - (st.cbet2 * st.sbet1 * (somg12 * somg12)) / (1 - comg12);
        }
    }
    if (!(st.salp1 <= 0)) {
        const double h = hypot(st.salp1, st.calp1);
        st.salp1 /= h;
        st.calp1 /= h;
    } else {
        st.salp1 = 1;
        st.calp1 = 0;
    }
    return sig;
}

/**
 * Lambda12 (geodesic.ts lambda12): for the trial alp1, solve the triangle on the auxiliary sphere
 * (eqs. 5, 10-14) and return lam12(alp1) - lam12 via eta = omg12 - lam12 and the longitude
 * correction (eqs. 8, 23-25); with diffp also dlam12 = d(lam12)/d(alp1) from the reduced length.
 */
double lambda12(InverseState& st, const Ellipsoid& E, double slam120, double clam120, bool diffp) noexcept {
    if (st.sbet1 == 0 && st.calp1 == 0) st.calp1 = -TINY;  // break the degeneracy of the equatorial line
    const double salp0 = st.salp1 * st.cbet1;              // sin alp0 = sin alp1 cos bet1
    const double calp0 = hypot(st.calp1, st.salp1 * st.sbet1);
    st.ssig1 = st.sbet1;  // tan bet1 = tan sig1 cos alp1
    const double somg1 = salp0 * st.sbet1;
    st.csig1 = st.calp1 * st.cbet1;
    const double comg1 = st.csig1;
    double h = hypot(st.ssig1, st.csig1);
    st.ssig1 /= h;
    st.csig1 /= h;
    // Enforce symmetry for |bet2| = -bet1, which otherwise yields singularities in Newton.
    st.salp2 = st.cbet2 != st.cbet1 ? salp0 / st.cbet2 : st.salp1;
    // cos alp2 from the difference of squares that measures |bet1| - |bet2| better.
    const double dsq = st.cbet1 < -st.sbet1 ? (st.cbet2 - st.cbet1) * (st.cbet1 + st.cbet2)
                                            : (st.sbet1 - st.sbet2) * (st.sbet1 + st.sbet2);
    st.calp2 = st.cbet2 != st.cbet1 || std::fabs(st.sbet2) != -st.sbet1
                   ? std::sqrt(st.calp1 * st.cbet1 * (st.calp1 * st.cbet1) + dsq) / st.cbet2
                   : std::fabs(st.calp1);
    st.ssig2 = st.sbet2;
    const double somg2 = salp0 * st.sbet2;
    st.csig2 = st.calp2 * st.cbet2;
    const double comg2 = st.csig2;
    h = hypot(st.ssig2, st.csig2);
    st.ssig2 /= h;
    st.csig2 /= h;
    // sig12 = sig2 - sig1 and omg12 = omg2 - omg1, both limited to [0, pi].
    const double ys = st.csig1 * st.ssig2 - st.ssig1 * st.csig2;
    st.sig12 = atan2((ys > 0 ? ys : 0) + 0.0, st.csig1 * st.csig2 + st.ssig1 * st.ssig2);
    const double yo = comg1 * somg2 - somg1 * comg2;
    const double somg12 = (yo > 0 ? yo : 0) + 0.0;
    const double comg12 = comg1 * comg2 + somg1 * somg2;
    const double eta = atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120);
    const double k2 = calp0 * calp0 * E.ep2;
    st.eps = k2 / (2 * (1 + std::sqrt(1 + k2)) + k2);
    C3f(E, st.eps, st.CA);
    const double B312 = sin_cos_series(true, st.ssig2, st.csig2, st.CA, ORDER - 1) -
                        sin_cos_series(true, st.ssig1, st.csig1, st.CA, ORDER - 1);
    st.domg12 = -E.f * A3f(E, st.eps) * salp0 * (st.sig12 + B312);
    if (diffp) {
        if (st.calp2 == 0) {
            st.dlam12 = (-2 * E.f1 * st.dn1) / st.sbet1;
        } else {
            lengths(st, st.eps, st.sig12, st.ssig1, st.csig1, st.dn1, st.ssig2, st.csig2, st.dn2, REDUCED_LENGTH);
            st.dlam12 = st.m12b * (E.f1 / (st.calp2 * st.cbet2));
        }
    }
    return eta + st.domg12;
}

/** The pair's canonical form (GenInverse's first part): InverseState's latitudes, and p. */
struct Setup {
    double lam12, slam12, clam12, lon12s, phi1;
    int swapp, latsign, lonsign;
};

void setup(InverseState& st, Setup& p, double lon1, double lat1, double lon2, double lat2,
           const Ellipsoid& E) noexcept {
    // The longitude difference, reduced exactly with its error (AngDiff), made non-negative.
    double lon12s;
    double lon12 = ang_diff(lon1, lon2, lon12s);
    int lonsign = signbit(lon12) ? -1 : 1;
    lon12 *= lonsign;
    lon12s *= lonsign;
    const double lam12 = lon12 * RADIANS_PER_DEGREE;
    const SinCos lam = sincosde(lon12, lon12s);
    const double slam12 = lam.s;
    const double clam12 = lam.c;
    lon12s = 180 - lon12 - lon12s;  // the supplementary longitude difference
    // Latitudes very close to the equator count as on it; point 1 has the larger |latitude| and
    // lat1 <= -0 (swapp, latsign and lonsign record the symmetries used).
    double phi1 = ang_round(lat1);
    double phi2 = ang_round(lat2);
    const int swapp = std::fabs(phi1) < std::fabs(phi2) ? -1 : 1;
    if (swapp < 0) {
        lonsign *= -1;
        const double t = phi1;
        phi1 = phi2;
        phi2 = t;
    }
    const int latsign = signbit(phi1) ? 1 : -1;
    phi1 *= latsign;
    phi2 *= latsign;
    // Reduced latitudes (eq. 6); cbet clamped to TINY so that poles keep a direction.
    const double f1 = E.f1;
    SinCos sc = sincosd(phi1);
    st.sbet1 = f1 * sc.s;
    st.cbet1 = sc.c;
    double h = hypot(st.sbet1, st.cbet1);
    st.sbet1 /= h;
    st.cbet1 /= h;
    st.cbet1 = st.cbet1 > TINY ? st.cbet1 : TINY;
    sc = sincosd(phi2);
    st.sbet2 = f1 * sc.s;
    st.cbet2 = sc.c;
    h = hypot(st.sbet2, st.cbet2);
    st.sbet2 /= h;
    st.cbet2 /= h;
    st.cbet2 = st.cbet2 > TINY ? st.cbet2 : TINY;
    // Force bet2 = ±bet1 exactly when the sensitive measure of |bet1| - |bet2| vanishes.
    if (st.cbet1 < -st.sbet1) {
        if (st.cbet2 == st.cbet1) st.sbet2 = copysign(st.sbet1, st.sbet2);
    } else if (std::fabs(st.sbet2) == -st.sbet1) {
        st.cbet2 = st.cbet1;
    }
    st.dn1 = std::sqrt(1 + E.ep2 * (st.sbet1 * st.sbet1));
    st.dn2 = std::sqrt(1 + E.ep2 * (st.sbet2 * st.sbet2));

    p.lam12 = lam12;
    p.slam12 = slam12;
    p.clam12 = clam12;
    p.lon12s = lon12s;
    p.phi1 = phi1;
    p.swapp = swapp;
    p.latsign = latsign;
    p.lonsign = lonsign;
}

}  // namespace

bool newton_start(double lon1, double lat1, double lon2, double lat2, const Ellipsoid& E, NewtonStart& ns) noexcept {
    InverseState st;
    Setup p;
    setup(st, p, lon1, lat1, lon2, lat2, E);
    if (p.phi1 == -90 || p.slam12 == 0) return false;                          // meridian
    if (st.sbet1 == 0 && (E.f <= 0 || p.lon12s >= E.f * 180)) return false;    // equator
    if (inverse_start(st, E, p.lam12, p.slam12, p.clam12) >= 0) return false;  // short line
    ns = NewtonStart{st.sbet1, st.cbet1, st.dn1, st.sbet2, st.cbet2, st.dn2, st.salp1, st.calp1, p.slam12, p.clam12};
    return true;
}

double inverse(double lon1, double lat1, double lon2, double lat2, const Ellipsoid& E, bool with_area,
               InverseExtras& extras) noexcept {
    InverseState st;
    Setup p;
    setup(st, p, lon1, lat1, lon2, lat2, E);
    const double lam12 = p.lam12, slam12 = p.slam12, clam12 = p.clam12, lon12s = p.lon12s, phi1 = p.phi1;
    const int swapp = p.swapp, latsign = p.latsign, lonsign = p.lonsign;
    const double f1 = E.f1;
    double h;
    double s12x = 0;
    bool meridian = phi1 == -90 || slam12 == 0;
    double omg12 = 0;
    double somg12 = 2;  // 2: not computed yet
    double comg12 = 0;
    if (meridian) {
        // Both points on one meridian: the geodesic may be the meridian itself.
        st.calp1 = clam12;
        st.salp1 = slam12;
        st.calp2 = 1;
        st.salp2 = 0;
        st.ssig1 = st.sbet1;
        st.csig1 = st.calp1 * st.cbet1;
        st.ssig2 = st.sbet2;
        st.csig2 = st.calp2 * st.cbet2;
        const double ys = st.csig1 * st.ssig2 - st.ssig1 * st.csig2;
        st.sig12 = atan2((ys > 0 ? ys : 0) + 0.0, st.csig1 * st.csig2 + st.ssig1 * st.ssig2);
        lengths(st, E.n, st.sig12, st.ssig1, st.csig1, st.dn1, st.ssig2, st.csig2, st.dn2, DISTANCE | REDUCED_LENGTH);
        s12x = st.s12b;
        double m12x = st.m12b;
        if (st.sig12 < TOL2 || m12x >= 0) {
            // sig12 < 3 tiny: two points at one pole; no negative s12 or m12 for short lines.
            if (st.sig12 < 3 * TINY || (st.sig12 < TOL0 && (s12x < 0 || m12x < 0))) st.sig12 = m12x = s12x = 0;
            s12x *= E.b;
        } else {
            meridian = false;  // m12 < 0: prolate and too close to antipodal
        }
    }
    if (!meridian && st.sbet1 == 0 && (E.f <= 0 || lon12s >= E.f * 180)) {
        // Along the equator (also for lon12 up to (1 - f)·180 on oblate ellipsoids).
        st.calp1 = st.calp2 = 0;
        st.salp1 = st.salp2 = 1;
        s12x = E.a * lam12;
        st.sig12 = omg12 = lam12 / f1;
    } else if (!meridian) {
        st.sig12 = inverse_start(st, E, lam12, slam12, clam12);
        if (st.sig12 >= 0) {
            s12x = st.sig12 * E.b * st.dnm;  // short line: salp2, calp2 and dnm set
            omg12 = lam12 / (f1 * st.dnm);
        } else {
            // Newton on alp1 for lambda12(alp1) = lam12, keeping a bracket (alp1a, alp1b) of the
            // root and bisecting when Newton steps out of it or the derivative is not positive.
            int numit = 0;
            double salp1a = TINY, calp1a = 1, salp1b = TINY, calp1b = -1;
            bool tripn = false;
            bool tripb = false;
            for (;; ++numit) {
                const double v = lambda12(st, E, slam12, clam12, numit < MAXIT1);
                if (tripb || !(std::fabs(v) >= (tripn ? 8 : 1) * TOL0) || numit == MAXIT2) break;
                if (v > 0 && (numit > MAXIT1 || st.calp1 / st.salp1 > calp1b / salp1b)) {
                    salp1b = st.salp1;
                    calp1b = st.calp1;
                } else if (v < 0 && (numit > MAXIT1 || st.calp1 / st.salp1 < calp1a / salp1a)) {
                    salp1a = st.salp1;
                    calp1a = st.calp1;
                }
                if (numit < MAXIT1 && st.dlam12 > 0) {
                    const double dalp1 = -v / st.dlam12;
                    if (std::fabs(dalp1) < PI) {
                        const SinCos d = sincos(dalp1);
                        const double sdalp1 = d.s;
                        const double cdalp1 = d.c;
                        const double nsalp1 = st.salp1 * cdalp1 + st.calp1 * sdalp1;
                        if (nsalp1 > 0) {
                            st.calp1 = st.calp1 * cdalp1 - st.salp1 * sdalp1;
                            st.salp1 = nsalp1;
                            h = hypot(st.salp1, st.calp1);
                            st.salp1 /= h;
                            st.calp1 /= h;
                            // Slope -> 0 can spoil quadratic convergence: then converge on epsilon.
                            tripn = std::fabs(v) <= 16 * TOL0;
                            continue;
                        }
                    }
                }
                // Bisect: the midpoint of the bracket.
                st.salp1 = (salp1a + salp1b) / 2;
                st.calp1 = (calp1a + calp1b) / 2;
                h = hypot(st.salp1, st.calp1);
                st.salp1 /= h;
                st.calp1 /= h;
                tripn = false;
                tripb = std::fabs(salp1a - st.salp1) + (calp1a - st.calp1) < TOLB ||
                        std::fabs(st.salp1 - salp1b) + (st.calp1 - calp1b) < TOLB;
            }
            lengths(st, st.eps, st.sig12, st.ssig1, st.csig1, st.dn1, st.ssig2, st.csig2, st.dn2, DISTANCE);
            s12x = st.s12b * E.b;
            if (with_area) {
                const SinCos d = sincos(st.domg12);  // omg12 = lam12 - domg12
                somg12 = slam12 * d.c - clam12 * d.s;
                comg12 = clam12 * d.c + slam12 * d.s;
            }
        }
    }
    const double s12 = 0.0 + s12x;  // -0 -> +0
    if (with_area) {
        const double salp0 = st.salp1 * st.cbet1;
        const double calp0 = hypot(st.calp1, st.salp1 * st.sbet1);
        double S12 = 0;
        if (calp0 != 0 && salp0 != 0) {
            // The I4 integral (eqs. 58-59): S12 = A4 (B42 - B41), A4 = a² e² cos alp0 sin alp0.
            double s1 = st.sbet1, c1 = st.calp1 * st.cbet1, s2 = st.sbet2, c2 = st.calp2 * st.cbet2;
            const double k2 = calp0 * calp0 * E.ep2;
            const double e = k2 / (2 * (1 + std::sqrt(1 + k2)) + k2);
            const double A4 = E.a * E.a * calp0 * salp0 * E.e2;
            h = hypot(s1, c1);
            s1 /= h;
            c1 /= h;
            h = hypot(s2, c2);
            s2 /= h;
            c2 /= h;
            C4f(E, e, st.CA);
            S12 = A4 * (sin_cos_series(false, s2, c2, st.CA, ORDER) - sin_cos_series(false, s1, c1, st.CA, ORDER));
        }
        if (!meridian && somg12 == 2) {
            const SinCos o = sincos(omg12);
            somg12 = o.s;
            comg12 = o.c;
        }
        double alp12;
        if (!meridian && comg12 > -0.7071 && st.sbet2 - st.sbet1 < 1.75) {
            // omg12 < 3pi/4 and a moderate latitude difference: tan(alp12/2) from tan(omg12/2)
            // and the half-angle tangents of bet1, bet2, accurate for short edges.
            const double domg = 1 + comg12;
            const double dbet1 = 1 + st.cbet1;
            const double dbet2 = 1 + st.cbet2;
            alp12 =
                2 * atan2(somg12 * (st.sbet1 * dbet2 + st.sbet2 * dbet1), domg * (st.sbet1 * st.sbet2 + dbet1 * dbet2));
        } else {
            // alp12 = alp2 - alp1; the signed-zero fix keeps alp1 = ±180, alp2 = 0 at -180.
            double salp12 = st.salp2 * st.calp1 - st.calp2 * st.salp1;
            double calp12 = st.calp2 * st.calp1 + st.salp2 * st.salp1;
            if (salp12 == 0 && calp12 < 0) {
                salp12 = TINY * st.calp1;
                calp12 = -1;
            }
            alp12 = atan2(salp12, calp12);
        }
        S12 += E.c2 * alp12;  // eq. 58: c² (alp2 - alp1) + the I4 term
        S12 *= swapp * lonsign * latsign;
        extras.S12 = S12 + 0.0;
    }
    // Undo the canonical transformation for the azimuths (swapping the points back first).
    extras.salp1 = (swapp < 0 ? st.salp2 : st.salp1) * (swapp * lonsign);
    extras.calp1 = (swapp < 0 ? st.calp2 : st.calp1) * (swapp * latsign);
    extras.salp2 = (swapp < 0 ? st.salp1 : st.salp2) * (swapp * lonsign);
    extras.calp2 = (swapp < 0 ? st.calp1 : st.calp2) * (swapp * latsign);
    return s12;
}

}  // namespace geodesic

using geodesic::Ellipsoid;
using geodesic::InverseExtras;

void geodesic_inverse(double lon1, double lat1, double lon2, double lat2, double a, double f, double* out) noexcept {
    InverseExtras x;
    out[0] = geodesic::inverse(lon1, lat1, lon2, lat2, geodesic::ellipsoid(a, f), false, x);
    out[1] = fdlibm::atan2d(x.salp1, x.calp1);
    out[2] = fdlibm::atan2d(x.salp2, x.calp2);
}

double geodesic_distance(double lon1, double lat1, double lon2, double lat2, double a, double f) noexcept {
    InverseExtras x;
    return geodesic::inverse(lon1, lat1, lon2, lat2, geodesic::ellipsoid(a, f), false, x);
}

void geodesic_distance_many(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2, double a,
                            double f, double* out, std::size_t n) noexcept {
    const Ellipsoid& E = geodesic::ellipsoid(a, f);  // once per batch
    // A length-1 input is broadcast (step 0), read afresh for every pair as the reference does.
    const std::size_t i1 = n_lon1 == 1 ? 0 : 1;
    const std::size_t j1 = n_lat1 == 1 ? 0 : 1;
    const std::size_t i2 = n_lon2 == 1 ? 0 : 1;
    const std::size_t j2 = n_lat2 == 1 ? 0 : 1;
    InverseExtras x;
    for (std::size_t k = 0; k < n; k++)
        out[k] = geodesic::inverse(lon1[k * i1], lat1[k * j1], lon2[k * i2], lat2[k * j2], E, false, x);
}

void geodesic_distance_matrix(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept {
    const Ellipsoid& E = geodesic::ellipsoid(a, f);
    InverseExtras x;
    for (std::size_t i = 0; i < n_a; i++) {
        const double lon = lons_a[i];
        const double lat = lats_a[i];
        for (std::size_t j = 0; j < n_b; j++)
            out[i * n_b + j] = geodesic::inverse(lon, lat, lons_b[j], lats_b[j], E, false, x);
    }
}

}  // namespace numaccel
