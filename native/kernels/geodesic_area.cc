// numaccel — the area and perimeter of a geodesic polygon, the C++ twin of
// src/backends/js/geodesic-area.ts: GeographicLib's PolygonArea (AddPoint for each vertex, then
// Compute(reverse = false, sign = true)): the edges' S12 (C. F. F. Karney, "Algorithms for
// geodesics", J. Geodesy 87 (2013) 43-55, eqs. 58-60, from the same inverse() as the distances)
// summed in GeographicLib's Accumulator (double-double), the crossings of the prime meridian
// counted by transit(), and the total reduced mod the ellipsoid's area 4 pi c² (AreaReduce). The
// same order of additions as the reference.
#include <cstddef>

#include "fdlibm.h"
#include "geodesic.h"
#include "geodesic_series.h"

namespace numaccel {
namespace {

using fdlibm::two_sum;

/** An Accumulator: the sum held as acc[0] + acc[1] (geodesic-area.ts accAdd). */
void acc_add(double* acc, double y) noexcept {
    double u;
    const double z = two_sum(y, acc[1], u);  // accumulate from the least significant end
    acc[0] = two_sum(z, acc[0], acc[1]);
    if (acc[0] == 0)
        acc[0] = u;  // then acc[1] is 0 too
    else
        acc[1] = acc[1] + u;
}

/**
 * +1 or -1 if the edge lon1 -> lon2 crosses the prime meridian eastwards or westwards (longitude
 * ±0 counts as positive), otherwise 0 (PolygonArea::transit).
 */
int transit(double lon1, double lon2) noexcept {
    double e;
    const double lon12 = fdlibm::ang_diff(lon1, lon2, e);
    const double l1 = fdlibm::ang_normalize(lon1);
    const double l2 = fdlibm::ang_normalize(lon2);
    if (lon12 > 0 && ((l1 < 0 && l2 >= 0) || (l1 > 0 && l2 == 0))) return 1;
    return lon12 < 0 && l1 >= 0 && l2 < 0 ? -1 : 0;
}

}  // namespace

void geodesic_area(const double* lons, const double* lats, std::size_t n, double a, double f, double* out) noexcept {
    if (n < 2) {
        out[0] = 0;
        out[1] = 0;
        return;
    }
    const geodesic::Ellipsoid& E = geodesic::ellipsoid(a, f);
    const double area0 = 4 * fdlibm::PI * E.c2;
    double area[2] = {0, 0};
    double perimeter[2] = {0, 0};
    geodesic::InverseExtras x;
    int crossings = 0;
    for (std::size_t i = 1; i < n; i++) {
        // Edges (i-1) -> i as AddPoint adds them; the closing edge last, as Compute does.
        acc_add(perimeter, geodesic::inverse(lons[i - 1], lats[i - 1], lons[i], lats[i], E, true, x));
        acc_add(area, x.S12);
        crossings += transit(lons[i - 1], lons[i]);
    }
    acc_add(perimeter, geodesic::inverse(lons[n - 1], lats[n - 1], lons[0], lats[0], E, true, x));
    acc_add(area, x.S12);
    crossings += transit(lons[n - 1], lons[0]);
    // AreaReduce(reverse = false, sign = true): reduce mod area0 (then renormalise), add half the
    // ellipsoid for an odd number of crossings, flip to counter-clockwise positive, and centre.
    area[0] = fdlibm::remainder(area[0], area0);
    acc_add(area, 0);
    if ((crossings & 1) != 0) acc_add(area, ((area[0] < 0 ? 1 : -1) * area0) / 2);
    area[0] = area[0] * -1;
    area[1] = area[1] * -1;
    if (area[0] > area0 / 2)
        acc_add(area, -area0);
    else if (area[0] <= -area0 / 2)
        acc_add(area, area0);
    out[0] = 0.0 + area[0];
    out[1] = perimeter[0];
}

}  // namespace numaccel
