// SHA-256 digests, used to recognise a re-imported file and to fingerprint the data of a report.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace manyi {

/// Incremental SHA-256 (FIPS 180-4), computed by OpenSSL's libcrypto, which uses the processor's
/// SHA instructions where it has them: an import hashes every byte of files of hundreds of MB.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(const void* data, size_t size);
  void Update(std::string_view text) { Update(text.data(), text.size()); }
  /// Finishes and returns the digest as 64 lower-case hex digits.
  std::string HexDigest();

 private:
  void* m_context;  // EVP_MD_CTX
};

/// The SHA-256 of a file's bytes, or nullopt when it cannot be read.
std::optional<std::string> Sha256OfFile(const std::filesystem::path& file);

}  // namespace manyi
