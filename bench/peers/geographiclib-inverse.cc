// GeographicLib's C++ Inverse as a peer of numaccel's geodesics (src/bench/geodesic-peers.ts):
// `geographiclib-inverse CALLS [--time]` solves the inverse problem on WGS84, distance only,
// CALLS times in a plain loop, cycling through the benchmark's 2^20 random point pairs. The pairs
// are src/bench/inputs.ts randomPairs: mulberry32 seeded with 3956, four draws a pair (lon1, lat1,
// lon2, lat2), the same doubles bit for bit. Prints the sum of the distances (the checksum the
// bench test compares with geographiclib-geodesic's) and, with --time, the seconds the loop took
// ("Seconds: 1.234", as primesieve and primecount print them); generating the pairs is not timed.
//
// Built by the bench on demand: g++ -O2 geographiclib-inverse.cc -lGeographicLib (Debian:
// libgeographiclib-dev).
#include <GeographicLib/Geodesic.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

constexpr std::size_t kPointCount = std::size_t{1} << 20;

// mulberry32, as inputs.ts seededRandom: the same 32-bit arithmetic, the same doubles.
struct Mulberry32 {
    std::uint32_t state;
    double operator()() {
        state += 0x6d2b79f5u;
        std::uint32_t t = state;
        t = (t ^ (t >> 15)) * (t | 1u);
        t ^= t + (t ^ (t >> 7)) * (t | 61u);
        return static_cast<double>(t ^ (t >> 14)) / 4294967296.0;
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CALLS [--time]\n", argv[0]);
        return 2;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        std::printf("geographiclib-inverse (GeographicLib %s)\n", GEOGRAPHICLIB_VERSION_STRING);
        return 0;
    }
    const long calls = std::strtol(argv[1], nullptr, 10);
    const bool time = argc > 2 && std::strcmp(argv[2], "--time") == 0;
    if (calls <= 0) {
        std::fprintf(stderr, "CALLS must be a positive integer, got %s\n", argv[1]);
        return 2;
    }

    std::vector<double> lon1(kPointCount), lat1(kPointCount), lon2(kPointCount), lat2(kPointCount);
    Mulberry32 random{3956};
    for (std::size_t i = 0; i < kPointCount; i++) {
        lon1[i] = random() * 360 - 180;
        lat1[i] = random() * 180 - 90;
        lon2[i] = random() * 360 - 180;
        lat2[i] = random() * 180 - 90;
    }

    const GeographicLib::Geodesic& geodesic = GeographicLib::Geodesic::WGS84();
    const std::size_t mask = kPointCount - 1;
    const auto started = std::chrono::steady_clock::now();
    double total = 0;
    for (long i = 0; i < calls; i++) {
        const std::size_t j = static_cast<std::size_t>(i) & mask;
        double s12;
        geodesic.Inverse(lat1[j], lon1[j], lat2[j], lon2[j], s12);
        total += s12;
    }
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
    std::printf("Sum: %.17g\n", total);
    if (time) std::printf("Seconds: %.6f\n", seconds.count());
    return 0;
}
