// The resampling loops' thread pool: resample b runs on thread b % threads, and every resample has
// its own random stream, so the figures do not depend on the number of threads.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace manyi::stats::detail {

/// Calls worker(t, threads) on `threads` threads (0 = one per hardware thread, never more than
/// count); worker t handles items t, t + threads, t + 2·threads… of `count` with its own buffers.
template <class Worker>
void RunStrided(std::size_t count, unsigned threads, Worker worker) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(count, 1)));
  if (threads <= 1) {
    worker(0u, 1u);
    return;
  }
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker, t, threads);
  for (auto& th : pool) th.join();
}

}  // namespace manyi::stats::detail
