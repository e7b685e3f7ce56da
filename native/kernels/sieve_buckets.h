// numaccel — the sieve's bucket ring for the large sieving primes.
//
// Private to the sieve files of native/kernels/; internal linkage, as sieve_wheel.h explains.
#ifndef NUMACCEL_KERNELS_SIEVE_BUCKETS_H
#define NUMACCEL_KERNELS_SIEVE_BUCKETS_H

#include <cstddef>
#include <memory>
#include <vector>

#include "sieve_cross_off.h"
#include "sieve_wheel.h"

namespace numaccel {
namespace {

// Large sieving primes (p >= kSegmentBytes: at most a few multiples per segment, and most
// segments none) are kept in buckets, one list per upcoming segment, as in T. Oliveira e Silva's
// cache-friendly bucket sieve (used by primesieve's EratBig): a segment only touches the primes
// that have a multiple in it, then files each under the segment of its next multiple.
struct BucketItem {
    u32 qrk;  // q << 6 | ri << 3 | k
    u32 hit;  // offset of the next multiple from the start of the bucket's segment
};

constexpr std::size_t kBucketItems = 1024;  // 8 KiB per bucket

struct Bucket {
    Bucket* next;
    std::size_t count;
    BucketItem items[kBucketItems];
};

class BucketRing {
  public:
    // Room for multiples up to max_distance segments ahead of the current one.
    explicit BucketRing(std::size_t max_distance) {
        std::size_t n = 1;
        while (n <= max_distance + 1) n <<= 1;
        heads_.assign(n, nullptr);
        mask_ = n - 1;
    }

    // File an item `distance` segments after the current one.
    void push(std::size_t distance, BucketItem item) {
        Bucket*& head = heads_[(current_ + distance) & mask_];
        if (head == nullptr || head->count == kBucketItems) {
            Bucket* b = take();
            b->next = head;
            head = b;
        }
        head->items[head->count++] = item;
    }

    // Crosses off the current segment's primes in seg[0, len) (len == kSegmentBytes except for
    // the last segment, after which nothing is filed any more) and files them further on.
    void sieve_current(u8* seg, std::size_t len) {
        Bucket* b = heads_[current_ & mask_];
        heads_[current_ & mask_] = nullptr;
        while (b != nullptr) {
            const BucketItem* it = b->items;
            const BucketItem* const end = it + b->count;
            for (; it != end; ++it) {
                const u32 qrk = it->qrk;
                const std::size_t q = qrk >> 6;
                const unsigned ri = (qrk >> 3) & 7;
                unsigned k = qrk & 7;
                const std::size_t next = cross_off_stepping(seg, len, q, ri, k, it->hit);
                const std::size_t distance = next / kSegmentBytes;  // >= 1
                push(distance, BucketItem{static_cast<u32>(q << 6 | ri << 3 | k),
                                          static_cast<u32>(next - distance * kSegmentBytes)});
            }
            Bucket* const done = b;
            b = b->next;
            done->next = free_;
            free_ = done;
        }
        ++current_;
    }

  private:
    Bucket* take() {
        if (free_ != nullptr) {
            Bucket* b = free_;
            free_ = b->next;
            b->count = 0;
            return b;
        }
        storage_.push_back(std::unique_ptr<Bucket>(new Bucket));  // items left uninitialised
        Bucket* b = storage_.back().get();
        b->next = nullptr;
        b->count = 0;
        return b;
    }

    std::vector<std::unique_ptr<Bucket>> storage_;
    std::vector<Bucket*> heads_;  // per slot: the bucket being filled, older full ones linked behind
    Bucket* free_ = nullptr;
    std::size_t mask_ = 0;
    std::size_t current_ = 0;
};

}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_SIEVE_BUCKETS_H
