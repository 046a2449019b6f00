// Stored weighting schemes (io/weight_scheme.h): computed from the responses of a real project file
// and checked against the Kalton & Flores-Cervantes (2003) factors, stored, activated, loaded.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include "core/error.h"
#include "io/dataset.h"
#include "io/form_json.h"
#include "io/weight_scheme.h"
#include "storage/project.h"
#include "test_paths.h"

namespace manyi::io {
namespace {

namespace fs = std::filesystem;

fs::path TempDir(const std::string& name) {
  fs::path dir = test::BinaryDir() / "test_weight_scheme" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void WriteText(const fs::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
}

// Kalton & Flores-Cervantes (2003), J. Official Statistics 19(2), as in R survey tests/kalton.R
// and ../shared/reference/README.md: a = 1..4, b = 1..3, a varying fastest.
constexpr int kSample[12] = {20, 50, 100, 30, 40, 140, 50, 100, 40, 310, 50, 70};
constexpr double kPopulation[12] = {80, 60, 170, 55, 40, 150, 60, 165, 55, 340, 200, 125};
// Published factors to two decimals, [a][b].
constexpr double kPostStratFactors[4][3] = {{4.00, 1.00, 1.38}, {1.20, 1.07, 1.10}, {1.70, 1.20, 4.00}, {1.83, 1.65, 1.79}};
constexpr double kRakeFactors[4][3] = {{1.81, 1.45, 2.02}, {1.08, 0.87, 1.21}, {2.20, 1.76, 2.45}, {1.83, 1.47, 2.04}};

const char* kForm = R"({"format": "manyi-questionnaire", "format_version": 1, "id": "kalton", "version": 1,
  "title": {"zh": "测试", "en": "Test"}, "languages": ["zh", "en"],
  "sections": [{"id": "main", "title": {"zh": "问卷", "en": "Questionnaire"}, "items": [
    {"id": "a", "type": "single", "text": {"zh": "甲", "en": "A"}, "codes": [
      {"code": 1, "label": {"zh": "甲1", "en": "a1"}}, {"code": 2, "label": {"zh": "甲2", "en": "a2"}},
      {"code": 3, "label": {"zh": "甲3", "en": "a3"}}, {"code": 4, "label": {"zh": "甲4", "en": "a4"}}]},
    {"id": "b", "type": "single", "text": {"zh": "乙", "en": "B"}, "codes": [
      {"code": 1, "key": "B1", "label": {"zh": "乙1", "en": "b1"}}, {"code": 2, "key": "B2", "label": {"zh": "乙2", "en": "b2"}},
      {"code": 3, "key": "B3", "label": {"zh": "乙3", "en": "b3"}}]},
    {"id": "y", "type": "rating", "text": {"zh": "满意", "en": "Satisfied"}, "scale": {"min": 1, "max": 10}}]}]})";

/// A project holding the Kalton sample: per cell (a, b) kSample responses with y = a + b.
struct KaltonProject {
  fs::path dir;
  std::unique_ptr<storage::Project> project;
  int64_t qid = 0;

  explicit KaltonProject(const std::string& name, int skipCell = -1) {
    dir = TempDir(name);
    project = storage::Project::Create(dir / "k.manyi", "Kalton").TakeOrThrow();
    storage::Transaction tx(project->Db());
    qid = StoreQuestionnaire(*project, ParseFormJson(kForm, "kalton").TakeOrThrow());
    for (int k = 0; k < 12; ++k) {
      if (k == skipCell) continue;
      for (int i = 0; i < kSample[k]; ++i) Add(k % 4 + 1, k / 4 + 1);
    }
    tx.Commit();
  }
  void Add(double a, double b, std::optional<int64_t> customer = std::nullopt) {
    storage::ResponseRecord r;
    r.questionnaireId = qid;
    r.customerId = customer;
    r.values = {a, b, std::isnan(a) || std::isnan(b) ? 5.0 : a + b};
    project->AddResponse(r);
  }
  /// Population counts as a file: a by its English label, b by its key.
  fs::path Targets(const std::string& name = "targets.csv", int leaveOut = -1, double zeroCell = -1) {
    std::string text = "a,b,count\n";
    for (int k = 0; k < 12; ++k) {
      if (k == leaveOut) continue;
      text += "a" + std::to_string(k % 4 + 1) + ",B" + std::to_string(k / 4 + 1) + "," +
              std::to_string(k == zeroCell ? 0.0 : kPopulation[k]) + "\n";
    }
    WriteText(dir / name, text);
    return dir / name;
  }
  /// Weight of the responses, by (a, b) cell — every response of a cell must share it.
  std::map<std::pair<int, int>, double> CellWeights(const std::string& scheme) {
    Dataset d = LoadProjectData(*project, 0, "en", scheme);
    std::map<std::pair<int, int>, double> out;
    const auto& a = d.Find("a")->values;
    const auto& b = d.Find("b")->values;
    for (size_t i = 0; i < d.rows; ++i) {
      if (std::isnan(a[i]) || std::isnan(b[i])) continue;
      auto key = std::make_pair(int(a[i]), int(b[i]));
      auto [it, added] = out.emplace(key, d.weights[i]);
      EXPECT_DOUBLE_EQ(it->second, d.weights[i]) << "cell a" << key.first << " b" << key.second;
    }
    return out;
  }
};

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const UserError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(WeightScheme, PostStratificationMatchesKaltonFactors) {
  KaltonProject k("poststrat");
  WeightSpec spec;
  spec.method = WeightMethod::kPostStratify;
  spec.variables = {"a", "b"};
  spec.targetFiles = {k.Targets()};
  const WeightSchemeInfo s = CreateWeightScheme(*k.project, "ps", spec);
  EXPECT_EQ(s.method, "poststratify");
  EXPECT_FALSE(s.active);
  const auto w = k.CellWeights("ps");
  ASSERT_EQ(w.size(), 12u);
  double sumW2 = 0;
  for (int c = 0; c < 12; ++c) {
    const double got = w.at({c % 4 + 1, c / 4 + 1});
    // Kalton & Flores-Cervantes (2003) table, two decimals; exactly N/n by definition.
    EXPECT_NEAR(got, kPostStratFactors[c % 4][c / 4], 0.005 + 1e-12) << "cell " << c;
    EXPECT_NEAR(got, kPopulation[c] / kSample[c], 1e-12);
    sumW2 += kSample[c] * got * got;
  }
  // The stored report: Σw = population total 1500; Kish deff = n Σw² / (Σw)² (Kish 1965).
  EXPECT_NEAR(s.report["sum"].get<double>(), 1500.0, 1e-9);
  EXPECT_EQ(s.report["responses"].get<int>(), 1000);
  EXPECT_NEAR(s.report["kish_deff"].get<double>(), 1000.0 * sumW2 / (1500.0 * 1500.0), 1e-12);
  EXPECT_NEAR(s.report["effective_n"].get<double>(), 1500.0 * 1500.0 / sumW2, 1e-9);
  EXPECT_NEAR(s.report["min"].get<double>(), 1.0, 1e-12);   // a1 b2: 40/40
  EXPECT_NEAR(s.report["max"].get<double>(), 4.0, 1e-12);   // a1 b1 and a3 b3
  // The population used is stored with the scheme.
  EXPECT_EQ(s.spec["population"][0].size(), 12u);
}

TEST(WeightScheme, RakingMatchesKaltonFactors) {
  KaltonProject k("rake");
  WriteText(k.dir / "a.csv", "a,count\na1,175\na2,550\na3,430\na4,345\n");
  WriteText(k.dir / "b.csv", "b,count\nb1,365\nb2,415\nb3,720\n");  // b by label here, by key above
  WeightSpec spec;
  spec.method = WeightMethod::kRake;
  spec.variables = {"a", "b"};
  spec.targetFiles = {k.dir / "a.csv", k.dir / "b.csv"};
  const WeightSchemeInfo s = CreateWeightScheme(*k.project, "rk", spec);
  const auto w = k.CellWeights("rk");
  for (int c = 0; c < 12; ++c)
    EXPECT_NEAR(w.at({c % 4 + 1, c / 4 + 1}), kRakeFactors[c % 4][c / 4], 0.005 + 1e-12) << "cell " << c;
  const auto& part = s.report["parts"][0];
  EXPECT_TRUE(part["converged"].get<bool>());
  EXPECT_GT(part["iterations"].get<int>(), 1);
  EXPECT_LT(part["achieved_tolerance"].get<double>(), 1e-7);
  EXPECT_NEAR(s.report["sum"].get<double>(), 1500.0, 1e-6);
}

TEST(WeightScheme, StoredActivatedListedAndDeleted) {
  KaltonProject k("storage");
  WeightSpec spec;
  spec.variables = {"a", "b"};
  spec.targetFiles = {k.Targets()};
  CreateWeightScheme(*k.project, "ps", spec);
  EXPECT_FALSE(ActiveWeightScheme(*k.project));
  ActivateWeightScheme(*k.project, "ps");
  EXPECT_EQ(ActiveWeightScheme(*k.project).value_or(""), "ps");
  // A second scheme: activating it leaves only one active.
  spec.trimUpper = 3.0;
  spec.trimLower = 0.5;
  CreateWeightScheme(*k.project, "trimmed", spec);
  ActivateWeightScheme(*k.project, "trimmed");
  const auto list = ListWeightSchemes(*k.project);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_FALSE(list[0].active);  // ps (sorted by name)
  EXPECT_TRUE(list[1].active);
  EXPECT_NE(DescribeWeightScheme(list[1]).find("trimmed to 0.5–3 × the mean weight"), std::string::npos);
  // Trimming keeps the total and the bounds: mean 1.5, so every weight lies in [0.75, 4.5].
  Dataset d = LoadProjectData(*k.project, 0, "en", "trimmed");
  double sum = 0;
  for (double w : d.weights) {
    sum += w;
    EXPECT_LE(w, 4.5 + 1e-9);
    EXPECT_GE(w, 0.75 - 1e-9);
  }
  EXPECT_NEAR(sum, 1500.0, 1e-6);
  EXPECT_NE(d.weighting.find("scheme \"trimmed\" (post-stratification to a × b"), std::string::npos) << d.weighting;
  // R survey's rule (trimWeights): the excess goes to the untrimmed weights in equal amounts. With
  // an upper bound of 2 × the mean (3.0), the Kalton cells with factor 4.00 are trimmed.
  {
    WeightSpec eq = spec;
    eq.trimLower.reset();
    eq.trimUpper = 2.0;
    eq.trimEqualSpread = true;
    const WeightSchemeInfo e = CreateWeightScheme(*k.project, "trimmed_equal", eq);
    EXPECT_NE(DescribeWeightScheme(e).find("the trimmed weight shared out equally"), std::string::npos)
        << DescribeWeightScheme(e);
    const Dataset before = LoadProjectData(*k.project, 0, "en", "ps");
    const Dataset after = LoadProjectData(*k.project, 0, "en", "trimmed_equal");
    ASSERT_EQ(before.weights.size(), after.weights.size());
    double total = 0, share = -1;
    std::size_t trimmed = 0;
    for (std::size_t i = 0; i < after.weights.size(); ++i) {
      total += after.weights[i];
      if (before.weights[i] > 3.0) {
        EXPECT_NEAR(after.weights[i], 3.0, 1e-12);
        ++trimmed;
      } else if (share < 0) {
        share = after.weights[i] - before.weights[i];
      } else {
        EXPECT_NEAR(after.weights[i] - before.weights[i], share, 1e-12) << "row " << i;
      }
    }
    EXPECT_GT(trimmed, 0u);
    EXPECT_GT(share, 0.0);
    EXPECT_NEAR(total, 1500.0, 1e-6);
    eq.trimUpper.reset();
    EXPECT_NE(ErrorOf([&] { CreateWeightScheme(*k.project, "spread_only", eq); }).find("needs trimming bounds"),
              std::string::npos);
    DeleteWeightScheme(*k.project, "trimmed_equal");
  }
  // Replacing needs --replace and keeps the active flag.
  EXPECT_NE(ErrorOf([&] { CreateWeightScheme(*k.project, "trimmed", spec); }).find("--replace"), std::string::npos);
  CreateWeightScheme(*k.project, "trimmed", spec, true);
  EXPECT_EQ(ActiveWeightScheme(*k.project).value_or(""), "trimmed");
  DeactivateWeightSchemes(*k.project);
  EXPECT_FALSE(ActiveWeightScheme(*k.project));
  DeleteWeightScheme(*k.project, "ps");
  EXPECT_EQ(k.project->Db().QueryInt("SELECT count(*) FROM response_weight"), 1000);
  EXPECT_NE(ErrorOf([&] { GetWeightScheme(*k.project, "ps"); }).find("Its schemes: trimmed"), std::string::npos);
  // A response added after the scheme was computed is not silently weighted 0.
  k.Add(1, 1);
  EXPECT_NE(ErrorOf([&] { LoadProjectData(*k.project, 0, "en", "trimmed"); }).find("1 response(s) added after"), std::string::npos);
}

TEST(WeightScheme, EmptyCellIsAnErrorNamingTheCell) {
  KaltonProject k("empty", /*skipCell=*/0);  // no responses in a1 × b1 (population 80)
  WeightSpec spec;
  spec.variables = {"a", "b"};
  spec.targetFiles = {k.Targets()};
  const std::string e = ErrorOf([&] { CreateWeightScheme(*k.project, "ps", spec); });
  EXPECT_NE(e.find("a = a1 × b = B1"), std::string::npos) << e;
  EXPECT_NE(e.find("divide by zero"), std::string::npos) << e;
  EXPECT_NE(e.find("rake on the margins"), std::string::npos) << e;
  EXPECT_EQ(k.project->Db().QueryInt("SELECT count(*) FROM weight_scheme"), 0);  // nothing stored
}

TEST(WeightScheme, ResponsesWithoutAPopulationCellAreNeverDropped) {
  KaltonProject k("unmatched");
  k.Add(std::nan(""), 2);  // did not answer a
  WeightSpec spec;
  spec.variables = {"a", "b"};
  spec.targetFiles = {k.Targets("t.csv", /*leaveOut=*/5)};  // a2 × b2 (140 responses) has no count
  std::string e = ErrorOf([&] { CreateWeightScheme(*k.project, "ps", spec); });
  EXPECT_NE(e.find("140 response(s) fall in a = a2 × b = B2"), std::string::npos) << e;
  EXPECT_NE(e.find("1 response(s) fall in a = (missing) × b = B2"), std::string::npos) << e;
  EXPECT_NE(e.find("--keep-unmatched"), std::string::npos) << e;
  spec.keepUnmatched = true;
  const WeightSchemeInfo s = CreateWeightScheme(*k.project, "ps", spec);
  EXPECT_EQ(s.report["unmatched"].get<int>(), 141);
  const auto w = k.CellWeights("ps");
  EXPECT_DOUBLE_EQ(w.at({2, 2}), 1.0);  // kept at the base weight
  EXPECT_NEAR(w.at({1, 1}), 4.0, 1e-12);
  EXPECT_EQ(WeightSchemeWarnings(s).size(), 2u);
}

TEST(WeightScheme, ZeroTargetGivesWeightZeroWithAWarningNotNaN) {
  KaltonProject k("zero");
  WeightSpec spec;
  spec.variables = {"a", "b"};
  spec.targetFiles = {k.Targets("t.csv", -1, /*zeroCell=*/3)};  // a4 × b1 (30 responses) counts 0
  const WeightSchemeInfo s = CreateWeightScheme(*k.project, "ps", spec);
  const auto w = k.CellWeights("ps");
  EXPECT_EQ(w.at({4, 1}), 0.0);
  for (const auto& [cell, x] : w) EXPECT_TRUE(std::isfinite(x));
  EXPECT_EQ(s.report["zero_weights"].get<int>(), 30);
  const auto warnings = WeightSchemeWarnings(s);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("a = a4 × b = B1 has a population count of 0"), std::string::npos) << warnings[0];
}

TEST(WeightScheme, InconsistentMarginsAndBadFilesGiveClearErrors) {
  KaltonProject k("margins");
  WriteText(k.dir / "a.csv", "a,count\na1,175\na2,550\na3,430\na4,345\n");
  WriteText(k.dir / "b.csv", "b,count\nb1,365\nb2,415\nb3,700\n");  // totals 1500 and 1480
  WeightSpec spec;
  spec.method = WeightMethod::kRake;
  spec.variables = {"a", "b"};
  spec.targetFiles = {k.dir / "a.csv", k.dir / "b.csv"};
  std::string e = ErrorOf([&] { CreateWeightScheme(*k.project, "rk", spec); });
  EXPECT_NE(e.find("a totals 1500, b totals 1480"), std::string::npos) << e;
  WriteText(k.dir / "b.csv", "b,count\nb1,365\nb2,many\nb3,720\n");
  e = ErrorOf([&] { CreateWeightScheme(*k.project, "rk", spec); });
  EXPECT_NE(e.find("b.csv, row 3, column count: \"many\""), std::string::npos) << e;
  WriteText(k.dir / "b.csv", "b,n\nb1,365\n");
  e = ErrorOf([&] { CreateWeightScheme(*k.project, "rk", spec); });
  EXPECT_NE(e.find("no column \"count\""), std::string::npos) << e;
  // A margin category with a population but no responses.
  WriteText(k.dir / "b.csv", "b,count\nb1,365\nb2,415\nb3,620\nb4,100\n");
  e = ErrorOf([&] { CreateWeightScheme(*k.project, "rk", spec); });
  EXPECT_NE(e.find("b = b4"), std::string::npos) << e;
  EXPECT_NE(e.find("divide by zero"), std::string::npos) << e;
  // Raking needs two margins; nothing can be computed without the frame.
  spec.variables = {"a"};
  spec.targetFiles = {k.dir / "a.csv"};
  EXPECT_NE(ErrorOf([&] { CreateWeightScheme(*k.project, "rk", spec); }).find("at least two margins"), std::string::npos);
  spec.method = WeightMethod::kPostStratify;
  spec.targetFiles.clear();
  EXPECT_NE(ErrorOf([&] { CreateWeightScheme(*k.project, "ps", spec); }).find("no sample frame"), std::string::npos);
  EXPECT_EQ(k.project->Db().QueryInt("SELECT count(*) FROM weight_scheme"), 0);
}

// Design weights from the frame: stratum sizes N_h = (6, 4), drawn n_h = (3, 2), responding (2, 1).
// Expected by hand from the definition (docs/statistics.md §2.1): drawn w = N_h/n_h = 2, 2;
// responding w = N_h/r_h = 3, 4.
TEST(WeightScheme, DesignWeightsFromTheFrame) {
  KaltonProject k("design", /*skipCell=*/-2);
  k.project->Db().Exec("DELETE FROM response");
  std::vector<int64_t> ids;
  for (int i = 0; i < 10; ++i) {
    storage::Customer c;
    c.externalId = "C" + std::to_string(i);
    c.region = i < 6 ? "North" : "South";
    ids.push_back(k.project->AddCustomer(c));
  }
  k.Add(1, 1, ids[0]);
  k.Add(1, 1, ids[1]);
  k.Add(1, 1, ids[6]);
  WeightSpec spec;
  spec.method = WeightMethod::kDesign;
  spec.variables = {"region"};
  EXPECT_NE(ErrorOf([&] { CreateWeightScheme(*k.project, "d", spec); }).find("--sample responding"), std::string::npos);
  storage::Connection& db = k.project->Db();
  db.Exec("INSERT INTO mail_batch(id, questionnaire_id, sent_on) VALUES (1, " + std::to_string(k.qid) + ", '2026-01-01')");
  for (int i : {0, 1, 2, 6, 7}) db.Exec("INSERT INTO mailing(batch_id, customer_id) VALUES (1, " + std::to_string(ids[size_t(i)]) + ")");
  CreateWeightScheme(*k.project, "drawn", spec);
  Dataset d = LoadProjectData(*k.project, 0, "en", "drawn");
  EXPECT_EQ(d.weights, (std::vector<double>{2.0, 2.0, 2.0}));
  spec.drawnSample = false;
  const WeightSchemeInfo s = CreateWeightScheme(*k.project, "responding", spec);
  d = LoadProjectData(*k.project, 0, "en", "responding");
  EXPECT_EQ(d.weights, (std::vector<double>{3.0, 3.0, 4.0}));
  EXPECT_NEAR(s.report["sum"].get<double>(), 10.0, 1e-12);
  // A response from no customer takes its stratum from its answer; "region" is not a question
  // here, so it is "(missing)", which has no frame count: an error, not a silent drop.
  k.Add(1, 1);
  const std::string e = ErrorOf([&] { CreateWeightScheme(*k.project, "responding", spec, true); });
  EXPECT_NE(e.find("1 response(s) fall in region = (missing)"), std::string::npos) << e;
}

}  // namespace
}  // namespace manyi::io
