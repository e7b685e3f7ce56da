// numaccel — the async great-circle kernels: greatCircleManyAsync and greatCircleMatrixAsync,
// cut into chunks of pairs or of matrix rows (split.h).
#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>

#include "../async.h"
#include "../glue.h"
#include "../kernels/geo.h"
#include "job.h"
#include "split.h"

namespace numaccel {
namespace async {
namespace {

using glue::GeoArgs;
using glue::ManyArgsOf;
using glue::MatrixArgsOf;
using glue::VariantOf;

// Each function runs the SIMD variant it is bound to (VariantOf), as the synchronous functions it
// sits next to do: a variant evaluates the same IEEE operations for a pair whatever chunk it is
// in, so chunking cannot change a single bit.

struct Column {
    const double* data;
    std::size_t length;
};

using FourArrays = Napi::Float64Array[4];

class ManyJob final : public Job {
  public:
    ManyJob(Napi::Env env, unsigned threads, Napi::Int32Array control, const GeoVariant& variant, const FourArrays& in,
            double radius, Napi::Float64Array out)
        : Job(env, "greatCircleManyAsync", threads, control),
          variant_(variant),
          radius_(radius),
          out_(out.Data()),
          n_(out.ElementLength()) {
        for (int c = 0; c < 4; ++c) {
            in_[c] = Column{in[c].Data(), in[c].ElementLength()};
            Keep(in[c]);
        }
        Keep(out);
    }

  private:
    void Run(Control& control) override {
        // ~14 ns per pair on one AVX2 core: 64K pairs are ~1 ms. Multiples of 16 pairs (the
        // widest variant's step) leave a padded tail only at the very end.
        std::size_t size = chunk_size(n_, threads_, 4096, 65536);
        size = (size + 15) / 16 * 16;
        for_each_chunk(control, threads_, ceil_div(n_, size), [&](std::size_t i) {
            const std::size_t a = i * size;
            const std::size_t m = std::min(size, n_ - a);
            // A column of length n is cut to the chunk; a broadcast one (length 1) stays whole.
            const double* p[4];
            std::size_t len[4];
            for (int c = 0; c < 4; ++c) {
                const bool whole = in_[c].length == n_;
                p[c] = whole ? in_[c].data + a : in_[c].data;
                len[c] = whole ? m : 1;
            }
            variant_.many(p[0], len[0], p[1], len[1], p[2], len[2], p[3], len[3], radius_, out_ + a, m);
        });
    }

    const GeoVariant& variant_;
    Column in_[4];
    double radius_;
    double* out_;
    std::size_t n_;
};

Napi::Value GreatCircleManyAsync(const Napi::CallbackInfo& info) {
    const std::string name = "greatCircleManyAsync";
    const GeoArgs args = ManyArgsOf(info, name);
    const unsigned threads = ThreadsArg(info, 6, name);
    Napi::Int32Array control = ControlArg(info, 7, name);
    return Job::Start(std::unique_ptr<Job>(new ManyJob(info.Env(), threads, control, VariantOf(info), args.arrays,
                                                       args.radius, args.out)),
                      info.Env());
}

class MatrixJob final : public Job {
  public:
    MatrixJob(Napi::Env env, unsigned threads, Napi::Int32Array control, const GeoVariant& variant,
              const FourArrays& in, double radius, Napi::Float64Array out)
        : Job(env, "greatCircleMatrixAsync", threads, control), variant_(variant), radius_(radius), out_(out.Data()) {
        for (int c = 0; c < 4; ++c) {
            in_[c] = Column{in[c].Data(), in[c].ElementLength()};
            Keep(in[c]);
        }
        Keep(out);
    }

  private:
    void Run(Control& control) override {
        const std::size_t n_a = in_[0].length, n_b = in_[2].length;
        if (n_a == 0 || n_b == 0) {
            control.start(0);
            return;
        }
        // ~10 ns per cell on one AVX2 core: 256K cells are ~2.5 ms.
        constexpr std::size_t kCells = std::size_t{1} << 18;
        if (n_b <= kCells) {
            // Blocks of whole rows, by the matrix kernel (it prepares the B points once per block).
            // At least ~4K cells per chunk (a thread is not worth starting for less), at most kCells.
            const std::size_t most = std::max<std::size_t>(1, kCells / n_b);
            const std::size_t rows = chunk_size(n_a, threads_, std::min(most, ceil_div(4096, n_b)), most);
            for_each_chunk(control, threads_, ceil_div(n_a, rows), [&](std::size_t i) {
                const std::size_t r = i * rows;
                const std::size_t m = std::min(rows, n_a - r);
                variant_.matrix(in_[0].data + r, in_[1].data + r, m, in_[2].data, in_[3].data, n_b, radius_,
                                out_ + r * n_b);
            });
        } else {
            // Rows too long for one chunk: pieces of a row, by the pairwise kernel with the A point
            // broadcast (bit-identical to the matrix kernel: the same operations of the same variant).
            const std::size_t pieces = ceil_div(n_b, kCells);
            for_each_chunk(control, threads_, n_a * pieces, [&](std::size_t i) {
                const std::size_t r = i / pieces;
                const std::size_t c = (i % pieces) * kCells;
                const std::size_t m = std::min(kCells, n_b - c);
                variant_.many(in_[0].data + r, 1, in_[1].data + r, 1, in_[2].data + c, m, in_[3].data + c, m, radius_,
                              out_ + r * n_b + c, m);
            });
        }
    }

    const GeoVariant& variant_;
    Column in_[4];
    double radius_;
    double* out_;
};

Napi::Value GreatCircleMatrixAsync(const Napi::CallbackInfo& info) {
    const std::string name = "greatCircleMatrixAsync";
    const GeoArgs args = MatrixArgsOf(info, name);
    const unsigned threads = ThreadsArg(info, 6, name);
    Napi::Int32Array control = ControlArg(info, 7, name);
    return Job::Start(std::unique_ptr<Job>(new MatrixJob(info.Env(), threads, control, VariantOf(info), args.arrays,
                                                         args.radius, args.out)),
                      info.Env());
}

}  // namespace
}  // namespace async

void AddGeoAsyncFunctions(Napi::Env env, Napi::Object target, const GeoVariant& variant) {
    using async::PromiseFunction;
    void* data = const_cast<GeoVariant*>(&variant);  // read-only, static lifetime
    target.Set("greatCircleManyAsync",
               Napi::Function::New(env, PromiseFunction<async::GreatCircleManyAsync>, "greatCircleManyAsync", data));
    target.Set("greatCircleMatrixAsync", Napi::Function::New(env, PromiseFunction<async::GreatCircleMatrixAsync>,
                                                             "greatCircleMatrixAsync", data));
}

}  // namespace numaccel
