// numaccel — deterministic Miller–Rabin for n < 2^64, step for step as in docs/algorithms.md.
//
// Modular arithmetic uses Montgomery multiplication with R = 2^64 (P. L. Montgomery,
// "Modular multiplication without trial division", Math. Comp. 44 (1985), 519–521):
// it replaces the 128-by-64-bit division of a*b mod n by two 64x64->128 multiplies.
#include "prime.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace numaccel {
namespace {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

// ---------------------------------------------------------------------------------------------
// Trial division without division instructions.
// For odd p, let inv = p^-1 mod 2^64. Multiplication by inv permutes Z/2^64, mapping the
// multiples of p {0, p, 2p, ...} exactly onto {0, 1, ..., floor((2^64-1)/p)}; hence
//   p | n  <=>  n * inv (mod 2^64) <= (2^64 - 1) / p.
// (T. Granlund & P. L. Montgomery, "Division by invariant integers using multiplication",
// PLDI 1994, §9; H. S. Warren, "Hacker's Delight", 2nd ed., §10-17.)
// One multiply + compare per prime instead of a ~25-40 cycle 64-bit `div`; this dominates the
// cost for the common case of small n.
// ---------------------------------------------------------------------------------------------

// Inverse of odd a modulo 2^64 by Newton–Hensel iteration x <- x(2 - a x): a*a == 1 (mod 8),
// so x = a is correct to 3 bits and each step doubles that: 3 -> 6 -> 12 -> 24 -> 48 -> 96 >= 64.
constexpr u64 inverse_mod_2_64(u64 a) noexcept {
    u64 inv = a;
    for (int i = 0; i < 5; ++i) inv *= 2 - a * inv;
    return inv;
}

struct OddPrimeDivisor {
    u64 p;
    u64 inv;  // p^-1 mod 2^64
    u64 lim;  // (2^64 - 1) / p
};

constexpr std::array<u64, 24> kOddPrimesBelow100 = {3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
                                                    43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};

constexpr std::array<OddPrimeDivisor, 24> make_divisor_table() noexcept {
    std::array<OddPrimeDivisor, 24> t{};
    for (std::size_t i = 0; i < t.size(); ++i) {
        const u64 p = kOddPrimesBelow100[i];
        t[i] = OddPrimeDivisor{p, inverse_mod_2_64(p), ~u64{0} / p};
    }
    return t;
}

constexpr std::array<OddPrimeDivisor, 24> kDivisors = make_divisor_table();

static_assert(3 * kDivisors[0].inv == 1, "inverse table is wrong");
static_assert(97 * kDivisors[23].inv == 1, "inverse table is wrong");

// ---------------------------------------------------------------------------------------------
// Montgomery arithmetic modulo an odd n, R = 2^64. Values are kept in Montgomery form
// aR mod n, in [0, n).
// ---------------------------------------------------------------------------------------------
class Montgomery {
  public:
    explicit Montgomery(u64 n) noexcept
        : n_(n), ninv_(inverse_mod_2_64(n)), one_((0 - n) % n) {  // R mod n = (2^64 - n) mod n
        // R^2 mod n = (R mod n)^2 mod n: a single 128-by-64 reduction per call of check_prime.
        r2_ = static_cast<u64>((static_cast<u128>(one_) * one_) % n_);
    }

    // REDC(a*b) = a*b*R^-1 mod n for a, b < n (Montgomery 1985). With m = (ab mod R) * n^-1 mod R,
    // ab - mn is divisible by R, and (ab - mn)/R = hi(ab) - hi(mn) lies in (-n, n); its low words
    // cancel exactly, so only the high words are needed. Works for any odd n < 2^64 (no overflow).
    u64 mul(u64 a, u64 b) const noexcept {
        const u128 t = static_cast<u128>(a) * b;
        const u64 m = static_cast<u64>(t) * ninv_;
        const u64 mn_hi = static_cast<u64>((static_cast<u128>(m) * n_) >> 64);
        const u64 t_hi = static_cast<u64>(t >> 64);
        const u64 r = t_hi - mn_hi;
        return t_hi < mn_hi ? r + n_ : r;
    }

    u64 to_mont(u64 a) const noexcept { return mul(a, r2_); }  // requires a < n
    u64 one() const noexcept { return one_; }
    u64 minus_one() const noexcept { return n_ - one_; }  // (n-1)R mod n = n - (R mod n)

    // base^e in Montgomery form (left-to-right binary exponentiation).
    u64 pow(u64 base_m, u64 e) const noexcept {
        u64 result = one_;
        while (e != 0) {
            if (e & 1) result = mul(result, base_m);
            base_m = mul(base_m, base_m);
            e >>= 1;
        }
        return result;
    }

  private:
    u64 n_;
    u64 ninv_;
    u64 one_;
    u64 r2_;
};

// Step 5: strong probable-prime test to base a (a < n), with n - 1 = d * 2^s, d odd.
// Montgomery form is a bijection on Z/n, so comparisons with 1 and n-1 are done in that form.
bool strong_probable_prime(const Montgomery& mont, u64 a, u64 d, unsigned s) noexcept {
    u64 x = mont.pow(mont.to_mont(a), d);
    const u64 minus_one = mont.minus_one();
    if (x == mont.one() || x == minus_one) return true;
    for (unsigned i = 1; i < s; ++i) {
        x = mont.mul(x, x);
        if (x == minus_one) return true;
    }
    return false;
}

// Step 4 base sets (docs/algorithms.md). Every base is below n when used: n >= 10201 for the
// first set and n >= 4,759,123,141 > 1,795,265,022 for the second, so none needs reducing.
// {2, 7, 61}: deterministic for n < 4,759,123,141 — G. Jaeschke, "On strong pseudoprimes to
// several bases", Math. Comp. 61 (1993), 915–926.
constexpr u64 kJaeschkeLimit = 4759123141ULL;
constexpr std::array<u64, 3> kBasesSmall = {2, 7, 61};
// 7 bases deterministic for all n < 2^64 — J. Sinclair (2011), verified against the
// Feitsma–Galway list of base-2 strong pseudoprimes below 2^64 (https://miller-rabin.appspot.com/).
// (Note: the first primes up to 19 are NOT enough even below 2^53: 341,550,071,728,321.)
constexpr std::array<u64, 7> kBasesFull = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};

template <std::size_t K>
bool all_bases_pass(u64 n, const std::array<u64, K>& bases) noexcept {
    // Step 3: n - 1 = d * 2^s with d odd (n is odd here, so n - 1 != 0).
    const u64 nm1 = n - 1;
    const unsigned s = static_cast<unsigned>(__builtin_ctzll(nm1));
    const u64 d = nm1 >> s;
    const Montgomery mont(n);
    for (u64 a : bases) {
        if (!strong_probable_prime(mont, a, d, s)) return false;
    }
    return true;  // Step 6
}

}  // namespace

bool check_prime(std::uint64_t n) noexcept {
    // Step 1.
    if (n < 2) return false;
    // Step 2: trial division by the 25 primes below 100; n == p -> prime, p | n -> composite.
    if ((n & 1) == 0) return n == 2;
    for (const OddPrimeDivisor& q : kDivisors) {
        if (n * q.inv <= q.lim) return n == q.p;  // p | n: prime iff n is p itself
    }
    // No prime factor below 101, so any n < 101^2 is prime.
    if (n < 10201) return true;
    // Steps 3-6.
    if (n < kJaeschkeLimit) return all_bases_pass(n, kBasesSmall);
    return all_bases_pass(n, kBasesFull);
}

void check_primes_f64(const double* v, std::size_t n, std::uint8_t* out) noexcept {
    for (std::size_t i = 0; i < n; ++i) {
        const double d = v[i];
        // Negative values are not prime; safe integers convert exactly. (The range test also
        // keeps NaN and out-of-range values, which the callers exclude, away from the cast.)
        out[i] = d >= 2.0 && d < 0x1p64 && check_prime(static_cast<std::uint64_t>(d)) ? 1 : 0;
    }
}

void check_primes_u64(const std::uint64_t* v, std::size_t n, std::uint8_t* out) noexcept {
    for (std::size_t i = 0; i < n; ++i) out[i] = check_prime(v[i]) ? 1 : 0;
}

}  // namespace numaccel
