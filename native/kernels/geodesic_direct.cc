// numaccel — the direct geodesic problem, the C++ twin of geodesicDirect in
// src/backends/js/geodesic.ts, operation for operation: GeographicLib's GeodesicLine LineInit and
// GenPosition (arcmode false, no LONG_UNROLL; C. F. F. Karney, "Algorithms for geodesics",
// J. Geodesy 87 (2013) 43-55): sig12 from s12 by the reverted series (eqs. 20-21) plus, for
// |f| > 0.01, one Newton step on eq. 7. Same order and parenthesisation as the reference, on
// fdlibm.h's functions, compiled with -ffp-contract=off and without -ffast-math.
#include <cmath>

#include "fdlibm.h"
#include "geodesic.h"
#include "geodesic_series.h"

namespace numaccel {
namespace {

using fdlibm::ang_normalize;
using fdlibm::ang_round;
using fdlibm::atan2;
using fdlibm::atan2d;
using fdlibm::hypot;
using fdlibm::RADIANS_PER_DEGREE;
using fdlibm::SinCos;
using fdlibm::sincos;
using fdlibm::sincosd;
using geodesic::A1m1f;
using geodesic::A3f;
using geodesic::C1f;
using geodesic::C1pf;
using geodesic::C3f;
using geodesic::Ellipsoid;
using geodesic::NC;
using geodesic::ORDER;
using geodesic::sin_cos_series;

constexpr double TINY = 0x1p-511;  // sqrt(DBL_MIN): underflow guard (geodesic.ts TINY)

}  // namespace

void geodesic_direct(double lon1, double lat1, double azi1, double s12, double a, double f, double* out) noexcept {
    const Ellipsoid& E = geodesic::ellipsoid(a, f);
    double C1A[NC];
    double C1PA[NC];
    double C3A[NC];
    const SinCos alp1 = sincosd(ang_round(ang_normalize(azi1)));  // AngRound guards salp0; -0 -> +0
    const double sa1 = alp1.s;
    const double ca1 = alp1.c;
    const SinCos phi1 = sincosd(ang_round(lat1));
    double sb1 = E.f1 * phi1.s;
    double cb1 = phi1.c;
    const double h = hypot(sb1, cb1);
    sb1 /= h;
    cb1 /= h;
    cb1 = cb1 > TINY ? cb1 : TINY;
    const double salp0 = sa1 * cb1;  // alp0 in [0, pi/2 - |bet1|]
    const double calp0 = hypot(ca1, sa1 * sb1);
    // sig1 from tan bet1 = tan sig1 cos alp1, omg1 from tan omg1 = sin alp0 tan sig1 (eqs. 11-12).
    double ss1 = sb1;
    const double somg1 = salp0 * sb1;
    double cs1 = sb1 != 0 || ca1 != 0 ? cb1 * ca1 : 1;
    const double comg1 = cs1;
    const double hs = hypot(ss1, cs1);
    ss1 /= hs;
    cs1 /= hs;
    const double k2 = calp0 * calp0 * E.ep2;
    const double e = k2 / (2 * (1 + std::sqrt(1 + k2)) + k2);
    const double A1m1 = A1m1f(e);
    C1f(e, C1A);
    const double B11 = sin_cos_series(true, ss1, cs1, C1A, ORDER);
    const SinCos b11 = sincos(B11);
    const double stau1 = ss1 * b11.c + cs1 * b11.s;  // tau1 = sig1 + B11
    const double ctau1 = cs1 * b11.c - ss1 * b11.s;
    C1pf(e, C1PA);
    C3f(E, e, C3A);
    const double A3c = -E.f * salp0 * A3f(E, e);
    const double B31 = sin_cos_series(true, ss1, cs1, C3A, ORDER - 1);
    // sig12 from tau12 = s12 / (b A1), by the reverted series.
    const double tau12 = s12 / (E.b * (1 + A1m1));
    const SinCos tau = sincos(tau12);
    const double s = tau.s;
    const double c = tau.c;
    const double B12 = -sin_cos_series(true, stau1 * c + ctau1 * s, ctau1 * c - stau1 * s, C1PA, ORDER);
    double sig = tau12 - (B12 - B11);
    SinCos sig12 = sincos(sig);
    double ssig12 = sig12.s;
    double csig12 = sig12.c;
    if (std::fabs(E.f) > 0.01) {
        // The reverted series loses accuracy beyond |f| = 0.01: one Newton step on s(sig12).
        const double ss2 = ss1 * csig12 + cs1 * ssig12;
        const double cs2 = cs1 * csig12 - ss1 * ssig12;
        const double B12n = sin_cos_series(true, ss2, cs2, C1A, ORDER);
        const double serr = (1 + A1m1) * (sig + (B12n - B11)) - s12 / E.b;
        sig = sig - serr / std::sqrt(1 + k2 * (ss2 * ss2));
        sig12 = sincos(sig);
        ssig12 = sig12.s;
        csig12 = sig12.c;
    }
    const double ss2 = ss1 * csig12 + cs1 * ssig12;  // sig2 = sig1 + sig12
    double cs2 = cs1 * csig12 - ss1 * ssig12;
    const double sbet = calp0 * ss2;  // sin bet2 = cos alp0 sin sig2
    double cbet = hypot(salp0, calp0 * cs2);
    if (cbet == 0) cbet = cs2 = TINY;  // salp0 = 0 and csig2 = 0: break the degeneracy
    // tan omg2 = sin alp0 tan sig2; omg12 = omg2 - omg1 reduced by atan2 (no unrolling).
    const double somg2 = salp0 * ss2;
    const double comg2 = cs2;
    const double omg12 = atan2(somg2 * comg1 - comg2 * somg1, comg2 * comg1 + somg2 * somg1);
    const double lam12 = omg12 + A3c * (sig + (sin_cos_series(true, ss2, cs2, C3A, ORDER - 1) - B31));
    const double lon12 = lam12 / RADIANS_PER_DEGREE;
    out[0] = ang_normalize(ang_normalize(lon1) + ang_normalize(lon12));
    out[1] = atan2d(sbet, E.f1 * cbet);
    out[2] = atan2d(salp0, calp0 * cs2);  // tan alp0 = cos sig2 tan alp2
}

}  // namespace numaccel
