// PLS path modelling against published results on data sets other than plspm's `satisfaction`:
// the ECSI mobile-phone data `mobi` (semPLS / seminr) with SmartPLS 2.0's outputs for the full ECSI
// model in all three schemes (as shipped in semPLS's regression tests) and seminr's outputs for a
// model with a formative block. Every expected value is read from tests/data/reference/plspm
// (sources in SOURCES).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "reference_data.h"
#include "stats/pls.h"

namespace manyi::stats {
namespace {

testing::Csv Ref(const std::string& file) { return testing::ReadCsv(testing::ReferenceDir() / "plspm" / file); }

// The mobi data (250 customers of a mobile-phone provider, ECSI items on 1–10) with named columns.
struct Mobi {
  testing::Csv csv = Ref("mobi.csv");
  std::vector<std::vector<double>> columns;
  std::vector<std::span<const double>> spans;
  std::map<std::string, std::size_t> latentIndex;
  PlsModel model;

  // blocks: latent name, item prefix, item count (0 = the single item named by the prefix), mode.
  struct Block {
    const char* name;
    const char* prefix;
    int items;
    PlsMode mode;
  };

  Mobi(const std::vector<Block>& blocks, const std::vector<std::pair<const char*, const char*>>& paths) {
    for (const auto& b : blocks) {
      PlsLatent lv;
      lv.name = b.name;
      lv.mode = b.mode;
      lv.scaleMin = 1.0;
      lv.scaleMax = 10.0;
      for (int j = 1; j <= std::max(1, b.items); ++j) {
        const std::string item = b.items == 0 ? std::string(b.prefix) : b.prefix + std::to_string(j);
        lv.columns.push_back(columns.size());
        lv.itemNames.push_back(item);
        columns.push_back(csv.Numbers(item));
      }
      latentIndex[b.name] = model.latents.size();
      model.latents.push_back(lv);
    }
    for (const auto& c : columns) spans.emplace_back(c);
    for (const auto& [from, to] : paths) model.paths.push_back({latentIndex.at(from), latentIndex.at(to)});
  }
};

// A SmartPLS 2.0 result table as exported (tab-separated, decimal comma, row names in column 0):
// value[row name][column name].
std::map<std::string, std::map<std::string, double>> ReadSmartPls(const std::string& file) {
  std::ifstream in(testing::ReferenceDir() / "plspm" / "smartpls-ecsi" / file);
  if (!in) throw std::runtime_error("cannot open " + file);
  auto fields = [](const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, '\t')) {
      const auto b = f.find_first_not_of(' ');
      f = b == std::string::npos ? std::string() : f.substr(b);
      while (!f.empty() && (f.back() == ' ' || f.back() == '\r')) f.pop_back();
      out.push_back(f);
    }
    return out;
  };
  std::string line;
  std::getline(in, line);
  const auto header = fields(line);
  std::map<std::string, std::map<std::string, double>> table;
  while (std::getline(in, line)) {
    const auto f = fields(line);
    if (f.empty() || f[0].empty()) continue;
    for (std::size_t j = 1; j < f.size() && j < header.size(); ++j) {
      std::string v = f[j];
      if (v.empty()) continue;
      for (auto& c : v) c = c == ',' ? '.' : c;
      table[f[0]][header[j]] = testing::ParseDouble(v);
    }
  }
  return table;
}

TEST(PlsPublished, MobiDataParsedCompletely) {
  const auto csv = Ref("mobi.csv");
  EXPECT_EQ(csv.rows.size(), 250u);
  EXPECT_EQ(csv.header.size(), 25u);  // row names + 24 items
  // First and last respondents as printed by R for semPLS::mobi.
  EXPECT_EQ(csv.Numbers("CUEX1").front(), 7.0);
  EXPECT_EQ(csv.Numbers("PERV2").back(), 9.0);
}

// seminr (Ray, Danks & Calero Valdez, CRAN) on mobi: Image → Expectation; Expectation, Quality,
// Complaints → Loyalty; Quality formative (mode B), the others mode A; path weighting scheme;
// standardised items. Outputs as published in GoogleCloudPlatform/plspm-python @ f53c5ba8,
// tests/data/seminr-mobi-basic-outer-model.csv and -paths.csv (seminr estimate_pls()). seminr
// standardises with the sample SD and scales scores to sample variance 1, plspm with the population
// SD and population variance 1: the factors cancel, so weights, loadings and paths coincide.
// Reached 7e−7 (weights) and 5e−7 (loadings): seminr stops its iteration at a weight change of
// 1e−7, so its printed values carry that error; asserted 2e−6 (weights, loadings), 1e−6 (paths).
TEST(PlsPublished, MobiSeminrPathScheme) {
  Mobi m({{"Image", "IMAG", 5, PlsMode::A},
          {"Expectation", "CUEX", 3, PlsMode::A},
          {"Quality", "PERQ", 7, PlsMode::B},
          {"Complaints", "CUSCO", 0, PlsMode::A},
          {"Loyalty", "CUSL", 3, PlsMode::A}},
         {{"Image", "Expectation"}, {"Expectation", "Loyalty"}, {"Quality", "Loyalty"}, {"Complaints", "Loyalty"}});
  PlsOptions options;
  options.scheme = PlsScheme::Path;
  options.scaled = true;
  options.tolerance = 1e-12;  // seminr iterates to 1e-7 on the weights; converge past it
  const PlsResult r = EstimatePls(m.spans, m.model, options);
  ASSERT_TRUE(r.Ok()) << DescribePlsStatus(r, m.model);
  EXPECT_EQ(r.n, 250u);

  const auto outer = Ref("seminr-mobi-basic-outer-model.csv");
  ASSERT_EQ(outer.rows.size(), r.outer.size());
  const auto weight = outer.Column("weight"), loading = outer.Column("loading");
  std::map<std::string, std::size_t> row;
  for (std::size_t i = 0; i < outer.rows.size(); ++i) row[outer.rows[i][0]] = i;
  double worstW = 0.0, worstL = 0.0;
  for (const auto& item : r.outer) {
    ASSERT_TRUE(row.count(item.name)) << item.name;
    const auto& ref = outer.rows[row[item.name]];
    const double w = testing::ParseDouble(ref[weight]), l = testing::ParseDouble(ref[loading]);
    worstW = std::max(worstW, std::fabs(item.weight - w));
    worstL = std::max(worstL, std::fabs(item.loading - l));
    EXPECT_NEAR(item.weight, w, 2e-6) << item.name << " weight";
    EXPECT_NEAR(item.loading, l, 2e-6) << item.name << " loading";
  }
  RecordProperty("max_weight_difference", testing::FormatG(worstW));
  RecordProperty("max_loading_difference", testing::FormatG(worstL));

  const auto paths = Ref("seminr-mobi-basic-paths.csv");
  std::map<std::string, std::size_t> prow;
  for (std::size_t i = 0; i < paths.rows.size(); ++i) prow[paths.rows[i][0]] = i;
  for (const auto& p : r.paths) {
    const std::string from = m.model.latents[p.from].name, to = m.model.latents[p.to].name;
    const double expected = testing::ParseDouble(paths.rows[prow.at(from)][paths.Column(to)]);
    EXPECT_NEAR(p.estimate, expected, 1e-6) << from << " → " << to;
  }
}

// The ECSI model of Tenenhaus et al. (2005) on mobi, all blocks mode A, standardised items
// (semPLS ECSImobi): Image → Expectation, Satisfaction, Loyalty; Expectation → Quality, Value,
// Satisfaction; Quality → Value, Satisfaction; Value → Satisfaction; Satisfaction → Complaints,
// Loyalty; Complaints → Loyalty. SmartPLS 2.0.M3 estimates (readMe.txt: data metric mean 0 / var 1,
// initial weights 1, abort criterion 1e−7), printed to 8 decimals; semPLS's regtest_SmartPLS.R
// checks its own estimates against the same files. Reached: weights within 5e−9 and paths within
// 8e−9 in every scheme, i.e. to the printed 8 decimals; asserted 1e−8.
Mobi EcsiMobi() {
  return Mobi({{"Image", "IMAG", 5, PlsMode::A},
               {"Expectation", "CUEX", 3, PlsMode::A},
               {"Quality", "PERQ", 7, PlsMode::A},
               {"Value", "PERV", 2, PlsMode::A},
               {"Satisfaction", "CUSA", 3, PlsMode::A},
               {"Complaints", "CUSCO", 0, PlsMode::A},
               {"Loyalty", "CUSL", 3, PlsMode::A}},
              {{"Image", "Expectation"},
               {"Image", "Satisfaction"},
               {"Image", "Loyalty"},
               {"Expectation", "Quality"},
               {"Expectation", "Value"},
               {"Expectation", "Satisfaction"},
               {"Quality", "Value"},
               {"Quality", "Satisfaction"},
               {"Value", "Satisfaction"},
               {"Satisfaction", "Complaints"},
               {"Satisfaction", "Loyalty"},
               {"Complaints", "Loyalty"}});
}

PlsResult FitEcsi(const Mobi& m, PlsScheme scheme) {
  PlsOptions options;
  options.scheme = scheme;
  options.scaled = true;
  options.tolerance = 1e-12;
  return EstimatePls(m.spans, m.model, options);
}

class PlsSmartPlsEcsi : public ::testing::TestWithParam<std::pair<const char*, PlsScheme>> {};

TEST_P(PlsSmartPlsEcsi, OuterWeightsAndPathsMatchSmartPls) {
  const auto [folder, scheme] = GetParam();
  const Mobi m = EcsiMobi();
  const PlsResult r = FitEcsi(m, scheme);
  ASSERT_TRUE(r.Ok()) << DescribePlsStatus(r, m.model);
  const auto weights = ReadSmartPls(std::string(folder) + "/outerWeights.txt");
  ASSERT_EQ(weights.size(), 24u);
  double worst = 0.0;
  for (const auto& item : r.outer) {
    const double expected = weights.at(item.name).at(m.model.latents[item.latent].name);
    worst = std::max(worst, std::fabs(item.weight - expected));
    EXPECT_NEAR(item.weight, expected, 1e-8) << folder << " " << item.name;
  }
  RecordProperty("max_weight_difference", testing::FormatG(worst));
  const auto paths = ReadSmartPls(std::string(folder) + "/pathCoefficients.txt");
  worst = 0.0;
  for (const auto& p : r.paths) {
    const std::string from = m.model.latents[p.from].name, to = m.model.latents[p.to].name;
    const double expected = paths.at(from).at(to);
    worst = std::max(worst, std::fabs(p.estimate - expected));
    EXPECT_NEAR(p.estimate, expected, 1e-8) << folder << " " << from << " → " << to;
  }
  RecordProperty("max_path_difference", testing::FormatG(worst));
}

TEST(PlsSmartPlsEcsiCentroid, CrossLoadingsAndTotalEffectsMatchSmartPls) {
  // centroid/crossLoadings.txt (cor(item, every latent score); an item's own column is its loading)
  // and centroid/totalEffects.txt (direct + indirect effects), SmartPLS 2.0.M3, 8 decimals.
  // Reached: 1.9e−8 on the Image loadings (SmartPLS's own stopping error at 1e−7 on the weights
  // shows in the 8th decimal); asserted 3e−8.
  const Mobi m = EcsiMobi();
  const PlsResult r = FitEcsi(m, PlsScheme::Centroid);
  ASSERT_TRUE(r.Ok()) << DescribePlsStatus(r, m.model);
  const auto cross = ReadSmartPls("centroid/crossLoadings.txt");
  for (const auto& item : r.outer) {
    ASSERT_EQ(item.crossLoadings.size(), m.model.latents.size());
    for (std::size_t k = 0; k < m.model.latents.size(); ++k) {
      EXPECT_NEAR(item.crossLoadings[k], cross.at(item.name).at(m.model.latents[k].name), 3e-8)
          << item.name << " × " << m.model.latents[k].name;
    }
    EXPECT_NEAR(item.loading, cross.at(item.name).at(m.model.latents[item.latent].name), 3e-8) << item.name;
  }
  const auto total = ReadSmartPls("centroid/totalEffects.txt");
  std::size_t checked = 0;
  for (const auto& e : r.effects) {
    const double expected = total.at(m.model.latents[e.from].name).at(m.model.latents[e.to].name);
    EXPECT_NEAR(e.total, expected, 3e-8) << m.model.latents[e.from].name << " → " << m.model.latents[e.to].name;
    if (expected != 0.0) ++checked;
  }
  EXPECT_EQ(checked, 21u);  // the 21 non-zero total effects of the ECSI model
}

INSTANTIATE_TEST_SUITE_P(Schemes, PlsSmartPlsEcsi,
                         ::testing::Values(std::make_pair("centroid", PlsScheme::Centroid),
                                           std::make_pair("factorial", PlsScheme::Factorial),
                                           std::make_pair("pathWeighting", PlsScheme::Path)),
                         [](const auto& info) { return std::string(info.param.first); });

}  // namespace
}  // namespace manyi::stats
