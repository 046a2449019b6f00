// Where tests find the source tree, the build tree and the shared reference folder.
#pragma once

#include <cstdlib>
#include <filesystem>

namespace manyi::test {

inline std::filesystem::path FromEnvOr(const char* var, const char* fallback) {
  const char* v = std::getenv(var);
  return (v && *v) ? v : fallback;
}
/// The repository's root.
inline std::filesystem::path SourceDir() { return FromEnvOr("MANYI_SOURCE_DIR", MANYI_TEST_SOURCE_DIR); }
/// The CMake build folder (compiled catalogues in locale/, screenshots/).
inline std::filesystem::path BinaryDir() { return FromEnvOr("MANYI_BINARY_DIR", MANYI_TEST_BINARY_DIR); }
/// ../shared beside the repository (reference data and third-party fixtures).
inline std::filesystem::path SharedDir() { return FromEnvOr("MANYI_SHARED_DIR", MANYI_TEST_SHARED_DIR); }

}  // namespace manyi::test
