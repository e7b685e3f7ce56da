// numaccel — SieveCursor (sieve.h): one Sieve run piece by piece, for the multi-threaded async
// kernels (one cursor per thread), stoppable between segments.
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sieve.h"
#include "sieve_base_primes.h"
#include "sieve_output.h"
#include "sieve_segmented.h"

namespace numaccel {

struct SieveCursor::Impl {
    u64 lo, hi, pos;
    std::shared_ptr<const SieveBasePrimes> base;  // keeps the primes the sieve points into alive
    std::unique_ptr<Sieve> sieve;                 // null when hi <= 7 (only 2, 3, 5 to report)

    // The end byte of the sieve run that ends at `to`, after checking that `to` is allowed.
    u64 stop_byte(u64 to) const {
        if (!(to > pos && to <= hi))
            throw std::invalid_argument("SieveCursor: pieces must move forward within [lo, hi)");
        if (to == hi) return ~u64{0};
        if (to % 30 != 0 || (to / 30 - lo / 30) % kSegmentBytes != 0) {
            throw std::invalid_argument("SieveCursor: a piece must end at a segment boundary");
        }
        return to / 30;
    }
};

SieveCursor::SieveCursor(std::uint64_t lo, std::uint64_t hi, std::shared_ptr<const SieveBasePrimes> base,
                         const StopToken* stop)
    : impl_(new Impl{lo, hi, lo, std::move(base), nullptr}) {
    if (!(lo < hi && hi <= kSieveLimit)) throw std::invalid_argument("SieveCursor: need lo < hi <= 2^53");
    if (hi > 7) {
        if (!impl_->base || impl_->base->limit < base_prime_need(hi)) {
            throw std::invalid_argument("SieveCursor: the base primes do not reach sqrt(hi)");
        }
        impl_->sieve.reset(new Sieve(lo, hi, impl_->base->primes.data(), impl_->base->primes.size(), stop));
    }
}

SieveCursor::~SieveCursor() = default;

bool SieveCursor::count_to(std::uint64_t to, std::uint64_t& count) {
    Impl& s = *impl_;
    const u64 stop_byte = s.stop_byte(to);
    u64 n = tiny_prime_count(s.pos, to);
    if (s.sieve) {
        auto sink = [&n](const u8* bytes, std::size_t len, u64) { n += count_bits(bytes, len); };
        if (!s.sieve->run_to(stop_byte, sink)) return false;
    }
    count += n;
    s.pos = to;
    return true;
}

bool SieveCursor::list_to(std::uint64_t to, std::vector<double>& out) {
    Impl& s = *impl_;
    const u64 stop_byte = s.stop_byte(to);
    for (u64 p : {2, 3, 5}) {
        if (s.pos <= p && p < to) out.push_back(static_cast<double>(p));
    }
    if (s.sieve) {
        auto sink = [&out](const u8* bytes, std::size_t len, u64 first_byte) {
            const std::size_t at = out.size();
            out.resize(at + static_cast<std::size_t>(count_bits(bytes, len)));
            write_primes(bytes, len, first_byte, out.data() + at);
        };
        if (!s.sieve->run_to(stop_byte, sink)) return false;
    }
    s.pos = to;
    return true;
}

bool SieveCursor::list_to(std::uint64_t to, double* out, std::size_t capacity, std::size_t& written) {
    Impl& s = *impl_;
    const u64 stop_byte = s.stop_byte(to);
    written = kPrimesOverflow;
    CappedPrimeWriter writer{out, capacity};
    writer.wheel_primes(s.pos, to);
    if (writer.overflow) return true;
    if (s.sieve) {
        if (!s.sieve->run_to(stop_byte, writer)) return false;
        if (writer.overflow) return true;
    }
    written = writer.n;
    s.pos = to;
    return true;
}

}  // namespace numaccel
