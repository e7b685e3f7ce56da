// A small driver over the plain C++ kernels, built with AddressSanitizer and UndefinedBehavior-
// Sanitizer by .ci/run (native/test/run-sanitizers.sh): every kernel on edge inputs and random
// ones, every SIMD variant this CPU runs, odd lengths and broadcast, checked against each other.
// Any out-of-bounds access, overflow or other undefined behaviour aborts with a report.
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <thread>
#include <stdexcept>
#include <cstring>
#include <vector>

#include "../kernels/geo.h"
#include "../kernels/geodesic.h"
#include "../kernels/prime.h"
#include "../kernels/primecount.h"
#include "../kernels/sieve.h"

namespace {

int failures = 0;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "FAILED: %s\n", what);
        ++failures;
    }
}

void primes() {
    const std::uint64_t edges[] = {
        0, 1, 2, 3, 4, 97, 10201, 4759123141ULL, 341550071728321ULL, (1ULL << 53) - 1, 18446744073709551557ULL, ~0ULL};
    for (std::uint64_t n : edges) (void)numaccel::check_prime(n);
    check(numaccel::check_prime(18446744073709551557ULL), "largest 64-bit prime");
    check(!numaccel::check_prime(341550071728321ULL), "strong pseudoprime to bases 2..19");

    std::mt19937_64 random(1);
    std::vector<double> values(1001);
    std::vector<std::uint64_t> wide(1001);
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = static_cast<double>(random() >> 11) * (i % 2 ? 1 : -1);
        wide[i] = random();
    }
    std::vector<std::uint8_t> out(values.size());
    numaccel::check_primes_f64(values.data(), values.size(), out.data());
    numaccel::check_primes_u64(wide.data(), wide.size(), out.data());
    numaccel::check_primes_u64(wide.data(), 0, out.data());
}

void sieve() {
    check(numaccel::count_primes(0, 1000000) == 78498, "pi(10^6)");
    check(numaccel::count_primes(4294967296ULL, 4294977296ULL) == 476, "primes above 2^32");
    check(numaccel::count_primes((1ULL << 53) - 10000, 1ULL << 53) == 279, "primes below 2^53");
    for (std::uint64_t lo = 0; lo < 64; ++lo) {
        for (std::uint64_t hi = lo; hi < 64; ++hi) {
            std::vector<double> out(hi - lo + 2);
            const std::size_t count = numaccel::primes_between(lo, hi, out.data(), out.size());
            check(count == numaccel::count_primes(lo, hi), "small windows: list and count agree");
        }
    }
    std::vector<double> out(70000);
    const std::size_t count = numaccel::primes_between((1ULL << 53) - 2000000, 1ULL << 53, out.data(), out.size());
    check(count == numaccel::count_primes((1ULL << 53) - 2000000, 1ULL << 53), "near 2^53: list and count agree");
    std::vector<double> tight(3);
    (void)numaccel::primes_between(0, 100, tight.data(), tight.size());  // must stop at the capacity, not overrun
}

// Asks to stop once it has been polled `polls` times.
class StopAfter final : public numaccel::StopToken {
  public:
    explicit StopAfter(int polls) noexcept : left_(polls) {}
    bool stop_requested() const noexcept override { return left_.fetch_sub(1) <= 0; }

  private:
    mutable std::atomic<int> left_;
};

// The piecewise sieve of the async kernels. Runs before sieve(), while the base-prime cache is
// still empty, so that a stopped growth is exercised too.
void cursor() {
    const std::uint64_t lo = (1ULL << 40) + 7, hi = lo + 3 * numaccel::kSieveSegmentIntegers + 1000;
    StopAfter stop_growth(0);
    check(numaccel::sieve_base_primes(hi, &stop_growth) == nullptr, "a stop request ends the base-prime growth");
    const auto base = numaccel::sieve_base_primes(hi, nullptr);
    check(base != nullptr, "base primes without a stop token");
    // Pieces end at segment boundaries counted from 30 * floor(lo / 30), or at hi.
    const std::uint64_t boundary = lo / 30 * 30 + numaccel::kSieveSegmentIntegers;
    const std::uint64_t expected = numaccel::count_primes(lo, hi);

    numaccel::SieveCursor counter(lo, hi, base, nullptr);
    std::uint64_t count = 0;
    const bool counted = counter.count_to(boundary, count) &&
                         counter.count_to(boundary + numaccel::kSieveSegmentIntegers, count) &&
                         counter.count_to(hi, count);
    check(counted && count == expected, "cursor: counted piece by piece");

    numaccel::SieveCursor lister(lo, hi, base, nullptr);
    std::vector<double> listed;
    check(lister.list_to(boundary, listed) && lister.list_to(hi, listed) && listed.size() == expected,
          "cursor: listed piece by piece");

    numaccel::SieveCursor writer(lo, hi, base, nullptr);
    std::vector<double> out(expected);
    std::size_t written = 0, rest = 0;
    const bool wrote = writer.list_to(boundary, out.data(), out.size(), written) &&
                       writer.list_to(hi, out.data() + written, out.size() - written, rest);
    check(wrote && written + rest == expected && out == listed, "cursor: written piece by piece");

    numaccel::SieveCursor capped(lo, hi, base, nullptr);
    std::vector<double> tight(10);
    check(capped.list_to(boundary, tight.data(), tight.size(), written) && written == numaccel::kPrimesOverflow,
          "cursor: stops at the capacity");

    numaccel::SieveCursor tiny(0, 7, numaccel::sieve_base_primes(7, nullptr), nullptr);
    count = 0;
    check(tiny.count_to(7, count) && count == 3, "cursor: 2, 3 and 5 only");

    numaccel::SieveCursor misplaced(lo, hi, base, nullptr);
    bool threw = false;
    try {
        (void)misplaced.count_to(boundary + 30, count);
    } catch (const std::invalid_argument&) {
        threw = true;
    }
    check(threw, "cursor: a piece must end at a segment boundary");

    StopAfter stop_sieve(0);
    numaccel::SieveCursor stopped(lo, hi, base, &stop_sieve);
    check(!stopped.count_to(hi, count), "cursor: a stop request ends the run");
}

void geo() {
    std::mt19937_64 random(2);
    std::uniform_real_distribution<double> lon(-1e6, 1e6), lat(-90, 90);
    for (std::size_t n : {0, 1, 2, 3, 5, 7, 8, 9, 31, 1000}) {
        std::vector<double> a(n), b(n), c(n), d(n), expected(n), got(n);
        for (std::size_t i = 0; i < n; ++i) {
            a[i] = lon(random);
            b[i] = lat(random);
            c[i] = i % 3 ? lon(random) : a[i];
            d[i] = i % 5 ? lat(random) : -b[i];
        }
        for (std::size_t i = 0; i < n; ++i) expected[i] = numaccel::great_circle(a[i], b[i], c[i], d[i], 1);
        std::size_t variants = 0;
        const numaccel::GeoVariant* all = numaccel::geo_variants(&variants);
        for (std::size_t v = 0; v < variants; ++v) {
            all[v].many(a.data(), n, b.data(), n, c.data(), n, d.data(), n, 1, got.data(), n);
            for (std::size_t i = 0; i < n; ++i) {
                // Variants with fused multiply-adds agree to a few ulps; the others bit for bit.
                const double tolerance = all[v].fused_multiply_add ? 1e-14 * std::fabs(expected[i]) : 0.0;
                check(std::fabs(got[i] - expected[i]) <= tolerance, "every SIMD variant equals the scalar kernel");
            }
            if (n > 0) all[v].many(a.data(), 1, b.data(), 1, c.data(), n, d.data(), n, 1, got.data(), n);  // broadcast
            std::vector<double> matrix(n * 3);
            if (n > 0) all[v].matrix(a.data(), b.data(), n, c.data(), d.data(), 3 < n ? 3 : n, 1, matrix.data());
        }
        // The fast check reads exactly [0, n) of each array: a bad value in the last element is
        // found, and (with n - 1) one just past the end is not.
        check(numaccel::coordinates_in_domain(a.data(), n, b.data(), n, c.data(), n, d.data(), n),
              "valid coordinates pass");
        if (n > 0) {
            b[n - 1] = 90.5;
            check(!numaccel::coordinates_in_domain(a.data(), n, b.data(), n, c.data(), n, d.data(), n),
                  "a latitude past 90 fails");
            check(numaccel::coordinates_in_domain(a.data(), n, b.data(), n - 1, c.data(), n, d.data(), n),
                  "only [0, n) is read");
        }
    }
}

// The geodesics (kernels/geodesic.h): a known line, extreme and garbage inputs (which must stay
// memory-safe and terminate), the batch forms against the scalar kernel bit for bit, polygons of
// every small size, and two threads with different ellipsoids at once (per-thread caches).
void geodesics() {
    constexpr double a = 6378137, f = 1 / 298.257223563;
    double out[3];
    numaccel::geodesic_inverse(-73.8, 40.6, -0.5, 51.6, a, f, out);  // JFK to LHR (GeographicLib's example)
    check(std::fabs(out[0] - 5551759.400319) < 1e-5 && std::fabs(out[1] - 51.198883) < 1e-6, "JFK to LHR");
    check(numaccel::geodesic_distance(-73.8, 40.6, -0.5, 51.6, a, f) == out[0], "distance is inverse's s12");
    numaccel::geodesic_direct(-73.8, 40.6, out[1], out[0], a, f, out);
    check(std::fabs(out[0] + 0.5) < 1e-9 && std::fabs(out[1] - 51.6) < 1e-9, "direct returns to LHR");
    const double nan = std::nan(""), inf = HUGE_VAL;
    for (const double s12 : {0.0, -0.0, 1e-300, 2e7, -4e7, 1e15, 1e300, -1e300, nan, inf}) {
        for (const double ff : {f, 0.0, -1 / 50.0, 1 / 50.0, nan})
            numaccel::geodesic_direct(1e6, 45.5, 1e6, s12, a, ff, out);
    }
    for (const double v : {0.0, 90.0, -90.0, 180.0, 1e300, nan, inf}) {
        (void)numaccel::geodesic_distance(v, v, -v, -v, a, f);
        numaccel::geodesic_inverse(0, v, 180, -v, a, -f, out);
        (void)numaccel::geodesic_distance(0, 1, v, 1, v, v);
    }
    std::mt19937_64 random(4);
    std::uniform_real_distribution<double> lon(-540, 540), lat(-90, 90);
    for (std::size_t n : {0, 1, 2, 3, 5, 31, 1100}) {
        std::vector<double> x(n), y(n), u(n), w(n), got(n), matrix(n * 3);
        for (std::size_t i = 0; i < n; ++i) {
            x[i] = lon(random);
            y[i] = lat(random);
            u[i] = i % 3 ? lon(random) : x[i] + 180;
            w[i] = i % 4 ? lat(random) : -y[i];
        }
        std::size_t num_variants = 0;
        const numaccel::GeoVariant* variants = numaccel::geo_variants(&num_variants);
        for (std::size_t v = 0; v < num_variants; ++v) {  // the SIMD batches (geodesic_impl.h) too
            const numaccel::GeoVariant& var = variants[v];
            var.geodesic_many(x.data(), n, y.data(), n, u.data(), n, w.data(), n, a, f, got.data(), n);
            for (std::size_t i = 0; i < n; ++i) {
                const double d = numaccel::geodesic_distance(x[i], y[i], u[i], w[i], a, f);
                check(std::memcmp(&got[i], &d, sizeof d) == 0, "many is the scalar distance");
            }
            if (n > 0) {
                var.geodesic_many(x.data(), 1, y.data(), 1, u.data(), n, w.data(), n, a, f, got.data(), n);
                check(got[n - 1] == numaccel::geodesic_distance(x[0], y[0], u[n - 1], w[n - 1], a, f), "broadcast");
                const std::size_t m = n < 3 ? n : 3;
                var.geodesic_matrix(x.data(), y.data(), n, u.data(), w.data(), m, a, f, matrix.data());
                check(matrix[n * m - 1] == numaccel::geodesic_distance(x[n - 1], y[n - 1], u[m - 1], w[m - 1], a, f),
                      "matrix is the scalar distance");
            }
        }
        double area[2] = {-1, -1};
        numaccel::geodesic_area(x.data(), y.data(), n, a, f, area);
        check(n >= 2 || (area[0] == 0 && area[1] == 0), "fewer than 2 vertices: 0 and 0");
    }
    const double lons[] = {0, 1, 1, 0}, lats[] = {0, 0, 1, 1};
    double square[2];
    numaccel::geodesic_area(lons, lats, 4, a, f, square);
    check(square[0] > 1.2e10 && square[0] < 1.3e10, "a 1 degree square, counter-clockwise");
    // Per-thread ellipsoid caches: two threads alternating ellipsoids get the single-thread bits.
    const double expected[2] = {numaccel::geodesic_distance(10, 20, 150, -30, a, f),
                                numaccel::geodesic_distance(10, 20, 150, -30, a, -f)};
    std::atomic<int> wrong{0};
    auto alternate = [&](int start) {
        for (int i = 0; i < 2000; ++i) {
            const int k = (i + start) & 1;
            if (numaccel::geodesic_distance(10, 20, 150, -30, a, k ? -f : f) != expected[k]) ++wrong;
        }
    };
    std::thread other(alternate, 1);
    alternate(0);
    other.join();
    check(wrong == 0, "concurrent calls with different ellipsoids");
}

void primecount() {
    // The combinatorial code on every x of a small range and on random ones with random y (the
    // segments, counters and leaf classes change shape with both), against the sieve.
    std::mt19937_64 random(3);
    for (std::uint64_t x = 400; x < 1400; ++x) {
        check(numaccel::prime_pi_combinatorial(x, 0) == numaccel::count_primes(0, x + 1), "pi(x), small x");
    }
    for (int i = 0; i < 30; ++i) {
        const std::uint64_t x = 400 + random() % 20000000;
        const double alpha = 1 + static_cast<double>(random() % 4000) / 100.0;
        check(numaccel::prime_pi_combinatorial(x, alpha) == numaccel::count_primes(0, x + 1),
              "pi(x), random x and alpha");
    }
    check(numaccel::prime_pi(1000000000000ULL) == 37607912018ULL, "pi(10^12)");
    // The parts threads compute (src/prime-pi-parts.ts adds them up; the tests check the sums):
    // one part of each kind is the whole sum, and random parts, empty and clamped ones included,
    // run on two threads at once, each with its own cached tables.
    for (const std::uint64_t x : {400ULL, 123456789ULL, 10000000000ULL}) {
        const std::uint64_t segments = numaccel::prime_pi_segments(x);
        const numaccel::PrimePiSieveSums whole = numaccel::prime_pi_sieve(x, 0, segments);
        check(whole.absolute || segments == 1, "the whole sieve counts pi from 0");
        const std::int64_t pi = numaccel::prime_pi_leaves(x, 0, 1) + whole.hard + whole.sparse - whole.p2;
        check(pi == static_cast<std::int64_t>(numaccel::prime_pi(x)), "pi(x) in one part of each kind");
    }
    auto random_parts = [](std::uint64_t seed) {
        std::mt19937_64 r(seed);
        for (int i = 0; i < 12; ++i) {
            const std::uint64_t x = 400 + r() % 10000000000ULL;
            const std::uint64_t from = r() % 50, to = from + r() % 50;
            const numaccel::PrimePiSieveSums part = numaccel::prime_pi_sieve(x, from, to);
            (void)part;
            const std::uint64_t count = 1 + r() % 7;
            (void)numaccel::prime_pi_leaves(x, r() % count, count);
        }
    };
    std::thread other(random_parts, 5);
    random_parts(6);
    other.join();
    check(numaccel::nth_prime(1) == 2 && numaccel::nth_prime(1000000000) == 22801763489ULL, "nth_prime");
    check(numaccel::nth_prime(0) == 0, "nth_prime(0) has no answer");
    check(numaccel::next_prime(1693182318746371ULL) == 1693182318747503ULL, "next_prime across a gap of 1132");
    check(numaccel::prev_prime(1693182318747503ULL) == 1693182318746371ULL, "prev_prime across a gap of 1132");
    check(numaccel::next_prime(18446744073709551556ULL) == 18446744073709551557ULL, "next_prime below 2^64");
    check(numaccel::next_prime(18446744073709551557ULL) == 0 && numaccel::next_prime(~0ULL) == 0,
          "next_prime past 2^64");
    check(numaccel::prev_prime(~0ULL) == 18446744073709551557ULL, "prev_prime(2^64 - 1)");
    check(numaccel::prev_prime(2) == 0 && numaccel::prev_prime(3) == 2, "prev_prime at the bottom");
}

}  // namespace

int main() {
    primes();
    cursor();
    sieve();
    geo();
    geodesics();
    primecount();
    if (failures) return 1;
    std::puts("sanitized kernels: all checks passed");
    return 0;
}
