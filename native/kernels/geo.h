// numaccel — great-circle distance on a sphere (plain C++17, no Node-API).
// Algorithm contract: docs/algorithms.md, "greatCircle". The TypeScript and WASM backends
// implement the same steps; results agree to a few ULPs of the platform's sin/cos/atan2.
#ifndef NUMACCEL_KERNELS_GEO_H
#define NUMACCEL_KERNELS_GEO_H

namespace numaccel {

// Central angle between (lon1, lat1) and (lon2, lat2), in degrees, times radius.
// Preconditions (checked by the callers): all inputs finite, |lat| <= 90, radius > 0.
double great_circle(double lon1, double lat1, double lon2, double lat2, double radius) noexcept;

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_GEO_H
