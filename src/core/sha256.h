// SHA-256 digests, used to recognise a re-imported file and to fingerprint the data of a report.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace manyi {

/// Incremental SHA-256 (FIPS 180-4).
class Sha256 {
 public:
  Sha256();
  void Update(const void* data, size_t size);
  void Update(std::string_view text) { Update(text.data(), text.size()); }
  /// Finishes and returns the digest as 64 lower-case hex digits.
  std::string HexDigest();

 private:
  void Block(const uint8_t* p);
  std::array<uint32_t, 8> m_h;
  std::array<uint8_t, 64> m_buf{};
  size_t m_used = 0;
  uint64_t m_bytes = 0;
};

/// The SHA-256 of a file's bytes, or nullopt when it cannot be read.
std::optional<std::string> Sha256OfFile(const std::filesystem::path& file);

}  // namespace manyi
