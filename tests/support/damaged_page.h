// Damages one real page of a project file, the way a failing disk or an interrupted copy does:
// a leaf of the response table (the last responses) overwritten with garbage, the header, the
// schema and every other page left sound. The table must span more than one page.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "storage/sqlite.h"

namespace manyi::test {

inline void DamageLastResponsePage(const std::filesystem::path& file) {
  uint32_t root = 0;
  size_t pageSize = 0;
  {
    storage::Connection db(file, storage::OpenMode::kReadOnly);
    root = uint32_t(db.QueryInt("SELECT rootpage FROM sqlite_schema WHERE name = 'response'"));
    pageSize = size_t(db.QueryInt("PRAGMA page_size"));
  }
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // The root's right-most child pointer (https://www.sqlite.org/fileformat.html §1.6: an interior
  // table b-tree page has type 0x05 and the pointer at offset 8, big-endian).
  const size_t at = (root - 1) * pageSize + (root == 1 ? 100 : 0);
  if (static_cast<unsigned char>(bytes.at(at)) != 0x05)
    throw std::runtime_error("the response table fits on one page: add responses before damaging it");
  auto b = [&](size_t k) { return uint32_t(static_cast<unsigned char>(bytes[at + 8 + k])); };
  const uint32_t leaf = b(0) << 24 | b(1) << 16 | b(2) << 8 | b(3);
  if (leaf <= 1) throw std::runtime_error("no right-most child in the response table's root page");
  for (size_t i = 12; i < pageSize; ++i) bytes[(leaf - 1) * pageSize + i] = char(0xA5 ^ (i * 7));
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
}

}  // namespace manyi::test
