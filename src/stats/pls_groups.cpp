// IPMA and the permutation multi-group test on top of the plspm estimation.
#include "stats/pls_groups.h"

#include <algorithm>
#include <cmath>
#include "stats/detail/parallel.h"
#include "stats/detail/random.h"

namespace manyi::stats {

PlsIpmaResult PlsIpma(const PlsResult& result, std::size_t target) {
  PlsIpmaResult out;
  out.target = target;
  if (!result.Ok()) return out;
  std::vector<double> importance, performance;
  for (const PlsEffect& e : result.effects) {
    if (e.to != target || e.total == 0.0) continue;
    PlsIpmaRow row;
    row.latent = e.from;
    row.importance = e.total;
    row.performance = result.latents[e.from].index;
    out.drivers.push_back(row);
    importance.push_back(e.total);
    performance.push_back(row.performance.value_or(kMissingValue));
  }
  if (out.drivers.empty()) return out;
  const QuadrantResult q = ImportancePerformance(importance, performance);
  out.importanceCut = q.importanceCut;
  out.performanceCut = q.performanceCut;
  for (std::size_t k = 0; k < out.drivers.size(); ++k) out.drivers[k].quadrant = q.quadrants[k];
  return out;
}

namespace {

// The figures compared: paths, then indices, then R² (NaN where undefined).
std::vector<double> Compared(const PlsResult& r) {
  std::vector<double> v;
  for (const auto& pc : r.paths) v.push_back(pc.estimate);
  for (const auto& ls : r.latents) v.push_back(ls.index.value_or(kMissingValue));
  for (const auto& ls : r.latents) v.push_back(ls.rSquared);
  return v;
}

}  // namespace

PlsGroupComparison ComparePlsGroups(Columns data, const PlsModel& model, const PlsOptions& options,
                                    std::span<const std::uint8_t> group, const PlsPermutationOptions& permutation) {
  PlsGroupComparison out;
  // The model's columns, remapped to a compact copy of the complete rows of the two groups.
  std::vector<std::size_t> used;
  for (const PlsLatent& lv : model.latents) {
    for (std::size_t c : lv.columns) {
      if (c >= data.size()) return out;  // InvalidModel
      if (std::find(used.begin(), used.end(), c) == used.end()) used.push_back(c);
    }
  }
  PlsModel local = model;
  for (PlsLatent& lv : local.latents) {
    for (std::size_t& c : lv.columns) c = std::size_t(std::find(used.begin(), used.end(), c) - used.begin());
  }
  const std::size_t rows = data.empty() ? 0 : data[0].size();
  if (group.size() != rows) return out;
  std::vector<std::size_t> complete;
  std::vector<std::uint8_t> labels;
  for (std::size_t r = 0; r < rows; ++r) {
    if (group[r] > 1) continue;
    bool ok = true;
    for (std::size_t c : used) ok = ok && !IsMissing(data[c][r]);
    if (!ok) continue;
    complete.push_back(r);
    labels.push_back(group[r]);
  }
  const std::size_t n = complete.size();
  std::vector<std::vector<double>> x(used.size(), std::vector<double>(n));
  for (std::size_t k = 0; k < used.size(); ++k) {
    for (std::size_t i = 0; i < n; ++i) x[k][i] = data[used[k]][complete[i]];
  }
  PlsOptions fit = options;
  fit.keepScores = false;
  fit.unidimensionality = false;

  // Estimates the model in the rows labelled 0 and in those labelled 1.
  struct Buffers {
    std::vector<std::vector<double>> a, b;
  };
  auto estimateBoth = [&](const std::vector<std::uint8_t>& lab, Buffers& buf) {
    buf.a.assign(used.size(), {});
    buf.b.assign(used.size(), {});
    for (std::size_t k = 0; k < used.size(); ++k) {
      for (std::size_t i = 0; i < n; ++i) (lab[i] == 0 ? buf.a[k] : buf.b[k]).push_back(x[k][i]);
    }
    std::vector<std::span<const double>> sa(buf.a.begin(), buf.a.end()), sb(buf.b.begin(), buf.b.end());
    return std::pair{EstimatePls(sa, local, fit), EstimatePls(sb, local, fit)};
  };
  Buffers buffers;
  const auto [ra, rb] = estimateBoth(labels, buffers);
  out.statusA = ra.status;
  out.statusB = rb.status;
  out.nA = ra.n;
  out.nB = rb.n;
  if (!out.Ok()) return out;
  const std::vector<double> va = Compared(ra), vb = Compared(rb);
  const std::size_t params = va.size();
  std::vector<double> observed(params);
  for (std::size_t q = 0; q < params; ++q) observed[q] = va[q] - vb[q];

  const std::size_t total = permutation.permutations;
  std::vector<std::vector<double>> diffs(total);
  auto runOne = [&](std::size_t b, std::vector<std::uint8_t>& lab, Buffers& buf) {
    // Stream b of the seed: the same permutations whatever the thread count.
    detail::Xoshiro256 rng(permutation.seed ^ (0x9E6C63D0676A9A99ULL * (static_cast<std::uint64_t>(b) + 1)));
    lab = labels;
    for (std::size_t i = n; i > 1; --i) std::swap(lab[i - 1], lab[rng.Below(i)]);  // Fisher–Yates
    const auto [pa, pb] = estimateBoth(lab, buf);
    if (!pa.Ok() || !pb.Ok()) return;
    const std::vector<double> da = Compared(pa), db = Compared(pb);
    diffs[b].resize(params);
    for (std::size_t q = 0; q < params; ++q) diffs[b][q] = da[q] - db[q];
  };
  detail::RunStrided(total, permutation.threads, [&](unsigned t, unsigned threads) {
    std::vector<std::uint8_t> lab;
    Buffers buf;
    for (std::size_t b = t; b < total; b += threads) runOne(b, lab, buf);
  });
  for (const auto& d : diffs) {
    if (d.empty()) ++out.failed;
  }
  out.permutations = total - out.failed;

  std::vector<PlsGroupDifference> all(params);
  for (std::size_t q = 0; q < params; ++q) {
    PlsGroupDifference& g = all[q];
    g.a = Finite(va[q]);
    g.b = Finite(vb[q]);
    if (!g.a || !g.b) continue;
    g.difference = observed[q];
    // A tolerance keeps ties that differ only by rounding (the observed labelling itself, or a
    // labelling that merely swaps equal rows) on the conservative side.
    const double bar = std::fabs(observed[q]) * (1.0 - 1e-12);
    std::size_t atLeast = 0, counted = 0;
    for (const auto& d : diffs) {
      if (d.empty() || IsMissing(d[q])) continue;
      ++counted;
      if (std::fabs(d[q]) >= bar) ++atLeast;
    }
    if (counted > 0) g.p = double(atLeast + 1) / double(counted + 1);
  }
  const std::size_t np = model.paths.size(), nl = model.latents.size();
  out.paths.assign(all.begin(), all.begin() + std::ptrdiff_t(np));
  out.indices.assign(all.begin() + std::ptrdiff_t(np), all.begin() + std::ptrdiff_t(np + nl));
  out.rSquared.assign(all.begin() + std::ptrdiff_t(np + nl), all.end());
  return out;
}

}  // namespace manyi::stats
