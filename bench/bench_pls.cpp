// manyi-bench-pls: times PLS path modelling on synthetic data with a known ECSI structure —
// (a) 500 bootstrap resamples on 10,000 respondents, (b) one estimation on 1,000,000 respondents —
// and prints elapsed seconds and peak memory beside the targets (10 s, 5 s). Never fails on time.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "stats/pls.h"
#include "support/normal_sequence.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace stats = manyi::stats;
namespace test_support = manyi::test_support;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// CPU seconds of the process (user + system): shows when a shared machine slowed the wall time.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6;
}

double PeakMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}


// ECSI: IMAG(5) EXPE(3) QUAL(5) VAL(2) SAT(3) COMP(1) LOY(3), items on 1–10.
struct Block {
  const char* name;
  int items;
};
constexpr Block kBlocks[] = {{"IMAG", 5}, {"EXPE", 3}, {"QUAL", 5}, {"VAL", 2}, {"SAT", 3}, {"COMP", 1}, {"LOY", 3}};
constexpr std::size_t kLvs = std::size(kBlocks);

stats::PlsModel EcsiModel() {
  stats::PlsModel model;
  std::size_t column = 0;
  for (const auto& b : kBlocks) {
    stats::PlsLatent lv;
    lv.name = b.name;
    for (int j = 0; j < b.items; ++j) lv.columns.push_back(column++);
    lv.scaleMin = 1.0;
    lv.scaleMax = 10.0;
    model.latents.push_back(lv);
  }
  // IMAG→EXPE, IMAG→SAT, IMAG→LOY, EXPE→QUAL, EXPE→VAL, EXPE→SAT, QUAL→VAL, QUAL→SAT, VAL→SAT,
  // SAT→COMP, SAT→LOY, COMP→LOY.
  model.paths = {{0, 1}, {0, 4}, {0, 6}, {1, 2}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3, 4}, {4, 5}, {4, 6}, {5, 6}};
  return model;
}

// Latent scores from the structural equations (true paths in comments), items = rounded
// 5.5 + 1.6 (0.8 η + 0.6 ε), clamped to 1–10.
std::vector<std::vector<double>> Generate(std::size_t n, std::uint64_t seed) {
  std::size_t items = 0;
  for (const auto& b : kBlocks) items += std::size_t(b.items);
  std::vector<std::vector<double>> cols(items, std::vector<double>(n));
  test_support::NormalSequence normal(seed);  // the generator of the tests
  double eta[kLvs];
  for (std::size_t r = 0; r < n; ++r) {
    eta[0] = normal();                                                                     // IMAG
    eta[1] = 0.6 * eta[0] + 0.8 * normal();                                                // EXPE
    eta[2] = 0.7 * eta[1] + 0.714 * normal();                                              // QUAL
    eta[3] = 0.2 * eta[1] + 0.6 * eta[2] + 0.7 * normal();                                 // VAL
    eta[4] = 0.2 * eta[0] + 0.1 * eta[1] + 0.3 * eta[2] + 0.4 * eta[3] + 0.55 * normal();  // SAT
    eta[5] = -0.5 * eta[4] + 0.866 * normal();                                             // COMP
    eta[6] = 0.3 * eta[0] + 0.5 * eta[4] - 0.1 * eta[5] + 0.6 * normal();                  // LOY
    std::size_t c = 0;
    for (std::size_t k = 0; k < kLvs; ++k) {
      for (int j = 0; j < kBlocks[k].items; ++j) {
        const double v = std::round(5.5 + 1.6 * (0.8 * eta[k] + 0.6 * normal()));
        cols[c++][r] = std::clamp(v, 1.0, 10.0);
      }
    }
  }
  return cols;
}

std::vector<std::span<const double>> Spans(const std::vector<std::vector<double>>& cols) {
  return {cols.begin(), cols.end()};
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t bootN = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000;
  const std::size_t bigN = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000000;
  const stats::PlsModel model = EcsiModel();
  stats::PlsOptions options;  // plspm defaults: centroid, scaled, tol 1e-6, maxiter 100

  std::printf("manyi-bench-pls: ECSI model, 7 latent variables, 22 items on 1-10, 12 paths\n");
  {
    const auto data = Generate(bootN, 1);
    const auto spans = Spans(data);
    stats::PlsBootstrapOptions boot;
    boot.resamples = 500;
    boot.seed = 2024;
    boot.threads = 0;
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    const auto t0 = Clock::now();
    const double cpu0 = CpuSeconds();
    const auto fit = stats::EstimatePls(spans, model, options);
    const auto result = stats::BootstrapPls(spans, model, options, boot);
    const double secs = Seconds(t0);
    std::printf("(a) bootstrap %zu resamples, n = %zu, %u threads: %.3f s (target 10 s; CPU %.3f s), peak %.0f MiB\n",
                boot.resamples, bootN, threads, secs, CpuSeconds() - cpu0, PeakMiB());
    std::printf("    estimation: %s, %d iterations, GoF %.4f; resamples ok %zu, failed %zu\n",
                fit.Ok() ? "ok" : "FAILED", fit.iterations, fit.gof.value_or(NAN), result.resamples, result.failed);
    if (result.status == stats::PlsStatus::Ok) {
      for (std::size_t q = 0; q < model.paths.size(); ++q) {
        const auto& b = result.paths[q];
        std::printf("    %s -> %s: %.4f  SE %.4f  [%.4f, %.4f]\n", kBlocks[model.paths[q].from].name,
                    kBlocks[model.paths[q].to].name, b.original, b.se.value_or(NAN), b.lower.value_or(NAN),
                    b.upper.value_or(NAN));
      }
    }
  }
  {
    const auto t0 = Clock::now();
    const auto data = Generate(bigN, 2);
    const double genSecs = Seconds(t0);
    const auto spans = Spans(data);
    const auto t1 = Clock::now();
    const double cpu1 = CpuSeconds();
    const auto fit = stats::EstimatePls(spans, model, options);
    const double secs = Seconds(t1);
    std::printf(
        "(b) estimation with scores, n = %zu: %.3f s (target 5 s; CPU %.3f s), peak %.0f MiB (data generation %.2f "
        "s)\n",
        bigN, secs, CpuSeconds() - cpu1, PeakMiB(), genSecs);
    std::printf("    %s, %d iterations, GoF %.4f, SAT index %.2f, R2 SAT %.4f\n", fit.Ok() ? "ok" : "FAILED",
                fit.iterations, fit.gof.value_or(NAN), fit.Ok() ? fit.latents[4].index.value_or(NAN) : NAN,
                fit.Ok() ? fit.latents[4].rSquared : NAN);
  }
  return 0;
}
