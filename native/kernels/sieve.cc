// numaccel — segmented sieve of Eratosthenes on a bit-packed mod-30 wheel, step for step as in
// docs/algorithms.md ("The sieve"). The design follows the algorithms primesieve documents
// (K. Walisch, https://github.com/kimwalisch/primesieve, doc/ALGORITHMS.md):
//
//  - Wheel: one byte stands for 30 consecutive integers 30*i + {1, 7, 11, 13, 17, 19, 23, 29},
//    the residues coprime to 30 (bit b <-> kWheel[b]); 2, 3 and 5 are handled separately.
//  - Segments: the range is sieved in segments of kSegmentBytes (L2-sized) bytes, each processed
//    in chunks of kChunkBytes (L1-sized) for the small sieving primes.
//  - Pre-sieving: a chunk starts as the AND of a few precomputed repeating patterns in which the
//    multiples of the primes 7 .. 41 are already crossed off.
//  - Small sieving primes (below kSmallPrimeLimit) are crossed off chunk by chunk with an
//    unrolled loop per prime: a multiple p*m with m = 30*j + w_k (w_k coprime to 30) lies in byte
//    p*j + floor(p*w_k/30) at a bit that depends only on (p mod 30, k). So one "block" of p bytes
//    holds exactly 8 multiples at 8 fixed byte offsets with 8 fixed bit masks; the loop clears 8
//    bits and advances p bytes. Primes are kept in 8 lists by p mod 30, so the masks are
//    compile-time constants and the loop over a list has no data-dependent dispatch.
//  - Medium primes (up to kSegmentBytes) use the same block loop over the whole segment.
//  - Large primes (a few multiples per segment, or none) live in a bucket sieve (T. Oliveira e
//    Silva; primesieve's EratBig): one list per upcoming segment, so a segment only visits the
//    primes that have a multiple in it. A range that fits in one segment skips the buckets and
//    crosses the large primes off straight from the base-prime list.
//  - Counting: popcount of 64-bit words; the bytes straddling lo and hi are masked.
//  - Base primes up to sqrt(hi) come from the same sieve (seeded by a tiny plain sieve) and are
//    cached across calls in a snapshot that only grows, to what the largest sqrt(hi) needs.
//
// Every sieving prime's state is (byte offset of its next multiple relative to the current
// chunk or segment, index k of that multiple's multiplier class); the state lives in the
// per-call Sieve object, so concurrent calls share nothing but the immutable tables and the
// (mutex-guarded, copy-on-grow) base-prime snapshot. The multi-threaded async kernels use the
// same Sieve through SieveCursor (one per thread), which runs it piece by piece and can be
// stopped between segments (StopToken).
#include "sieve.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace numaccel {
namespace {

using u8 = std::uint8_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;

// ---- wheel tables ---------------------------------------------------------------------------
constexpr u32 kWheel[8] = {1, 7, 11, 13, 17, 19, 23, 29};

constexpr int bit_of_residue(u32 r) noexcept {
    for (int b = 0; b < 8; ++b) {
        if (kWheel[b] == r) return b;
    }
    return -1;
}

// For a prime p = 30q + kWheel[RI] and a multiplier m = 30j + kWheel[k], the multiple p*m is in
// byte p*j + q*kWheel[k] + kCorr[RI][k] at bit kBit[RI][k]. kCorr[RI][8] and kWheel "8" = 31
// describe the first multiple of the next block (m = 30(j+1) + 1).
struct WheelTables {
    u8 corr[8][9];
    u8 mask[8][8];  // ~(1 << bit): the AND mask that crosses the multiple off
};

constexpr WheelTables make_wheel_tables() noexcept {
    WheelTables t{};
    for (int ri = 0; ri < 8; ++ri) {
        for (int k = 0; k < 8; ++k) {
            const u32 prod = kWheel[ri] * kWheel[k];
            t.corr[ri][k] = static_cast<u8>(prod / 30);
            t.mask[ri][k] = static_cast<u8>(~(1u << bit_of_residue(prod % 30)));
        }
        t.corr[ri][8] = static_cast<u8>(kWheel[ri]);  // floor(r * 31 / 30) = r for r < 30
    }
    return t;
}
constexpr WheelTables kTables = make_wheel_tables();

// Multiplier gap to the next wheel class: kWheel[k+1] - kWheel[k] (k = 7: 31 - 29).
constexpr u32 kWheelGap[8] = {6, 4, 2, 4, 2, 4, 6, 2};

// For r in [0, 30): the smallest d >= 0 with r + d coprime to 30 (r + d <= 31; 31 = 30 + 1).
struct NextCoprime {
    u8 delta[30];
    u8 index[30];  // wheel index of (r + delta) mod 30
};
constexpr NextCoprime make_next_coprime() noexcept {
    NextCoprime t{};
    for (u32 r = 0; r < 30; ++r) {
        u32 d = 0;
        while (bit_of_residue((r + d) % 30) < 0) ++d;
        t.delta[r] = static_cast<u8>(d);
        t.index[r] = static_cast<u8>(bit_of_residue((r + d) % 30));
    }
    return t;
}
constexpr NextCoprime kNext = make_next_coprime();

// Wheel index of a residue coprime to 30 (table form of bit_of_residue).
struct ResidueIndex {
    u8 index[30];
};
constexpr ResidueIndex make_residue_index() noexcept {
    ResidueIndex t{};
    for (u32 r = 0; r < 30; ++r) t.index[r] = static_cast<u8>(bit_of_residue(r) < 0 ? 0 : bit_of_residue(r));
    return t;
}
constexpr ResidueIndex kResidueIndex = make_residue_index();
inline int bit_of_residue_fast(u32 r) noexcept { return kResidueIndex.index[r]; }

// ---- sizes ----------------------------------------------------------------------------------
// Measured on an AMD EPYC (Zen 4: 32 KiB L1d, 1 MiB L2): primes up to ~4096 have many blocks per
// L1 chunk and gain from it; larger ones do better with one pass over the L2-resident segment.
// 256 KiB keeps the segment inside the L2 of most x86-64 CPUs.
constexpr std::size_t kChunkBytes = 32 * 1024;          // L1 data cache: 983,040 integers
constexpr std::size_t kSegmentBytes = 8 * kChunkBytes;  // L2-sized segment: 256 KiB
constexpr u32 kSmallPrimeLimit = 4096;                   // below: sieved chunk by chunk
static_assert(kSegmentBytes % kChunkBytes == 0, "segments are whole chunks");
static_assert(kSegmentBytes * 8 < (u64{1} << 29), "offsets must fit the packed state");
static_assert(kSieveSegmentIntegers == 30 * kSegmentBytes, "sieve.h describes the segment size");

// ---- pre-sieving ----------------------------------------------------------------------------
// Groups of primes whose multiples form patterns of period prod(group) bytes; each pattern is
// stored with kChunkBytes extra bytes so that any chunk is one contiguous read.
constexpr u32 kPreSieveGroups[][4] = {{7, 11, 13, 17}, {19, 23, 29, 0}, {31, 37, 41, 0}};
constexpr std::size_t kNumPreSieveGroups = sizeof(kPreSieveGroups) / sizeof(kPreSieveGroups[0]);
constexpr u32 kLargestPreSieved = 41;
constexpr u32 kFirstSievingPrime = 43;
// The first bytes (integers below 30 * kExactHeadBytes) get their exact prime bits after
// pre-sieving, which crossed off the pre-sieved primes themselves and left 1 set.
constexpr std::size_t kExactHeadBytes = kLargestPreSieved / 30 + 1;

class PreSieve {
public:
    PreSieve() {
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

    // Fills dst[0, len) with the pre-sieved bytes for global byte indices [first, first + len).
    void fill(u8* dst, u64 first, std::size_t len) const noexcept {
        const u8* src[kNumPreSieveGroups];
        for (std::size_t g = 0; g < kNumPreSieveGroups; ++g) {
            src[g] = pattern_[g].data() + first % period_[g];
        }
        static_assert(kNumPreSieveGroups == 3, "update the combining loop");
        const u8* a = src[0];
        const u8* b = src[1];
        const u8* c = src[2];
        for (std::size_t i = 0; i < len; ++i) dst[i] = static_cast<u8>(a[i] & b[i] & c[i]);
        for (u64 i = first; i < kExactHeadBytes && i < first + len; ++i) dst[i - first] = head_[i];
    }

private:
    std::vector<u8> pattern_[kNumPreSieveGroups];
    std::size_t period_[kNumPreSieveGroups] = {};
    u8 head_[kExactHeadBytes] = {};
};

const PreSieve& presieve() {
    // Immutable after (thread-safe) construction, and never destroyed: async work may still be
    // running on other threads while the process exits and runs static destructors.
    static const PreSieve* const instance = new PreSieve();
    return *instance;
}

// ---- sieving primes -------------------------------------------------------------------------
// q = p / 30 (the residue class RI = index of p mod 30 is implied by the list the prime is in),
// hit = byte offset of the next multiple to cross off, relative to the current chunk/segment,
// k = wheel index of that multiple's multiplier.
struct SievingPrime {
    u32 qk;   // q << 3 | k
    u32 hit;
};

// Crosses off the multiples of every prime in [first, last) inside seg[0, len), with the
// unrolled 8-multiples-per-block loop, and leaves each prime's state relative to seg + len.
template <int RI>
void cross_off_blocks(u8* seg, std::size_t len, SievingPrime* first, SievingPrime* last) noexcept {
    constexpr u32 R = kWheel[RI];
    constexpr u8 m0 = kTables.mask[RI][0], m1 = kTables.mask[RI][1], m2 = kTables.mask[RI][2], m3 = kTables.mask[RI][3];
    constexpr u8 m4 = kTables.mask[RI][4], m5 = kTables.mask[RI][5], m6 = kTables.mask[RI][6], m7 = kTables.mask[RI][7];
    for (SievingPrime* sp = first; sp != last; ++sp) {
        std::size_t hit = sp->hit;
        if (hit >= len) {
            sp->hit = static_cast<u32>(hit - len);
            continue;
        }
        const std::size_t q = sp->qk >> 3;
        unsigned k = sp->qk & 7;
        const std::size_t p = 30 * q + R;
        const std::size_t o[8] = {q * 1 + kTables.corr[RI][0],  q * 7 + kTables.corr[RI][1],
                                  q * 11 + kTables.corr[RI][2], q * 13 + kTables.corr[RI][3],
                                  q * 17 + kTables.corr[RI][4], q * 19 + kTables.corr[RI][5],
                                  q * 23 + kTables.corr[RI][6], q * 29 + kTables.corr[RI][7]};
        // First (partial) block: multiples k..7 of the block containing hit. The block base is
        // hit - o[k]; it may lie before seg, so offsets are formed as hit + (o[j] - o[k]).
        {
            const std::size_t ok = o[k];
            for (; k < 8; ++k) {
                const std::size_t at = hit + (o[k] - ok);
                if (at >= len) {
                    sp->qk = static_cast<u32>(q << 3 | k);
                    sp->hit = static_cast<u32>(at - len);
                    goto next_prime;
                }
                seg[at] &= kTables.mask[RI][k];
            }
            hit = hit - ok + p;  // base of the next block, inside or after seg
        }
        {
            // Whole blocks: all 8 multiples inside seg.
            const std::size_t o0 = o[0], o1 = o[1], o2 = o[2], o3 = o[3], o4 = o[4], o5 = o[5], o6 = o[6], o7 = o[7];
            if (hit + o7 < len) {
                const std::size_t stop = len - o7;  // blocks with base < stop are whole
                do {
                    u8* const b = seg + hit;
                    b[o0] &= m0;
                    b[o1] &= m1;
                    b[o2] &= m2;
                    b[o3] &= m3;
                    b[o4] &= m4;
                    b[o5] &= m5;
                    b[o6] &= m6;
                    b[o7] &= m7;
                    hit += p;
                } while (hit < stop);
            }
            // Last (partial) block.
            for (k = 0; k < 8; ++k) {
                const std::size_t at = hit + o[k];
                if (at >= len) {
                    sp->qk = static_cast<u32>(q << 3 | k);
                    sp->hit = static_cast<u32>(at - len);
                    break;
                }
                seg[at] &= kTables.mask[RI][k];
            }
            // (k < 8 always: the block is partial, so o[7] does not fit.)
        }
    next_prime:;
    }
}

// Byte distance from a multiple with multiplier class k to the next one, for p = 30q + kWheel[ri]:
// q * kWheelGap[k] + kStepCorr[ri][k].
struct StepCorr {
    u8 corr[8][8];
};
constexpr StepCorr make_step_corr() noexcept {
    StepCorr t{};
    for (int ri = 0; ri < 8; ++ri) {
        for (int k = 0; k < 8; ++k) t.corr[ri][k] = static_cast<u8>(kTables.corr[ri][k + 1] - kTables.corr[ri][k]);
    }
    return t;
}
constexpr StepCorr kStepCorr = make_step_corr();

// Crosses off the multiples of p = 30q + kWheel[ri] from seg[hit] on while inside seg[0, len);
// returns the offset of the next multiple (>= len) and updates k.
inline std::size_t cross_off_stepping(u8* seg, std::size_t len, std::size_t q, unsigned ri, unsigned& k,
                                      std::size_t hit) noexcept {
    unsigned kk = k;
    while (hit < len) {
        seg[hit] &= kTables.mask[ri][kk];
        hit += q * kWheelGap[kk] + kStepCorr.corr[ri][kk];
        kk = (kk + 1) & 7;
    }
    k = kk;
    return hit;
}

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

// ---- popcount -------------------------------------------------------------------------------
u64 count_bits_generic(const u8* p, std::size_t n) noexcept {
    u64 total = 0;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        u64 w;
        std::memcpy(&w, p + i, 8);
        // SWAR popcount (H. S. Warren, Hacker's Delight, 5-1).
        w = w - ((w >> 1) & 0x5555555555555555ULL);
        w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
        w = (w + (w >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
        total += (w * 0x0101010101010101ULL) >> 56;
    }
    for (; i < n; ++i) {
        unsigned b = p[i];
        while (b != 0) {
            b &= b - 1;
            ++total;
        }
    }
    return total;
}

#if (defined(__GNUC__) || defined(__clang__)) && defined(__x86_64__)
__attribute__((target("popcnt"))) u64 count_bits_popcnt(const u8* p, std::size_t n) noexcept {
    u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    std::size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        u64 w[4];
        std::memcpy(w, p + i, 32);
        t0 += static_cast<u64>(__builtin_popcountll(w[0]));
        t1 += static_cast<u64>(__builtin_popcountll(w[1]));
        t2 += static_cast<u64>(__builtin_popcountll(w[2]));
        t3 += static_cast<u64>(__builtin_popcountll(w[3]));
    }
    for (; i < n; ++i) t0 += static_cast<u64>(__builtin_popcount(p[i]));
    return t0 + t1 + t2 + t3;
}

using CountBitsFn = u64 (*)(const u8*, std::size_t) noexcept;
CountBitsFn choose_count_bits() noexcept {
    __builtin_cpu_init();
    return __builtin_cpu_supports("popcnt") ? count_bits_popcnt : count_bits_generic;
}
u64 count_bits(const u8* p, std::size_t n) noexcept {
    static const CountBitsFn fn = choose_count_bits();
    return fn(p, n);
}
#else
u64 count_bits(const u8* p, std::size_t n) noexcept {
    return count_bits_generic(p, n);
}
#endif

inline unsigned ctz64(u64 w) noexcept {
#if defined(__GNUC__) || defined(__clang__)
    return static_cast<unsigned>(__builtin_ctzll(w));
#else
    unsigned n = 0;
    while ((w & 1) == 0) {
        w >>= 1;
        ++n;
    }
    return n;
#endif
}

inline u64 isqrt(u64 n) noexcept {
    u64 r = 0;
    for (u64 bit = u64{1} << 31; bit != 0; bit >>= 1) {
        const u64 t = r | bit;
        if (t * t <= n) r = t;
    }
    return r;
}

// ---- the segmented sieve --------------------------------------------------------------------
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
          pre_(presieve()),
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
        while (next_prime_ < num_primes_ && primes_[next_prime_] < kFirstSievingPrime) ++next_prime_;
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
                buckets_.push(distance, BucketItem{q << 6 | ri << 3 | k, static_cast<u32>(hit - distance * kSegmentBytes)});
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
    const PreSieve& pre_;
    u64 first_byte_ = 0, end_byte_ = 0;
    u64 seg_byte_ = 0;  // start of the next segment to sieve
    std::size_t seg_len_max_ = 0;
    bool single_segment_ = false;
    std::vector<u8> buffer_;
    std::vector<SievingPrime> small_[8], medium_[8];
    BucketRing buckets_;
};

// Primes 2, 3, 5 in [lo, hi): the wheel does not represent them.
inline unsigned tiny_prime_count(u64 lo, u64 hi) noexcept {
    unsigned c = 0;
    for (u64 p : {2, 3, 5}) c += (lo <= p && p < hi) ? 1 : 0;
    return c;
}

// ---- base primes ----------------------------------------------------------------------------
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

// Writes the primes of one sieved segment (see Sieve) to out, ascending; returns how many.
std::size_t write_primes(const u8* bytes, std::size_t len, u64 first_byte, double* out) noexcept {
    std::size_t n = 0;
    std::size_t i = 0;
#if (defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) || defined(_MSC_VER)
    for (; i + 8 <= len; i += 8) {
        u64 w;
        std::memcpy(&w, bytes + i, 8);  // little-endian: bits 8j..8j+7 are byte i + j
        const u64 base30 = 30 * (first_byte + i);
        while (w != 0) {
            const unsigned t = ctz64(w);
            out[n++] = static_cast<double>(base30 + 30 * (t >> 3) + kWheel[t & 7]);
            w &= w - 1;
        }
    }
#endif
    for (; i < len; ++i) {
        unsigned b = bytes[i];
        while (b != 0) {
            const unsigned t = ctz64(b);
            out[n++] = static_cast<double>(30 * (first_byte + i) + kWheel[t]);
            b &= b - 1;
        }
    }
    return n;
}

}  // namespace

// The base-prime cache: an immutable snapshot of all primes <= limit, replaced by a larger one
// when a call needs more. Callers keep their snapshot (shared_ptr) for the duration of the call,
// so a concurrent growth never invalidates what they read. One mutex guards only the pointer
// (copied or replaced); another serialises the growths, so a thread that needs more primes than
// the snapshot holds waits while another grows it, and the others do not wait at all.
struct SieveBasePrimes {
    std::vector<u32> primes;  // every prime <= limit, ascending
    u64 limit = 0;
};

namespace {

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

// The base primes needed to sieve below hi (> 7): every prime p with p*p < hi.
inline u64 base_prime_need(u64 hi) noexcept {
    return std::max<u64>(isqrt(hi - 1), 7);
}

// Writes primes into out[0, capacity): first the wheel's own primes 2, 3, 5 (which the mod-30
// sieve does not represent), then the sieve's segments. It stops, setting overflow, rather than
// write past capacity; one popcount per segment checks the room first.
struct CappedPrimeWriter {
    double* out;
    std::size_t capacity;
    std::size_t n = 0;
    bool overflow = false;

    void wheel_primes(u64 lo, u64 hi) {
        for (u64 p : {2, 3, 5}) {
            if (lo <= p && p < hi) {
                if (n == capacity) {
                    overflow = true;
                    return;
                }
                out[n++] = static_cast<double>(p);
            }
        }
    }

    void operator()(const u8* bytes, std::size_t len, u64 first_byte) {
        if (overflow || count_bits(bytes, len) > capacity - n) {
            overflow = true;
            return;
        }
        n += write_primes(bytes, len, first_byte, out + n);
    }
};

}  // namespace

std::uint64_t count_primes(std::uint64_t lo, std::uint64_t hi) {
    if (hi <= lo) return 0;
    u64 count = tiny_prime_count(lo, hi);
    if (hi <= 7) return count;
    const std::shared_ptr<const SieveBasePrimes> base = base_prime_cache().get(base_prime_need(hi), nullptr);
    Sieve sieve(lo, hi, base->primes.data(), base->primes.size());
    auto sink = [&count](const u8* bytes, std::size_t len, u64) { count += count_bits(bytes, len); };
    sieve.run(sink);
    return count;
}

std::size_t primes_between(std::uint64_t lo, std::uint64_t hi, double* out, std::size_t capacity) {
    if (hi <= lo) return 0;
    CappedPrimeWriter writer{out, capacity};
    writer.wheel_primes(lo, hi);
    if (writer.overflow) return kPrimesOverflow;
    if (hi <= 7) return writer.n;
    const std::shared_ptr<const SieveBasePrimes> base = base_prime_cache().get(base_prime_need(hi), nullptr);
    Sieve sieve(lo, hi, base->primes.data(), base->primes.size());
    sieve.run(writer);
    return writer.overflow ? kPrimesOverflow : writer.n;
}

// ---- piecewise sieving ------------------------------------------------------------------------

std::shared_ptr<const SieveBasePrimes> sieve_base_primes(std::uint64_t hi, const StopToken* stop) {
    return base_prime_cache().get(hi <= 7 ? 7 : base_prime_need(hi), stop);
}

struct SieveCursor::Impl {
    u64 lo, hi, pos;
    std::shared_ptr<const SieveBasePrimes> base;  // keeps the primes the sieve points into alive
    std::unique_ptr<Sieve> sieve;                 // null when hi <= 7 (only 2, 3, 5 to report)

    // The end byte of the sieve run that ends at `to`, after checking that `to` is allowed.
    u64 stop_byte(u64 to) const {
        if (!(to > pos && to <= hi)) throw std::invalid_argument("SieveCursor: pieces must move forward within [lo, hi)");
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
