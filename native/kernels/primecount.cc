// numaccel — prime counting by the combinatorial method of Meissel, Lehmer, Lagarias, Miller and
// Odlyzko in the form of Deléglise and Rivat, step for step as in docs/algorithms.md
// ("primePi(x), nthPrime(n), nextPrime(n), prevPrime(n)"):
//
//   J. C. Lagarias, V. S. Miller, A. M. Odlyzko, "Computing π(x): the Meissel–Lehmer method",
//   Math. Comp. 44 (1985), 537–560 (LMO: the special-leaf formulation and the segmented sieve);
//   M. Deléglise, J. Rivat, "Computing π(x): the Meissel, Lehmer, Lagarias, Miller, Odlyzko
//   method", Math. Comp. 65 (1996), 235–245 (DR: y = α·x^(1/3), the split of the special leaves
//   into trivial, easy and hard ones, and the easy ones from π lookups instead of the sieve).
//
// With y in [x^(1/3), √x], a = π(y), c = 7 (p_c = 17):
//   π(x) = φ(x, a) + a − 1 − P2(x, a),            P2 = Σ_{a<b≤π(√x)} (π(x/p_b) − b + 1),
//   φ(x, a) = S1 + S2,  S1 = Σ_{n≤y, n squarefree, lpf(n)>p_c} μ(n)·φ(x/n, c)  (ordinary leaves),
//   S2 = Σ_{c<b<a} Σ_{m≤y<m·p_b, m squarefree, lpf(m)>p_b} −μ(m)·φ(x/(p_b·m), b−1)  (special leaves).
// φ(u, c) comes from a table of one period 2·3·5·…·17 = 510,510. A special leaf u = x/(p_b·m) is
//   trivial when u < p_b (φ = 1), easy when u < p_b² (φ = π(u) − b + 2: m is then a prime q),
//   hard otherwise: φ(u, b−1) from a segmented sieve of [0, x/y) that crosses off p_1 … p_{b−1}
//   and keeps a counter per block of the sieve, the sieve of LMO §5 / DR §4.
// The same segmented sieve, carried on to every prime ≤ √(x/y), gives π(u) for the easy leaves
// with u > y and for P2 (whose arguments lie in [√x, x/y)); a compact π table up to y serves the
// other easy leaves, several consecutive ones at a time where they share π(u) (DR's clustered
// leaves). Every quantity is an exact integer: 64-bit unsigned arithmetic, no floating point.
//
// Notation and data layout: a mod-30 wheel bitmap, byte j for the integers 30j … 30j+29, bit k
// for 30j + kWheel[k]; a 64-bit word covers 240 integers. The sieve keeps, for each sieving
// prime p, the byte offset of its next multiple p·m in each of the 8 classes m ≡ kWheel[k] (mod
// 30): successive multiples of a class are exactly p bytes apart and share one bit.
#include "primecount.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <vector>

#include "prime.h"
#include "sieve.h"

namespace numaccel {
namespace {

using u8 = std::uint8_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
using i64 = std::int64_t;

constexpr u32 kWheel[8] = {1, 7, 11, 13, 17, 19, 23, 29};

// ---- integer roots (exact: a floating-point estimate, then corrected) -----------------------
u64 isqrt(u64 n) noexcept {
    u64 r = static_cast<u64>(std::sqrt(static_cast<double>(n)));
    while (r > 0 && r * r > n) --r;
    while ((r + 1) * (r + 1) <= n) ++r;
    return r;
}

u64 icbrt(u64 n) noexcept {  // n <= 2^53, so (r + 1)^3 cannot overflow
    u64 r = static_cast<u64>(std::cbrt(static_cast<double>(n)));
    while (r > 0 && r * r * r > n) --r;
    while ((r + 1) * (r + 1) * (r + 1) <= n) ++r;
    return r;
}

// ---- tables shared by every call (immutable after construction, never destroyed) -----------
constexpr u32 kPhiPeriod = 2 * 3 * 5 * 7 * 11 * 13 * 17;    // 510,510
constexpr u64 kPhiOfPeriod = 1 * 2 * 4 * 6 * 10 * 12 * 16;  // φ(510,510) = 92,160
constexpr u32 kPatternBytes = 7 * 11 * 13 * 17;             // the wheel bytes of one period
constexpr u64 kC = 7;                                       // c: p_c = 17
constexpr u64 kPc = 17;

struct Tables {
    u64 mask240[240];         // bits of the integers 0 … r of a 240-integer word
    u8 bit_of[30];            // residue → bit (0 where not coprime to 30: never used)
    std::vector<u8> pattern;  // wheel bytes with the multiples of 7, 11, 13, 17 cleared
    std::vector<u32> phi_c;   // phi_c[r] = #{1 <= k <= r : gcd(k, 510510) = 1}

    Tables() : pattern(kPatternBytes), phi_c(kPhiPeriod) {
        for (int r = 0; r < 30; ++r) bit_of[r] = 0;
        for (int k = 0; k < 8; ++k) bit_of[kWheel[k]] = static_cast<u8>(k);
        for (u32 r = 0; r < 240; ++r) {
            u64 m = 0;
            for (u32 j = 0; j < 8; ++j) {
                for (u32 k = 0; k < 8; ++k) {
                    if (30 * j + kWheel[k] <= r) m |= u64{1} << (8 * j + k);
                }
            }
            mask240[r] = m;
        }
        for (u32 i = 0; i < kPatternBytes; ++i) {
            u8 bits = 0;
            for (u32 k = 0; k < 8; ++k) {
                const u32 n = 30 * i + kWheel[k];
                if (n % 7 && n % 11 && n % 13 && n % 17) bits |= static_cast<u8>(1u << k);
            }
            pattern[i] = bits;
        }
        u32 count = 0;
        for (u32 r = 0; r < kPhiPeriod; ++r) {
            if (r % 2 && r % 3 && r % 5 && r % 7 && r % 11 && r % 13 && r % 17) ++count;
            phi_c[r] = count;
        }
    }
};

const Tables& tables() {
    static const Tables* const instance = new Tables();
    return *instance;
}

// φ(u, 7): the integers in [1, u] with no prime factor <= 17.
inline u64 phi_c(u64 u, const Tables& t) noexcept {
    const u64 q = u / kPhiPeriod;
    return q * kPhiOfPeriod + t.phi_c[u - q * kPhiPeriod];
}

// ---- the primes up to a limit, 1-based (primes[1] = 2), from the segmented sieve ------------
std::vector<u32> primes_up_to(u64 limit) {
    std::vector<u32> primes;
    primes.reserve(
        static_cast<std::size_t>(1.1 * static_cast<double>(limit) / std::log(static_cast<double>(limit) + 2.0)) + 64);
    primes.push_back(0);
    constexpr u64 kChunk = u64{1} << 21;
    std::vector<double> buffer(static_cast<std::size_t>(std::min(kChunk, limit + 1) / 2 + 8));
    for (u64 lo = 0; lo <= limit; lo += kChunk) {
        const u64 hi = std::min(limit + 1, lo + kChunk);
        const std::size_t n = primes_between(lo, hi, buffer.data(), buffer.size());
        for (std::size_t i = 0; i < n; ++i) primes.push_back(static_cast<u32>(buffer[i]));
    }
    return primes;
}

// ---- μ(m) and lpf(m) for m <= y coprime to 210 (the only m a leaf can have: lpf(m) > 17) ----
// value(m) = 0 when m is not squarefree, else 2·lpf(m) + (μ(m) == −1); lpf(1) = ∞. Then
// "m squarefree with lpf(m) > p" is value(m) > 2p + 1.
class FactorTable {
  public:
    static constexpr u32 kResidues = 48;

    explicit FactorTable(u64 y, const std::vector<u32>& primes) {
        u32 n = 0;
        for (u32 r = 0; r < 210; ++r) {
            if (r % 2 && r % 3 && r % 5 && r % 7) residue_[n++] = static_cast<u8>(r);
            rank_[r] = n;  // coprime residues <= r
        }
        const std::size_t size = static_cast<std::size_t>(floor_index(y) + 1);
        std::vector<u32> lpf(size, 0);
        std::vector<signed char> mu(size, 1);
        for (std::size_t i = 5; i < primes.size() && primes[i] <= y; ++i) {  // 11, 13, …
            const u64 p = primes[i];
            const u64 kmax = y / p;
            for (std::size_t k = 0; value(static_cast<i64>(k)) <= kmax; ++k) {
                const std::size_t j = static_cast<std::size_t>(floor_index(p * value(static_cast<i64>(k))));
                if (lpf[j] == 0) lpf[j] = static_cast<u32>(p);
                mu[j] = static_cast<signed char>(-mu[j]);
            }
            if (p * p <= y) {
                const u64 kmax2 = y / (p * p);
                for (std::size_t k = 0; value(static_cast<i64>(k)) <= kmax2; ++k) {
                    mu[static_cast<std::size_t>(floor_index(p * p * value(static_cast<i64>(k))))] = 0;
                }
            }
        }
        v_.resize(size);
        for (std::size_t j = 0; j < size; ++j) {
            const u64 l = j == 0 ? 0x7FFFFFFFu : lpf[j];  // index 0 is m = 1
            v_[j] = mu[j] == 0 ? 0 : static_cast<u32>(2 * l + (mu[j] < 0 ? 1 : 0));
        }
    }

    // The largest index whose m is <= v (−1 for v = 0).
    i64 floor_index(u64 v) const noexcept { return static_cast<i64>((v / 210) * kResidues + rank_[v % 210]) - 1; }
    u64 value(i64 index) const noexcept {
        return static_cast<u64>(index / kResidues) * 210 + residue_[index % kResidues];
    }
    u32 operator[](i64 index) const noexcept { return v_[static_cast<std::size_t>(index)]; }
    i64 size() const noexcept { return static_cast<i64>(v_.size()); }

  private:
    u8 residue_[kResidues] = {};
    u32 rank_[210] = {};
    std::vector<u32> v_;
};

// ---- α: y = α·x^(1/3), tuned on this project's test machine (docs/algorithms.md) ------------
double default_alpha(u64 x) {
    // The measured optimum (docs/algorithms.md): about 3–5 at 10^13, 8 at 10^15, 16 at 2^53.
    const double l = std::log(static_cast<double>(x));
    return std::max(1.0, 1.5 * std::exp(0.16 * (l - 23.0)));
}

struct Params {
    double alpha;
    unsigned segment_words_log2;  // 0: automatic
    unsigned block_words_log2;
};

#if defined(__aarch64__)
// CNT: part of every AArch64 CPU's Advanced SIMD, so the portable build has the instruction.
inline int popcount64_portable(u64 w) noexcept { return __builtin_popcountll(w); }
#else
// SWAR popcount (H. S. Warren, Hacker's Delight, 5-1), for CPUs without the instruction.
inline int popcount64_portable(u64 w) noexcept {
    w = w - ((w >> 1) & 0x5555555555555555ULL);
    w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
    w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
    return static_cast<int>((w * 0x0101010101010101ULL) >> 56);
}
#endif

namespace portable {
#define NUMACCEL_PC_POPCOUNT64 popcount64_portable
#include "primecount_impl.h"
#undef NUMACCEL_PC_POPCOUNT64
}  // namespace portable

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
#define NUMACCEL_PC_HAVE_POPCNT_BUILD 1
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("popcnt"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("popcnt")
#endif
namespace with_popcnt {
#define NUMACCEL_PC_POPCOUNT64 __builtin_popcountll
#include "primecount_impl.h"
#undef NUMACCEL_PC_POPCOUNT64
}  // namespace with_popcnt
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif

#if defined(NUMACCEL_PC_HAVE_POPCNT_BUILD)
bool have_popcnt() {
    static const bool popcnt = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("popcnt") != 0;
    }();
    return popcnt;
}
#endif

u64 run_deleglise_rivat(u64 x, const Params& params) {
#if defined(NUMACCEL_PC_HAVE_POPCNT_BUILD)
    if (have_popcnt()) return with_popcnt::DelegliseRivat(x, params).run();
#endif
    return portable::DelegliseRivat(x, params).run();
}

// Below this, counting with the sieve is faster (measured: docs/algorithms.md; 10^6: sieve
// 0.027 ms, Deléglise–Rivat 0.051 ms; 2·10^6: 0.059 ms both; 6·10^6: 0.21 ms and 0.08 ms).
constexpr u64 kSieveThreshold = 2000000;

// ---- nth prime -----------------------------------------------------------------------------
// li(t) by Ramanujan's series (converges fast for the t < 2^54 needed here).
double li(double t) {
    const double l = std::log(t);
    double sum = 0, term = 1, inner = 0;
    for (int n = 1; n < 200; ++n) {
        term *= l / n;                                 // l^n / n!
        if ((n - 1) % 2 == 0) inner += 1.0 / (n | 1);  // Σ_{k <= (n−1)/2} 1/(2k+1)
        const double add = ((n % 2) ? term : -term) / std::ldexp(1.0, n - 1) * inner;
        sum += add;
        if (std::fabs(add) < 1e-17 * std::fabs(sum)) break;
    }
    return 0.5772156649015329 + std::log(l) + std::sqrt(t) * sum;
}

// Riemann's R(t) to three terms, enough for a starting point of the search.
double riemann_r(double t) { return li(t) - 0.5 * li(std::sqrt(t)) - li(std::cbrt(t)) / 3.0; }

// R^{-1}(n) by Newton's method (R'(t) ≈ 1/ln t).
double approx_nth_prime(double n) {
    double t = n * std::log(n) + n * std::log(std::log(n));
    for (int i = 0; i < 40; ++i) {
        const double step = (riemann_r(t) - n) * std::log(t);
        t -= step;
        if (std::fabs(step) < 1) break;
    }
    return t;
}

// The k-th prime (k >= 1) of [lo, hi) in ascending order; count = count_primes(lo, hi) >= k.
u64 kth_prime_in(u64 lo, u64 hi, u64 k, u64 count) {
    std::vector<double> list(static_cast<std::size_t>(count) + 1);
    const std::size_t n = primes_between(lo, hi, list.data(), list.size());
    (void)n;
    return static_cast<u64>(list[static_cast<std::size_t>(k - 1)]);
}

// 48 residues coprime to 210, and the gaps between them (the last wraps to 211).
struct Wheel210 {
    u8 residue[48];
    u8 gap[48];
    u8 index_at_or_after[210];   // first residue index >= r (48 → wraps: 211)
    u8 index_at_or_before[210];  // last residue index <= r (r >= 1)
    Wheel210() {
        int n = 0;
        for (int r = 0; r < 210; ++r)
            if (r % 2 && r % 3 && r % 5 && r % 7) residue[n++] = static_cast<u8>(r);
        for (int i = 0; i < 48; ++i) gap[i] = static_cast<u8>((i == 47 ? 211 : residue[i + 1]) - residue[i]);
        for (int r = 0; r < 210; ++r) {
            int i = 0;
            while (i < 48 && residue[i] < r) ++i;
            index_at_or_after[r] = static_cast<u8>(i);
            int j = 47;
            while (j > 0 && residue[j] > r) --j;
            index_at_or_before[r] = static_cast<u8>(j);
        }
    }
};
const Wheel210& wheel210() {
    static const Wheel210* const instance = new Wheel210();
    return *instance;
}

}  // namespace

std::uint64_t prime_pi_combinatorial(std::uint64_t x, double alpha) {
    return run_deleglise_rivat(x, Params{alpha, 0, 3});
}

namespace detail {
std::uint64_t prime_pi_tuned(std::uint64_t x, double alpha, unsigned segment_words_log2, unsigned block_words_log2) {
    return run_deleglise_rivat(x, Params{alpha, segment_words_log2, block_words_log2});
}
}  // namespace detail

std::int64_t prime_pi_leaves(std::uint64_t x, std::uint64_t index, std::uint64_t count) {
#if defined(NUMACCEL_PC_HAVE_POPCNT_BUILD)
    if (have_popcnt()) return with_popcnt::prepared(x).leaves(index, count);
#endif
    return portable::prepared(x).leaves(index, count);
}

std::uint64_t prime_pi_segments(std::uint64_t x) {
    return portable::DelegliseRivat(x, Params{0, 0, 3}).segments();  // parameters only: no tables
}

PrimePiSieveSums prime_pi_sieve(std::uint64_t x, std::uint64_t from, std::uint64_t to) {
#if defined(NUMACCEL_PC_HAVE_POPCNT_BUILD)
    if (have_popcnt()) return with_popcnt::prepared(x).sieve(from, to);
#endif
    return portable::prepared(x).sieve(from, to);
}

std::uint64_t prime_pi(std::uint64_t x) {
    if (x < kSieveThreshold) return count_primes(0, x + 1);
    return prime_pi_combinatorial(x, 0);
}

std::uint64_t nth_prime(std::uint64_t n) {
    if (n == 0 || n > kNthPrimeLimit) return 0;
    if (n < 100000) {
        // p_n < n (ln n + ln ln n) for n >= 6 (Rosser 1941); list the primes below the bound.
        const double ln = std::log(static_cast<double>(n));
        const u64 bound = n < 6 ? 14 : static_cast<u64>(static_cast<double>(n) * (ln + std::log(ln))) + 2;
        return kth_prime_in(0, bound, n, count_primes(0, bound));
    }
    const double guess_d = approx_nth_prime(static_cast<double>(n));
    const u64 guess = static_cast<u64>(std::min(std::max(guess_d, 2.0), static_cast<double>(kPrimePiLimit - 1)));
    const u64 count = prime_pi(guess);
    const double log_guess = std::log(static_cast<double>(guess));
    if (count >= n) {
        // The (count − n + 1)-th prime at or below guess, going down window by window.
        u64 need = count - n + 1, hi = guess + 1;
        for (;;) {
            const u64 width = static_cast<u64>((static_cast<double>(need) * 1.1 + 64) * log_guess) + 1024;
            const u64 lo = hi > width ? hi - width : 0;
            const u64 c = count_primes(lo, hi);
            if (c >= need) return kth_prime_in(lo, hi, c - need + 1, c);
            need -= c;
            hi = lo;
        }
    }
    u64 need = n - count, lo = guess + 1;
    for (;;) {
        const u64 width = static_cast<u64>((static_cast<double>(need) * 1.1 + 64) * log_guess) + 1024;
        const u64 hi = std::min(kPrimePiLimit, lo + width);
        const u64 c = count_primes(lo, hi);
        if (c >= need) return kth_prime_in(lo, hi, need, c);
        need -= c;
        lo = hi;
    }
}

std::uint64_t next_prime(std::uint64_t n) noexcept {
    if (n < 7) return n < 2 ? 2 : n < 3 ? 3 : n < 5 ? 5 : 7;
    if (n >= 18446744073709551557ULL) return 0;  // 2^64 − 59 is the largest prime below 2^64
    const Wheel210& w = wheel210();
    u64 m = n + 1;
    const u64 r = m % 210;
    unsigned i = w.index_at_or_after[r];
    m += (i == 48 ? 211 : w.residue[i]) - r;
    if (i == 48) i = 0;
    while (!check_prime(m)) {
        m += w.gap[i];
        i = i == 47 ? 0 : i + 1;
    }
    return m;
}

std::uint64_t prev_prime(std::uint64_t n) noexcept {
    if (n <= 11) return n <= 2 ? 0 : n <= 3 ? 2 : n <= 5 ? 3 : n <= 7 ? 5 : 7;
    const Wheel210& w = wheel210();
    u64 m = n - 1;
    const u64 r = m % 210;
    unsigned i = w.index_at_or_before[r];  // residue[0] = 1 <= r unless r == 0
    if (r == 0) {
        m -= 1;  // 210k − 1 ≡ 209
        i = 47;
    } else {
        m -= r - w.residue[i];
    }
    while (!check_prime(m)) {
        i = i == 0 ? 47 : i - 1;
        m -= w.gap[i];
    }
    return m;
}

}  // namespace numaccel
