// numaccel — the segmented sieve itself: one Sieve object sieves [lo, hi) segment by segment
// and hands each sieved segment to a sink (count, list, or collect base primes).
//
// Private to the sieve files of native/kernels/; internal linkage, as sieve_wheel.h explains.
#ifndef NUMACCEL_KERNELS_SIEVE_SEGMENTED_H
#define NUMACCEL_KERNELS_SIEVE_SEGMENTED_H

#include <algorithm>
#include <cstddef>
#include <vector>

#include "sieve_buckets.h"
#include "sieve_cross_off.h"
#include "sieve_presieve.h"
#include "sieve_wheel.h"
#include "stop.h"

namespace numaccel {
namespace {

// Sieves the integers in [lo, hi) (7 <= hi, lo < hi <= 2^53) given `primes`, an ascending list
// that contains every prime p with p*p < hi (it may contain more). For each segment it calls
// sink(bytes, len, first_byte): bytes[i] describes the integers 30*(first_byte + i) + kWheel[b]
// (bit b set <=> prime), and bits for integers outside [lo, hi) are already cleared.
// run() sieves the whole range; run_to() a run of segments from where the last call stopped, and
// polls `stop` (may be null) once per segment and while placing the sieving primes.
class Sieve {
  public:
    Sieve(u64 lo, u64 hi, const u32* primes, std::size_t num_primes, const StopToken* stop = nullptr)
        : lo_(lo),
          hi_(hi),
          primes_(primes),
          num_primes_(num_primes),
          stop_(stop),
          pre_(sieve_detail::presieve()),
          // The gap between consecutive multiples of p is at most 6p/30 + 30 bytes.
          buckets_(static_cast<std::size_t>((isqrt(hi - 1) / 5 + 30) / kSegmentBytes + 1)) {
        first_byte_ = lo / 30;
        end_byte_ = (hi - 1) / 30 + 1;
        seg_byte_ = first_byte_;
        const u64 total = end_byte_ - first_byte_;
        seg_len_max_ = static_cast<std::size_t>(std::min<u64>(total, kSegmentBytes));
        buffer_.resize(seg_len_max_ + 8);
        single_segment_ = total <= kSegmentBytes;
        // Skip 2, 3, 5 and the pre-sieved primes.
        while (next_prime_ < num_primes_ && primes_[next_prime_] < sieve_detail::kFirstSievingPrime) ++next_prime_;
        reserve_lists();
    }

    template <class Sink>
    void run(Sink& sink) {
        run_to(end_byte_, sink);
    }

    // Sieves the segments from the current position up to byte stop_byte (clamped to the end of
    // the range), which must be a segment boundary: stop_byte - first_byte_ a multiple of
    // kSegmentBytes. Returns false when `stop` asked to stop (the sieve is then unusable).
    template <class Sink>
    bool run_to(u64 stop_byte, Sink& sink) {
        const u64 stop = std::min(stop_byte, end_byte_);
        for (; seg_byte_ < stop; seg_byte_ += kSegmentBytes) {
            if (stop_requested(stop_)) return false;
            const u64 seg_byte = seg_byte_;
            const std::size_t len = static_cast<std::size_t>(std::min<u64>(end_byte_ - seg_byte, kSegmentBytes));
            u8* seg = buffer_.data();
            if (!add_sieving_primes(seg_byte, len)) return false;
            for (std::size_t c = 0; c < len; c += kChunkBytes) {
                const std::size_t clen = std::min(kChunkBytes, len - c);
                pre_.fill(seg + c, seg_byte + c, clen);
                for_each_class<0>(small_, seg + c, clen);
            }
            for_each_class<0>(medium_, seg, len);
            if (single_segment_) {
                if (!cross_off_large_direct(seg, seg_byte, len)) return false;
            } else {
                buckets_.sieve_current(seg, len);
            }
            mask_ends(seg, seg_byte, len);
            sink(static_cast<const u8*>(seg), len, seg_byte);
        }
        return true;
    }

  private:
    template <int RI>
    void for_each_class(std::vector<SievingPrime>* lists, u8* seg, std::size_t len) noexcept {
        std::vector<SievingPrime>& v = lists[RI];
        if (!v.empty()) cross_off_blocks<RI>(seg, len, v.data(), v.data() + v.size());
        if constexpr (RI < 7) for_each_class<RI + 1>(lists, seg, len);
    }

    // First multiple p*m >= max(p*p, 30 * seg_byte) with m coprime to 30: its byte offset from
    // seg_byte and the wheel index of m.
    static void first_multiple(u64 p, u64 seg_byte, u64& hit, unsigned& k) noexcept {
        const u64 start = std::max(p * p, seg_byte * 30);
        u64 m = (start + p - 1) / p;
        const u32 r = static_cast<u32>(m % 30);
        m += kNext.delta[r];
        k = kNext.index[r];
        hit = (p * m) / 30 - seg_byte;
    }

    // How many sieving primes are placed between two polls of the stop token (about 0.1 ms).
    static constexpr std::size_t kPrimesPerPoll = 8192;

    // Activates the primes whose square lies below the end of this segment (and below hi).
    // In a single-segment range the large primes are not stored at all: they are crossed off
    // straight from the base-prime list (cross_off_large_direct). Near 2^53 the first segment
    // places millions of primes (tens of ms), hence the polls; false when asked to stop.
    bool add_sieving_primes(u64 seg_byte, std::size_t len) {
        const u64 limit = std::min<u64>((seg_byte + len) * 30, hi_);
        const u64 stop_at = single_segment_ ? kSegmentBytes : ~u64{0};
        std::size_t until_poll = kPrimesPerPoll;
        while (next_prime_ < num_primes_) {
            const u64 p = primes_[next_prime_];
            if (p * p >= limit || p >= stop_at) break;
            if (--until_poll == 0) {
                if (stop_requested(stop_)) return false;
                until_poll = kPrimesPerPoll;
            }
            ++next_prime_;
            u64 hit;
            unsigned k;
            first_multiple(p, seg_byte, hit, k);  // hit < len for new primes near sqrt, < p otherwise
            const u32 q = static_cast<u32>(p / 30);
            const u32 ri = static_cast<u32>(bit_of_residue_fast(static_cast<u32>(p % 30)));
            if (p < kSmallPrimeLimit) {
                small_[ri].push_back(SievingPrime{q << 3 | k, static_cast<u32>(hit)});
            } else if (p < kSegmentBytes) {
                medium_[ri].push_back(SievingPrime{q << 3 | k, static_cast<u32>(hit)});
            } else {
                const u64 distance = hit / kSegmentBytes;
                buckets_.push(distance,
                              BucketItem{q << 6 | ri << 3 | k, static_cast<u32>(hit - distance * kSegmentBytes)});
            }
        }
        return true;
    }

    // Single-segment ranges: each remaining prime (p >= kSegmentBytes, p*p < hi) has at most a
    // few multiples in the range; find the first and step through them, without storing state.
    // False when asked to stop.
    bool cross_off_large_direct(u8* seg, u64 seg_byte, std::size_t len) const noexcept {
        std::size_t until_poll = kPrimesPerPoll;
        for (std::size_t i = next_prime_; i < num_primes_; ++i) {
            const u64 p = primes_[i];
            if (p * p >= hi_) break;
            if (--until_poll == 0) {
                if (stop_requested(stop_)) return false;
                until_poll = kPrimesPerPoll;
            }
            u64 hit;
            unsigned k;
            first_multiple(p, seg_byte, hit, k);
            const u64 q = p / 30;
            const unsigned ri = static_cast<unsigned>(bit_of_residue_fast(static_cast<u32>(p - 30 * q)));
            cross_off_stepping(seg, len, q, ri, k, hit);
        }
        return true;
    }

    // Space for the sieving primes: the residue classes mod 30 hold almost equal shares.
    void reserve_lists() {
        const u64 root = isqrt(hi_ - 1);
        const std::size_t total =
            static_cast<std::size_t>(std::upper_bound(primes_, primes_ + num_primes_, root) - primes_);
        const std::size_t small =
            static_cast<std::size_t>(std::lower_bound(primes_, primes_ + total, kSmallPrimeLimit) - primes_);
        const std::size_t medium =
            static_cast<std::size_t>(std::lower_bound(primes_, primes_ + total, kSegmentBytes) - primes_) - small;
        for (int ri = 0; ri < 8; ++ri) {
            small_[ri].reserve(small / 8 + small / 32 + 16);
            medium_[ri].reserve(medium / 8 + medium / 32 + 16);
        }
    }

    // Clears the bits of integers below lo (first byte) and at or above hi (last byte).
    void mask_ends(u8* seg, u64 seg_byte, std::size_t len) const noexcept {
        if (seg_byte == first_byte_) {
            const u64 base = first_byte_ * 30;
            u8 keep = 0;
            for (int b = 0; b < 8; ++b) {
                if (base + kWheel[b] >= lo_) keep |= static_cast<u8>(1u << b);
            }
            seg[0] &= keep;
        }
        if (seg_byte + len == end_byte_) {
            const u64 base = (end_byte_ - 1) * 30;
            u8 keep = 0;
            for (int b = 0; b < 8; ++b) {
                if (base + kWheel[b] < hi_) keep |= static_cast<u8>(1u << b);
            }
            seg[len - 1] &= keep;
        }
    }

    u64 lo_, hi_;
    const u32* primes_;
    std::size_t num_primes_;
    std::size_t next_prime_ = 0;
    const StopToken* stop_;
    const sieve_detail::PreSieve& pre_;
    u64 first_byte_ = 0, end_byte_ = 0;
    u64 seg_byte_ = 0;  // start of the next segment to sieve
    std::size_t seg_len_max_ = 0;
    bool single_segment_ = false;
    std::vector<u8> buffer_;
    std::vector<SievingPrime> small_[8], medium_[8];
    BucketRing buckets_;
};

}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_SEGMENTED_H
