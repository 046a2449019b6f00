// The test frame of the source survey's 979 questionnaires (tests/data/fieldwork/frame_979_strata.csv:
// customers per region × industry) expanded to one row per customer, for the unit and GUI tests.
#pragma once

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "test_paths.h"

namespace manyi::test {

struct Frame979Customer {
  std::string id;        ///< C00001, C00002, … in file order
  std::string region;    ///< "" for the unsigned questionnaires (未署名)
  std::string industry;
};

/// The 1,222 customers of the frame; empty when the file is missing.
inline std::vector<Frame979Customer> Frame979Customers() {
  std::ifstream in(SourceDir() / "tests/data/fieldwork/frame_979_strata.csv");
  std::vector<Frame979Customer> out;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string region, industry, count;
    std::getline(cells, region, ',');
    std::getline(cells, industry, ',');
    std::getline(cells, count, ',');
    for (int i = 0; i < std::stoi(count); ++i) {
      char id[16];
      std::snprintf(id, sizeof id, "C%05zu", out.size() + 1);
      out.push_back({id, region, industry});
    }
  }
  return out;
}

}  // namespace manyi::test
