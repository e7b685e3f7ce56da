// numaccel — Vincenty's atan2 formula for the central angle on a sphere, evaluated without
// cancellation, step for step as in docs/algorithms.md.
//
// Angle reductions are done exactly in degrees before converting to radians, after
// GeographicLib (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013), 43–55;
// Math::sincosd, Math::AngDiff, Math::sum).
//
// Floating-point requirements: this file must be compiled WITHOUT -ffast-math (which would
// let the compiler simplify away the TwoSum error term and reassociate the exact reductions)
// and with -ffp-contract=off (so that a*b+c is never fused into an FMA, which would make the
// result depend on the target ISA and differ from the TS/WASM backends).
#include "geo.h"

#include <cmath>

#if defined(__FAST_MATH__)
#error "native/kernels/geo.cc must not be compiled with -ffast-math (breaks TwoSum / exact reductions)"
#endif

namespace numaccel {
namespace {

constexpr double kDegree = 0.017453292519943295;  // pi / 180, correctly rounded

// x reduced to [-180, 180]. fmod is exact; the +-360 corrections are exact by Sterbenz's lemma.
inline double remainder360(double x) noexcept {
    double r = std::fmod(x, 360.0);
    if (r > 180.0) {
        r -= 360.0;
    } else if (r < -180.0) {
        r += 360.0;
    }
    return r;
}

struct SinCos {
    double s;
    double c;
};

// sin and cos of x degrees, |x| <= 270 (GeographicLib Math::sincosd). Reducing to a quarter turn
// in degrees first is exact, so sincosd(90) = (1, 0) and sincosd(180) = (0, -1) exactly.
inline SinCos sincosd(double x) noexcept {
    const double q = std::floor(x / 90.0 + 0.5);
    const double r = x - q * 90.0;  // exact: |r| <= 45 and q*90 is exact
    const double rad = r * kDegree;
    const double s = std::sin(rad);
    const double c = std::cos(rad);
    // q is within [-3, 3]; two's complement makes q = -1 select case 3, etc.
    switch (static_cast<unsigned>(static_cast<int>(q)) & 3u) {
        case 0u: return SinCos{s, c};
        case 1u: return SinCos{c, -s};
        case 2u: return SinCos{-s, -c};
        default: return SinCos{-c, s};
    }
}

// lon2 - lon1 reduced modulo 360 with no rounding error lost (GeographicLib Math::AngDiff):
// each longitude is reduced exactly, then Knuth's TwoSum gives t + e == a + b exactly.
inline double angDiff(double lon1, double lon2) noexcept {
    const double a = remainder360(-lon1);
    const double b = remainder360(lon2);
    const double t = a + b;
    const double bb = t - a;
    const double e = (a - (t - bb)) + (b - bb);
    const double d = remainder360(t);
    return d + e;
}

}  // namespace

double great_circle(double lon1, double lat1, double lon2, double lat2, double radius) noexcept {
    const double dlon = angDiff(lon1, lon2);  // degrees, about [-180, 180]
    const SinCos p1 = sincosd(lat1);
    const SinCos p2 = sincosd(lat2);
    const SinCos dp = sincosd(lat2 - lat1);  // latitude difference taken in degrees
    const SinCos hl = sincosd(dlon * 0.5);
    const double h = 2.0 * hl.s * hl.s;                // 1 - cos(dlon), no cancellation
    const double x = p2.c * (2.0 * hl.s * hl.c);       // cos(lat2) sin(dlon)
    const double y = dp.s + p1.s * p2.c * h;           // cos(lat1) sin(lat2) - sin(lat1) cos(lat2) cos(dlon)
    const double z = dp.c - p1.c * p2.c * h;           // sin(lat1) sin(lat2) + cos(lat1) cos(lat2) cos(dlon)
    const double sigma = std::atan2(std::sqrt(x * x + y * y), z);
    return sigma * radius;
}

}  // namespace numaccel
