// Readers for the reference files used by the stats tests; parsing is in the C locale.
#include "reference_data.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "stats/common.h"

namespace manyi::stats::testing {

namespace {

std::vector<std::string> ReadLines(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open reference file " + path.string());
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> Tokens(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  std::string t;
  while (in >> t) out.push_back(t);
  return out;
}

bool IsNumber(const std::string& t) {
  double v = 0.0;
  const char* begin = t.data();
  if (!t.empty() && t[0] == '+') ++begin;
  auto [p, ec] = std::from_chars(begin, t.data() + t.size(), v);
  return ec == std::errc() && p == t.data() + t.size();
}

std::vector<double> Numbers(const std::string& line) {
  std::vector<double> out;
  for (const auto& t : Tokens(line)) {
    if (IsNumber(t)) out.push_back(ParseDouble(t));
  }
  return out;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b);
}

bool StartsWith(const std::string& s, std::string_view prefix) { return Trim(s).rfind(prefix, 0) == 0; }

// Index of the first line after the "Data:" header whose tokens are all numbers.
std::size_t DataStart(const std::vector<std::string>& lines) {
  std::size_t i = 0;
  while (i < lines.size() && !StartsWith(lines[i], "Data:")) ++i;
  for (++i; i < lines.size(); ++i) {
    const auto t = Tokens(lines[i]);
    if (!t.empty() && std::all_of(t.begin(), t.end(), IsNumber)) return i;
  }
  throw std::runtime_error("no data block");
}

}  // namespace

std::filesystem::path ReferenceDir() {
  if (const char* root = std::getenv("MANYI_SOURCE_DIR")) {
    const auto dir = std::filesystem::path(root) / "tests" / "data" / "reference";
    if (std::filesystem::exists(dir / "SOURCES")) return dir;
  }
  return std::filesystem::path(MANYI_TEST_DATA_DIR) / "reference";
}

double ParseDouble(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double v = 0.0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size())
    throw std::runtime_error("not a number: " + std::string(text));
  return v;
}

std::string FormatG(double value) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, value);
  return ec == std::errc() ? std::string(buf, p) : std::string("?");
}

NistUnivariate ReadNistUnivariate(const std::string& file) {
  const auto lines = ReadLines(ReferenceDir() / "nist" / file);
  NistUnivariate out;
  for (const auto& l : lines) {
    if (StartsWith(l, "Sample Mean")) out.mean = Numbers(l).back();
    if (StartsWith(l, "Sample Standard Deviation")) out.sd = Numbers(l).back();
    if (StartsWith(l, "Sample Autocorrelation")) out.autocorrelation = Numbers(l).back();
  }
  for (std::size_t i = DataStart(lines); i < lines.size(); ++i) {
    for (double v : Numbers(lines[i])) out.data.push_back(v);
  }
  return out;
}

NistAnova ReadNistAnova(const std::string& file) {
  const auto lines = ReadLines(ReferenceDir() / "nist" / file);
  NistAnova out;
  for (const auto& l : lines) {
    const auto v = Numbers(l);
    if (StartsWith(l, "Between") && v.size() >= 4) {
      out.dfBetween = v[v.size() - 4];
      out.ssBetween = v[v.size() - 3];
      out.msBetween = v[v.size() - 2];
      out.f = v[v.size() - 1];
    } else if (StartsWith(l, "Within") && v.size() >= 3) {
      out.dfWithin = v[v.size() - 3];
      out.ssWithin = v[v.size() - 2];
      out.msWithin = v[v.size() - 1];
    } else if (StartsWith(l, "Certified R-Squared")) {
      out.rSquared = v.back();
    } else if (StartsWith(l, "Standard Deviation") && !v.empty()) {
      out.residualSd = v.back();
    }
  }
  const bool table = file.size() > 5 && file.compare(file.size() - 5, 5, "t.dat") == 0;
  if (!table) {
    for (std::size_t i = DataStart(lines); i < lines.size(); ++i) {
      const auto v = Numbers(lines[i]);
      if (v.size() != 2) continue;
      out.groups.push_back(static_cast<std::uint32_t>(v[0]) - 1);
      out.values.push_back(v[1]);
    }
    return out;
  }
  // Table layout: after the last "Data:" line, a row of column labels 1..k, then one row per
  // replicate with one value per treatment.
  std::size_t k = 0;
  for (const auto& l : lines) {
    const auto t = Tokens(l);
    if (t.size() >= 2 && t[1] == "Treatments" && IsNumber(t[0])) k = static_cast<std::size_t>(ParseDouble(t[0]));
  }
  if (k == 0) throw std::runtime_error(file + ": no treatment count");
  std::size_t start = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (StartsWith(lines[i], "Data:")) start = i + 1;
  }
  bool labels = true;
  std::vector<std::vector<double>> cells(k);
  for (std::size_t i = start; i < lines.size(); ++i) {
    const auto t = Tokens(lines[i]);
    if (t.empty() || !std::all_of(t.begin(), t.end(), IsNumber)) continue;
    if (t.size() != k) throw std::runtime_error(file + ": row with " + std::to_string(t.size()) + " values");
    if (labels) {
      labels = false;  // the "1 2 ... k" header row
      continue;
    }
    for (std::size_t j = 0; j < k; ++j) cells[j].push_back(ParseDouble(t[j]));
  }
  for (std::size_t j = 0; j < k; ++j) {
    for (double v : cells[j]) {
      out.groups.push_back(static_cast<std::uint32_t>(j));
      out.values.push_back(v);
    }
  }
  return out;
}

NistLinear ReadNistLinear(const std::string& file, std::size_t predictors) {
  const auto lines = ReadLines(ReferenceDir() / "nist" / file);
  NistLinear out;
  out.x.resize(predictors);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto t = Tokens(lines[i]);
    if (t.size() == 3 && t[0].size() >= 2 && t[0][0] == 'B' && IsNumber(t[1]) && IsNumber(t[2])) {
      out.estimate.push_back(ParseDouble(t[1]));
      out.sd.push_back(ParseDouble(t[2]));
    }
    if (StartsWith(lines[i], "Standard Deviation") && i > 0 && StartsWith(lines[i - 1], "Residual")) {
      out.residualSd = Numbers(lines[i]).back();
    }
    if (StartsWith(lines[i], "R-Squared")) out.rSquared = Numbers(lines[i]).back();
    const auto v = Numbers(lines[i]);
    if (StartsWith(lines[i], "Regression") && v.size() >= 3) {
      out.dfRegression = v[0];
      out.ssRegression = v[1];
    }
    if (StartsWith(lines[i], "Residual") && v.size() >= 3) {
      out.dfResidual = v[0];
      out.ssResidual = v[1];
    }
  }
  for (std::size_t i = DataStart(lines); i < lines.size(); ++i) {
    const auto v = Numbers(lines[i]);
    if (v.size() != predictors + 1) continue;
    out.y.push_back(v[0]);
    for (std::size_t j = 0; j < predictors; ++j) out.x[j].push_back(v[j + 1]);
  }
  return out;
}

std::size_t Csv::Column(const std::string& name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  throw std::runtime_error("no column " + name);
}

std::vector<double> Csv::Numbers(const std::string& name) const {
  const std::size_t c = Column(name);
  std::vector<double> out;
  for (const auto& r : rows) {
    const std::string& f = r.at(c);
    out.push_back(f.empty() || f == "NA" ? kMissingValue : ParseDouble(f));
  }
  return out;
}

Csv ReadCsv(const std::filesystem::path& path) {
  const auto lines = ReadLines(path);
  auto split = [](const std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.push_back(field);
        field.clear();
      } else {
        field += c;
      }
    }
    fields.push_back(field);
    return fields;
  };
  Csv csv;
  if (lines.empty()) return csv;
  csv.header = split(lines[0]);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (!lines[i].empty()) csv.rows.push_back(split(lines[i]));
  }
  return csv;
}

}  // namespace manyi::stats::testing
