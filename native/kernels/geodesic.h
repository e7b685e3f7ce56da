// numaccel — geodesics on an ellipsoid of revolution (plain C++17, no Node-API): the C++ twin of
// src/backends/js/geodesic.ts and geodesic-area.ts, C. F. F. Karney, "Algorithms for geodesics",
// J. Geodesy 87 (2013) 43-55, as GeographicLib 2.x implements it, series at order 6. The results
// are the TypeScript reference's bits (docs/algorithms.md, "Geodesics").
//
// Preconditions (the facade validates; the Node-API glue checks only memory safety): longitudes,
// azimuths and distances finite, latitudes in [-90, 90], a positive and finite, |f| <= 1/50.
// Other values compute garbage but stay memory-safe and terminate. Every function may be called
// from any number of threads at once.
#ifndef NUMACCEL_KERNELS_GEODESIC_H
#define NUMACCEL_KERNELS_GEODESIC_H

#include <cstddef>

namespace numaccel {

// The contract's kernels (src/contract.ts, Kernels), degrees and a's unit.

// out[0] = s12, out[1] = azi1, out[2] = azi2.
void geodesic_inverse(double lon1, double lat1, double lon2, double lat2, double a, double f, double* out) noexcept;
// geodesic_inverse's out[0], bit for bit.
double geodesic_distance(double lon1, double lat1, double lon2, double lat2, double a, double f) noexcept;
// out[0] = lon2 in [-180, 180], out[1] = lat2, out[2] = azi2.
void geodesic_direct(double lon1, double lat1, double azi1, double s12, double a, double f, double* out) noexcept;
// out[k] = geodesic_distance of pair k for k < n; each input has length n or 1 (broadcast).
void geodesic_distance_many(const double* lon1, std::size_t n_lon1, const double* lat1, std::size_t n_lat1,
                            const double* lon2, std::size_t n_lon2, const double* lat2, std::size_t n_lat2, double a,
                            double f, double* out, std::size_t n) noexcept;
// out[i * n_b + j] = geodesic_distance(lons_a[i], lats_a[i], lons_b[j], lats_b[j]), row-major.
void geodesic_distance_matrix(const double* lons_a, const double* lats_a, std::size_t n_a, const double* lons_b,
                              const double* lats_b, std::size_t n_b, double a, double f, double* out) noexcept;
// The closed polygon (lons[i], lats[i]), i < n: out[0] = area (counter-clockwise positive),
// out[1] = perimeter; 0 and 0 for n < 2.
void geodesic_area(const double* lons, const double* lats, std::size_t n, double a, double f, double* out) noexcept;

namespace geodesic {

struct Ellipsoid;  // geodesic_series.h

// What inverse() gives besides s12 (geodesic.ts INVERSE_AZIMUTHS and areaOfLast()).
struct InverseExtras {
    double salp1, calp1, salp2, calp2;  // the azimuths' sines and cosines
    double S12;                         // the area term, with with_area only
};

// GenInverse with outmask DISTANCE | AZIMUTH (| AREA when with_area): returns s12 (geodesic.ts
// inverse), the shared core of the distances, geodesic_inverse and geodesic_area.
double inverse(double lon1, double lat1, double lon2, double lat2, const Ellipsoid& E, bool with_area,
               InverseExtras& extras) noexcept;

// The state at which GenInverse starts Newton's iteration on alp1 (the canonical pair's reduced
// latitudes, InverseStart's first guess and the longitude difference): what the SIMD batch
// kernels (geodesic_impl.h) take over.
struct NewtonStart {
    double sbet1, cbet1, dn1, sbet2, cbet2, dn2;
    double salp1, calp1, slam12, clam12;
};

// Whether inverse() solves this pair by Newton's iteration (not on a meridian, the equator or a
// short line); then ns is its starting state, which reaches the same bits as inverse() if each
// step repeats Lambda12 and the Newton update of inverse() exactly.
bool newton_start(double lon1, double lat1, double lon2, double lat2, const Ellipsoid& E, NewtonStart& ns) noexcept;

}  // namespace geodesic
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_GEODESIC_H
