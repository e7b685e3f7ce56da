// numaccel — cooperative cancellation for long-running kernels (plain C++17, no Node-API).
#ifndef NUMACCEL_KERNELS_STOP_H
#define NUMACCEL_KERNELS_STOP_H

namespace numaccel {

// Polled by long-running kernel work between small pieces of it (a sieve segment, a batch of
// sieving primes); returning true asks the work to stop as soon as possible and report that it
// did not finish. Implementations must be cheap and safe to call from any thread.
class StopToken {
  public:
    virtual bool stop_requested() const noexcept = 0;

  protected:
    ~StopToken() = default;
};

inline bool stop_requested(const StopToken* stop) noexcept { return stop != nullptr && stop->stop_requested(); }

}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_STOP_H
