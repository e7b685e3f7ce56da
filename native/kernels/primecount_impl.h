// numaccel — the Deléglise–Rivat kernel of primecount.cc (the π table, the segmented sieve with
// counters, the leaf sums). Deliberately without an include guard: primecount.cc includes it twice,
// inside two namespaces, once compiled for the POPCNT instruction and once for any x86-64 (or
// another architecture), and picks one at run time, so that the addon still runs on every CPU
// (no global -mpopcnt: see CMakeLists.txt). NUMACCEL_PC_POPCOUNT64 is the popcount to use.

inline int popcount64(u64 v) noexcept { return NUMACCEL_PC_POPCOUNT64(v); }

// ---- π(u) for 0 <= u <= limit: one bit per integer coprime to 30, and a count per word ------
class PiTable {
  public:
    PiTable(const std::vector<u32>& primes, u64 limit, const Tables& t) : t_(t) {
        const std::size_t words = static_cast<std::size_t>(limit / 240 + 1);
        bits_.assign(words, 0);
        count_.assign(words, 0);
        for (std::size_t i = 4; i < primes.size() && primes[i] <= limit; ++i) {
            const u64 p = primes[i];
            bits_[p / 240] |= u64{1} << (8 * ((p % 240) / 30) + t.bit_of[p % 30]);
        }
        u32 running = 3;  // 2, 3, 5
        for (std::size_t w = 0; w < words; ++w) {
            count_[w] = running;
            running += static_cast<u32>(popcount64(bits_[w]));
        }
    }
    u64 operator()(u64 u) const noexcept {
        if (u < 5) return (0x22100 >> (4 * u)) & 0xF;  // π(0..4) = 0, 0, 1, 2, 2
        const u64 w = u / 240;
        return count_[w] + static_cast<u64>(popcount64(bits_[w] & t_.mask240[u - 240 * w]));
    }

  private:
    const Tables& t_;
    std::vector<u64> bits_;
    std::vector<u32> count_;
};

// ---- the algorithm ------------------------------------------------------------------------
class DelegliseRivat {
  public:
    DelegliseRivat(u64 x, const Params& params) : x_(x), t_(tables()) {
        const u64 x13 = icbrt(x);
        const double alpha = params.alpha > 0 ? params.alpha : default_alpha(x);
        u64 y = static_cast<u64>(alpha * static_cast<double>(x13));
        sqrtx_ = isqrt(x);
        y = std::max<u64>(std::max<u64>(y, x13), 19);
        y_ = std::min(y, sqrtx_);
        zmax_ = x / (y_ + 1);  // the largest argument of a special leaf or of P2
        block_log2_ = params.block_words_log2;
        if (params.segment_words_log2 != 0) {
            seg_log2_ = params.segment_words_log2;
        } else {
            // At least 2·√zmax integers per segment, and at least 2^12 words (983,040 integers,
            // a 32 KiB bitmap that stays in L1). For alpha >= 1 and x <= 2^53, 2·√zmax <=
            // 2·x^(1/3) < 983,040, so this is always 2^12 words: 2^14 and 2^15 measured the same
            // or slower at 10^15 (the counted cross-offs hit L1 instead of L2).
            seg_log2_ = 12;
            while (seg_log2_ < 15 && (u64{240} << seg_log2_) < 2 * isqrt(zmax_)) ++seg_log2_;
        }
        if (seg_log2_ < block_log2_) seg_log2_ = block_log2_;
    }

    // The tables every part needs: the primes up to √x, π up to y, μ and lpf up to y, and the
    // bounds of the hard and sparse easy leaves of each b.
    void prepare() {
        primes_ = primes_up_to(sqrtx_);
        a_ =
            static_cast<u64>(std::upper_bound(primes_.begin(), primes_.end(), static_cast<u32>(y_)) - primes_.begin()) -
            1;
        pi_small_.reset(new PiTable(primes_, y_, t_));
        factors_.reset(new FactorTable(y_, primes_));
        pi_sqrty_ = (*pi_small_)(isqrt(y_));
        pi_sqrtz_ = (*pi_small_)(isqrt(zmax_));  // √zmax <= y
        // The b with hard leaves: all b <= π(√y), then those with a prime q in (p_b, x/p_b³].
        b_hard_ = kC;
        for (u64 b = kC + 1; b < a_; ++b) {
            if (b <= pi_sqrty_) {
                b_hard_ = b;
                continue;
            }
            const u64 p = primes_[b];
            if (primes_[b + 1] <= std::min(y_, x_ / p / p / p))
                b_hard_ = b;
            else
                break;
        }
        n_sieve_ = std::max(b_hard_, pi_sqrtz_);
        // umax_[b]: an upper bound for the hard leaves of every b' >= b (non-increasing).
        umax_.assign(b_hard_ + 2, 0);
        for (u64 b = b_hard_; b > kC; --b) {
            const u64 p = primes_[b];
            const u64 xp = x_ / p;
            const u64 u = b <= pi_sqrty_ ? xp / (y_ / p + 1) : xp / primes_[b + 1];
            umax_[b] = std::max(u, umax_[b + 1]);
        }
        // The b with sparse easy leaves (u > y): q in (e_lo_, e_hi_].
        b_sparse_first_ = std::max<u64>(pi_sqrty_, kC) + 1;
        for (u64 b = b_sparse_first_; b <= pi_sqrtz_ && b < a_; ++b) {
            const u64 p = primes_[b];
            const u64 xp = x_ / p;
            e_lo_.push_back(std::max(p, xp / p / p));
            e_hi_.push_back(std::min(std::min(y_, xp / p), xp / (y_ + 1)));
        }
        b_sparse_end_ = b_sparse_first_ + e_lo_.size();
    }

    u64 x() const noexcept { return x_; }

    // The segments of the sieve of [0, zmax]: segment s covers [s·span, (s + 1)·span).
    u64 segments() const noexcept { return zmax_ / (u64{240} << seg_log2_) + 1; }

    u64 run() {
        prepare();
        const PrimePiSieveSums sums = sieve(0, segments());
        const i64 pi = leaves(0, 1) + sums.hard + sums.sparse - sums.p2;
        return static_cast<u64>(pi);
    }

    // S1 + a − 1 (for index 0 only) plus the trivial and dense easy leaves of every b with
    // (b − first) mod count == index: a share of the work that needs no sieve.
    i64 leaves(u64 index, u64 count) const {
        const i64 base = index == 0 ? ordinary_leaves() + static_cast<i64>(a_) - 1 : 0;
        return base + trivial_and_dense_easy_leaves(index, count);
    }

    // The sums of segments [from, to) of the sieve (clamped to [0, segments())), with φ and π
    // counted from the first segment's start: PrimePiSieveSums says how to complete them.
    PrimePiSieveSums sieve(u64 from, u64 to) {
        PrimePiSieveSums sums;
        to = std::min(to, segments());
        from = std::min(from, to);
        sums.phi.assign(b_hard_ > kC ? b_hard_ - kC : 0, 0);
        sums.sign.assign(sums.phi.size(), 0);
        segmented_pass(from, to, sums);
        return sums;
    }

  private:
    // S1 = Σ μ(n)·φ(x/n, c) over squarefree n <= y with lpf(n) > p_c (n = 1 included).
    i64 ordinary_leaves() const {
        const FactorTable& f = *factors_;
        constexpr u32 kThreshold = 2 * kPc + 1;
        i64 sum = 0;
        for (i64 i = 0; i < f.size(); ++i) {
            const u32 v = f[i];
            if (v > kThreshold) {
                const i64 phi = static_cast<i64>(phi_c(x_ / f.value(i), t_));
                sum += (v & 1) ? -phi : phi;
            }
        }
        return sum;
    }

    // The special leaves of the b with p_b > √y (where m is a prime q, p_b < q <= y) that are
    // trivial (q > x/p_b², φ = 1) or easy with u = x/(p_b·q) <= y (π(u) from the small table).
    i64 trivial_and_dense_easy_leaves(u64 index, u64 count) const {
        const PiTable& pi = *pi_small_;
        i64 sum = 0;
        for (u64 b = std::max<u64>(pi_sqrty_, kC) + 1 + index; b < a_; b += count) {
            const u64 p = primes_[b];
            const u64 xp = x_ / p;
            const u64 xp2 = xp / p;
            // Trivial: q in (max(p, x/p²), y].
            const u64 lo_trivial = std::max(p, xp2);
            if (lo_trivial < y_) sum += static_cast<i64>(a_ - pi(lo_trivial));
            // Easy with u <= y: q in (max(p, x/p³, x/(p·(y+1))), min(y, x/p²)].
            const u64 q_lo = std::max(std::max(p, xp2 / p), xp / (y_ + 1));
            const u64 q_hi = std::min(y_, xp2);
            if (q_hi <= q_lo) continue;
            const i64 shift = 2 - static_cast<i64>(b);  // φ = π(u) − b + 2
            // q <= √(x/p) (then u >= q): one leaf at a time.
            const u64 split = std::max(q_lo, std::min(isqrt(xp), q_hi));
            const u64 i_split = pi(split);
            for (u64 i = pi(q_lo) + 1; i <= i_split; ++i) sum += static_cast<i64>(pi(xp / primes_[i])) + shift;
            // q in (split, q_hi], where u < q and many neighbouring leaves share π(u) (DR's
            // clustered leaves): sum over the values instead, by the hyperbola identity
            //   Σ_{A<q<=B} π(⌊xp/q⌋) = π(⌊xp/B⌋)·(π(B) − π(A)) + Σ_{xp/B < p_v <= xp/(A+1)} (π(⌊xp/p_v⌋) − π(A)),
            // each prime p_v <= u counting the q <= xp/p_v. No term depends on the previous one.
            if (q_hi > split) {
                const u64 pi_a = i_split, pi_b = pi(q_hi);
                const u64 u_lo = xp / q_hi, u_hi = xp / (split + 1);
                const u64 v_end = pi(u_hi);
                u64 v = pi(u_lo);
                i64 t = static_cast<i64>(v * (pi_b - pi_a)) + static_cast<i64>(pi_b - pi_a) * shift;
                for (++v; v <= v_end; ++v) t += static_cast<i64>(pi(xp / primes_[v]) - pi_a);
                sum += t;
            }
        }
        return sum;
    }

    // The sieve state of sieving prime b: next multiple (byte offset from the segment start) of
    // each of the 8 classes.
    void init_prime(u64 b, u64 lo_byte) {
        const u64 p = primes_[b];
        u32* st = &next_[8 * b];
        for (u32 k = 0; k < 8; ++k) {
            const u64 off = p * kWheel[k] / 30;  // byte of p·kWheel[k]
            const u64 j = lo_byte > off ? (lo_byte - off + p - 1) / p : 0;
            st[k] = static_cast<u32>(p * j + off - lo_byte);
        }
    }

    // Crosses off the multiples of primes_[b] in the segment; with counters, keeps them and
    // `total` equal to the number of set bits per block and in all.
    template <bool kCount>
    void cross_off(u64 b, u8* bytes, u32 seg_bytes, u32* counters, i64& total) {
        const u32 p = primes_[b];
        const u32 pr = p % 30;
        u32* st = &next_[8 * b];
        const unsigned shift = 3 + block_log2_;
        for (u32 k = 0; k < 8; ++k) {
            const unsigned bit = t_.bit_of[(pr * kWheel[k]) % 30];
            const u8 mask = static_cast<u8>(~(1u << bit));
            u32 i = st[k];
            if (kCount) {
                i64 removed = 0;
                for (; i < seg_bytes; i += p) {
                    const u32 v = bytes[i];
                    const u32 was = (v >> bit) & 1;
                    bytes[i] = static_cast<u8>(v & mask);
                    counters[i >> shift] -= was;
                    removed += was;
                }
                total -= removed;
            } else {
                for (; i < seg_bytes; i += p) bytes[i] &= mask;
            }
            st[k] = i - seg_bytes;
        }
    }

    void segmented_pass(u64 from, u64 to, PrimePiSieveSums& sums) {
        const FactorTable& f = *factors_;
        const PiTable& pi_small = *pi_small_;
        const u64 words = u64{1} << seg_log2_;
        const u64 block_words = u64{1} << block_log2_;
        const u32 seg_bytes = static_cast<u32>(8 * words);
        const u64 seg_span = 240 * words;
        const u64 b_hard = b_hard_;
        const u64 b_sparse_first = b_sparse_first_, b_sparse_end = b_sparse_end_;

        std::vector<u64> seg(words + 1, 0);
        std::vector<u32> counters(words >> block_log2_);
        std::vector<u32> prefix(words);
        std::vector<i64> phi(b_hard + 2, 0);  // φ(lo − 1, b − 1) − φ(from·span − 1, b − 1)
        std::vector<i64> sign(b_hard + 2, 0);
        next_.assign(8 * (n_sieve_ + 1), 0);
        u8* const bytes = reinterpret_cast<u8*>(seg.data());
        u64 inited = kC;  // sieving primes 8 … inited have their state
        u64 b_max = b_hard;
        u64 pi_lo = 0;  // π(lo − 1) (less π(from·span − 1) if relative), beyond y
        bool pi_started = false;
        u64 p2_index = primes_.size() - 1;  // P2: p = primes_[p2_index] descending
        while (p2_index > a_ && x_ / primes_[p2_index] < from * seg_span) --p2_index;

        for (u64 lo = from * seg_span; lo < to * seg_span; lo += seg_span) {
            const u64 hi = std::min(lo + seg_span, zmax_ + 1);
            const u64 lo_byte = lo / 30;
            // Pre-sieved wheel bytes: 2, 3, 5 (the wheel) and 7, 11, 13, 17 are crossed off.
            {
                u64 off = lo_byte % kPatternBytes;
                for (u32 filled = 0; filled < seg_bytes;) {
                    const u32 n = static_cast<u32>(std::min<u64>(kPatternBytes - off, seg_bytes - filled));
                    std::memcpy(bytes + filled, t_.pattern.data() + off, n);
                    filled += n;
                    off = 0;
                }
            }
            while (b_max > kC && umax_[b_max] < lo) --b_max;
            while (inited < b_max) init_prime(++inited, lo_byte);
            // Hard special leaves: for b = c+1, c+2, …, the bitmap holds the integers free of
            // p_1 … p_{b−1}; count up to each leaf, then cross off p_b.
            if (b_max > kC) {
                i64 total = 0;
                for (u64 blk = 0; blk < (words >> block_log2_); ++blk) {
                    u32 n = 0;
                    for (u64 w = blk << block_log2_; w < (blk + 1) << block_log2_; ++w)
                        n += static_cast<u32>(popcount64(seg[w]));
                    counters[blk] = n;
                    total += n;
                }
                for (u64 b = kC + 1; b <= b_max; ++b) {
                    const u64 p = primes_[b];
                    const u64 xp = x_ / p;
                    // Running count of set bits in words [0, qw): the leaves of one b come in
                    // ascending order of u, so the count only moves forward.
                    u64 qw = 0;
                    i64 qcount = 0;
                    auto count_to = [&](u64 u) -> i64 {
                        const u64 t = u - lo;
                        const u64 w = t / 240;
                        if (w > qw) {
                            while (qw < w && (qw & (block_words - 1))) qcount += popcount64(seg[qw++]);
                            while (qw + block_words <= w) {
                                qcount += counters[qw >> block_log2_];
                                qw += block_words;
                            }
                            while (qw < w) qcount += popcount64(seg[qw++]);
                        }
                        return qcount + popcount64(seg[w] & t_.mask240[t - 240 * w]);
                    };
                    const i64 phi_b = phi[b];
                    i64 sum = 0, signs = 0;
                    if (b <= pi_sqrty_) {
                        // m squarefree, lpf(m) > p, y/p < m <= y, lo <= x/(p·m) < hi.
                        const u64 m_lo = std::max(xp / hi, y_ / p);
                        const u64 m_hi = lo == 0 ? y_ : std::min(xp / lo, y_);
                        const u32 threshold = static_cast<u32>(2 * p + 1);
                        const i64 i_end = f.floor_index(m_lo);
                        for (i64 i = m_hi > m_lo ? f.floor_index(m_hi) : i_end; i > i_end; --i) {
                            const u32 v = f[i];
                            if (v > threshold) {
                                const i64 phi_u = phi_b + count_to(xp / f.value(i));
                                sum += (v & 1) ? phi_u : -phi_u;
                                signs += (v & 1) ? 1 : -1;
                            }
                        }
                    } else {
                        // m = q prime, p < q <= min(y, x/p³).
                        const u64 q_lim = std::min(y_, xp / p / p);
                        const u64 q_lo = std::max(p, xp / hi);
                        const u64 q_hi = lo == 0 ? q_lim : std::min(q_lim, xp / lo);
                        if (q_hi > q_lo) {
                            const u64 i_end = pi_small(q_lo);
                            const u64 i_start = pi_small(q_hi);
                            for (u64 i = i_start; i > i_end; --i) sum += phi_b + count_to(xp / primes_[i]);
                            signs += static_cast<i64>(i_start - i_end);
                        }
                    }
                    sums.hard += sum;
                    sign[b] += signs;
                    phi[b] = phi_b + total;
                    cross_off<true>(b, bytes, seg_bytes, counters.data(), total);
                }
            }
            // The rest of the sieving primes that have a state keep crossing off.
            for (u64 b = std::max(b_max, kC) + 1; b <= inited; ++b) {
                i64 unused = 0;
                cross_off<false>(b, bytes, seg_bytes, nullptr, unused);
            }
            if (hi <= y_ + 1) continue;  // no π(u) with u > y here

            // Complete the sieve up to √hi: the bitmap then holds the primes in [lo, hi) …
            while (inited < n_sieve_ && u64{primes_[inited + 1]} * primes_[inited + 1] < hi) {
                init_prime(++inited, lo_byte);
                i64 unused = 0;
                cross_off<false>(inited, bytes, seg_bytes, nullptr, unused);
            }
            // … once the sieving primes themselves (crossed off as their own first multiple) are
            // put back and 1 is removed.
            if (lo == 0) bytes[0] &= static_cast<u8>(~1u);
            for (u64 i = 4; i <= std::max<u64>(inited, kC) && primes_[i] < hi; ++i) {
                const u64 p = primes_[i];
                if (p < lo) continue;
                bytes[(p - lo) / 30] |= static_cast<u8>(1u << t_.bit_of[p % 30]);
            }
            if (!pi_started) {
                // π(lo − 1) from the table where lo − 1 <= y; otherwise counted from here.
                pi_started = true;
                sums.absolute = lo <= y_ + 1;
                pi_lo = lo == 0 || !sums.absolute ? 0 : pi_small(lo - 1);
            }
            const u64 base = pi_lo + (lo == 0 ? 3 : 0);
            u32 running = 0;
            const u64 used_words = (hi - lo + 239) / 240;
            for (u64 w = 0; w < used_words; ++w) {
                prefix[w] = running;
                running += static_cast<u32>(popcount64(seg[w]));
            }
            auto pi_seg = [&](u64 u) -> u64 {
                const u64 t = u - lo;
                const u64 w = t / 240;
                return base + prefix[w] + static_cast<u64>(popcount64(seg[w] & t_.mask240[t - 240 * w]));
            };
            // Easy leaves with u > y: φ = π(u) − b + 2.
            for (u64 b = b_sparse_first; b < b_sparse_end; ++b) {
                const u64 eh = e_hi_[b - b_sparse_first];
                const u64 el = e_lo_[b - b_sparse_first];
                if (eh <= el) continue;
                const u64 xp = x_ / primes_[b];
                const u64 q_lo = std::max(el, xp / hi);
                const u64 q_hi = lo == 0 ? eh : std::min(eh, xp / lo);
                if (q_hi <= q_lo) continue;
                const i64 shift = 2 - static_cast<i64>(b);
                const u64 i_end = pi_small(q_lo);
                i64 sum = 0;
                const u64 i_start = pi_small(q_hi);
                for (u64 i = i_start; i > i_end; --i) sum += static_cast<i64>(pi_seg(xp / primes_[i])) + shift;
                sums.sparse += sum;
                sums.sparse_terms += i_start - i_end;
            }
            // P2: π(x/p) − (b − 1) for a < b <= π(√x), x/p in [lo, hi).
            while (p2_index > a_) {
                const u64 u = x_ / primes_[p2_index];
                if (u >= hi) break;
                sums.p2 += static_cast<i64>(pi_seg(u)) - static_cast<i64>(p2_index - 1);
                ++sums.p2_terms;
                --p2_index;
            }
            pi_lo = pi_seg(hi - 1);  // = base + running, except past zmax in the last word
        }
        sums.pi_end = pi_lo;
        for (u64 b = kC + 1; b <= b_hard; ++b) {
            sums.phi[b - kC - 1] = phi[b];
            sums.sign[b - kC - 1] = sign[b];
        }
    }

    const u64 x_;
    const Tables& t_;
    u64 y_ = 0, sqrtx_ = 0, zmax_ = 0, a_ = 0, pi_sqrty_ = 0, pi_sqrtz_ = 0;
    unsigned seg_log2_ = 14, block_log2_ = 3;
    std::vector<u32> primes_;
    std::unique_ptr<PiTable> pi_small_;
    std::unique_ptr<FactorTable> factors_;
    u64 b_hard_ = 0, n_sieve_ = 0, b_sparse_first_ = 0, b_sparse_end_ = 0;
    std::vector<u64> umax_, e_lo_, e_hi_;
    std::vector<u32> next_;
};

// The prepared tables of the last x this thread worked on, for the next part of the same x.
inline DelegliseRivat& prepared(u64 x) {
    thread_local std::unique_ptr<DelegliseRivat> cached;
    if (!cached || cached->x() != x) {
        cached.reset();
        std::unique_ptr<DelegliseRivat> next(new DelegliseRivat(x, Params{0, 0, 3}));
        next->prepare();
        cached = std::move(next);
    }
    return *cached;
}
