// numaccel — the process-wide base-prime cache (sieve_base_primes.h): seeded by a tiny plain
// sieve, grown by the segmented sieve itself to what the largest sqrt(hi) asked for needs.
#include <algorithm>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "sieve.h"
#include "sieve_base_primes.h"
#include "sieve_segmented.h"

namespace numaccel {
namespace {

// All primes <= n for a small n, by a plain sieve of Eratosthenes on odd numbers.
std::vector<u32> plain_sieve(u32 n) {
    std::vector<u32> out;
    if (n >= 2) out.push_back(2);
    std::vector<bool> composite(n / 2 + 1, false);  // index i <-> 2i + 1
    for (u64 i = 1; 2 * i + 1 <= n; ++i) {
        if (composite[i]) continue;
        const u64 p = 2 * i + 1;
        out.push_back(static_cast<u32>(p));
        for (u64 j = p * p / 2; 2 * j + 1 <= n; j += p) composite[j] = true;
    }
    return out;
}

// Appends the primes in [lo, hi) (hi >= 7) to out, given every prime p with p*p < hi.
void append_primes(u64 lo, u64 hi, const u32* primes, std::size_t num_primes, std::vector<u32>& out) {
    for (u64 p : {2, 3, 5}) {
        if (lo <= p && p < hi) out.push_back(static_cast<u32>(p));
    }
    Sieve sieve(lo, hi, primes, num_primes);
    auto sink = [&out](const u8* bytes, std::size_t len, u64 first_byte) {
        for (std::size_t i = 0; i < len; ++i) {
            unsigned b = bytes[i];
            while (b != 0) {
                const unsigned t = ctz64(b);
                out.push_back(static_cast<u32>(30 * (first_byte + i) + kWheel[t]));
                b &= b - 1;
            }
        }
    };
    sieve.run(sink);
}

// The base-prime cache: an immutable snapshot of all primes <= limit, replaced by a larger one
// when a call needs more. Callers keep their snapshot (shared_ptr) for the duration of the call,
// so a concurrent growth never invalidates what they read. One mutex guards only the pointer
// (copied or replaced); another serialises the growths, so a thread that needs more primes than
// the snapshot holds waits while another grows it, and the others do not wait at all.
class BasePrimeCache {
  public:
    // The snapshot with limit >= need; nullptr when `stop` asked to stop during a growth (or
    // while waiting for another thread's growth).
    std::shared_ptr<const SieveBasePrimes> get(u64 need, const StopToken* stop) {
        std::shared_ptr<const SieveBasePrimes> current = snapshot();
        if (current && current->limit >= need) return current;
        // One growth at a time; the others wait (polling `stop`), then use its result when it is
        // enough. Readers that need no growth never wait for one: they only take mutex_.
        std::unique_lock<std::mutex> growing(grow_mutex_, std::defer_lock);
        if (stop == nullptr) {
            growing.lock();
        } else {
            while (!growing.try_lock()) {
                if (stop_requested(stop)) return nullptr;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
        }
        current = snapshot();
        if (current && current->limit >= need) return current;

        auto next = std::make_shared<SieveBasePrimes>();
        const u64 old_limit = current ? current->limit : 0;
        const u64 seed_limit = isqrt(need);
        if (need < 1000) {
            next->primes = plain_sieve(static_cast<u32>(need));
            next->limit = need;
            return publish(std::move(next));
        }
        // Sieve [from, need] in pieces with the primes up to sqrt(need): those of the current
        // snapshot when it has them (extending it), else a small plain sieve (starting over).
        std::vector<u32> seed;
        const u32* sieving;
        std::size_t num_sieving;
        u64 from;
        next->primes.reserve(prime_count_estimate(need));
        if (current && old_limit >= seed_limit && old_limit >= 7) {
            next->primes = current->primes;
            sieving = current->primes.data();  // kept alive by `current`
            num_sieving = current->primes.size();
            from = old_limit + 1;
        } else {
            seed = plain_sieve(static_cast<u32>(seed_limit));
            sieving = seed.data();
            num_sieving = seed.size();
            from = 0;
        }
        // About 10 ms per piece: the full growth near 2^53 (to ~9.5e7) takes a few tens of ms.
        constexpr u64 kPiece = u64{1} << 24;
        while (from <= need) {
            if (stop_requested(stop)) {
                // Keep the progress (next holds every prime < from) for the next call.
                if (from > old_limit + 1 && from > 1000) {
                    next->limit = from - 1;
                    publish(std::move(next));
                }
                return nullptr;
            }
            const u64 to = std::min(need + 1, from + kPiece);  // >= 7: need >= 1000, from >= 8 or 0
            append_primes(from, to, sieving, num_sieving, next->primes);
            from = to;
        }
        next->limit = need;
        return publish(std::move(next));
    }

  private:
    static std::size_t prime_count_estimate(u64 n) noexcept {
        // pi(n) < 1.26 n / ln n for n > 1 (Rosser & Schoenfeld 1962); a cheap upper bound.
        double ln = 0.0;
        for (u64 m = n; m > 1; m >>= 1) ln += 0.6931471805599453;
        return static_cast<std::size_t>(1.3 * static_cast<double>(n) / (ln > 1.0 ? ln - 0.7 : 1.0)) + 16;
    }

    std::shared_ptr<const SieveBasePrimes> snapshot() {
        std::lock_guard<std::mutex> lock(mutex_);
        return current_;
    }

    std::shared_ptr<const SieveBasePrimes> publish(std::shared_ptr<const SieveBasePrimes> next) {
        std::lock_guard<std::mutex> lock(mutex_);
        current_ = std::move(next);
        return current_;
    }

    std::mutex mutex_;       // guards current_ (held only to copy or replace the pointer)
    std::mutex grow_mutex_;  // held for a whole growth
    std::shared_ptr<const SieveBasePrimes> current_;
};

BasePrimeCache& base_prime_cache() {
    // Never destroyed: async work may still hold the mutex while the process exits.
    static BasePrimeCache* const cache = new BasePrimeCache();
    return *cache;
}

}  // namespace

std::shared_ptr<const SieveBasePrimes> sieve_base_primes(std::uint64_t hi, const StopToken* stop) {
    return base_prime_cache().get(hi <= 7 ? 7 : base_prime_need(hi), stop);
}

}  // namespace numaccel
