// numaccel — building the sieve's pre-sieve patterns (sieve_presieve.h).
#include "sieve_presieve.h"

namespace numaccel {
namespace sieve_detail {

PreSieve::PreSieve() {
    for (std::size_t g = 0; g < kNumPreSieveGroups; ++g) {
        std::size_t period = 1;
        for (u32 p : kPreSieveGroups[g]) {
            if (p != 0) period *= p;
        }
        period_[g] = period;
        std::vector<u8>& pat = pattern_[g];
        pat.assign(period + kChunkBytes, 0xFF);
        for (u32 p : kPreSieveGroups[g]) {
            if (p == 0) continue;
            // Cross off p*m for every m coprime to 30 (p itself included).
            for (u64 j = 0;; ++j) {
                bool inside = false;
                for (int k = 0; k < 8; ++k) {
                    const u64 n = u64{p} * (30 * j + kWheel[k]);
                    const u64 byte = n / 30;
                    if (byte >= pat.size()) continue;
                    inside = true;
                    pat[byte] &= static_cast<u8>(~(1u << bit_of_residue(static_cast<u32>(n % 30))));
                }
                if (!inside) break;
            }
        }
    }
    for (std::size_t i = 0; i < kExactHeadBytes; ++i) {
        u8 bits = 0;
        for (int b = 0; b < 8; ++b) {
            const u64 n = 30 * i + kWheel[b];
            bool prime = n > 1;
            for (u64 d = 2; d * d <= n && prime; ++d) prime = n % d != 0;
            if (prime) bits |= static_cast<u8>(1u << b);
        }
        head_[i] = bits;
    }
}

const PreSieve& presieve() {
    // Immutable after (thread-safe) construction, and never destroyed: async work may still be
    // running on other threads while the process exits and runs static destructors.
    static const PreSieve* const instance = new PreSieve();
    return *instance;
}

}  // namespace sieve_detail
}  // namespace numaccel
