// Reading members of a zip archive (xlsx workbooks, LimeSurvey .lsa archives) with libzip,
// either whole or streamed in chunks.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

struct zip;

namespace manyi::io {

/// A zip archive opened read-only from a file or from bytes in memory.
class ZipArchive {
 public:
  ~ZipArchive();
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;

  /// Opens file; nullptr when it is not a readable zip archive.
  static std::unique_ptr<ZipArchive> Open(const std::filesystem::path& file);
  /// Opens an archive held in memory (the bytes are copied); nullptr when it is not a zip archive.
  static std::unique_ptr<ZipArchive> OpenBytes(std::string bytes);

  /// Member names in archive order.
  std::vector<std::string> Names() const;
  /// Whether a member with exactly this name exists.
  bool Has(const std::string& name) const;
  /// Streams a member to onChunk in pieces; false when the member is missing or damaged
  /// (onChunk returning false stops early and is not a failure).
  bool Stream(const std::string& name, const std::function<bool(std::string_view chunk)>& onChunk) const;
  /// A whole member, or nullopt when missing, damaged or larger than maxBytes.
  std::optional<std::string> Read(const std::string& name, size_t maxBytes = size_t(256) << 20) const;

 private:
  ZipArchive() = default;
  ::zip* m_zip = nullptr;
  std::string m_bytes;  // kept alive for archives opened from memory
};

}  // namespace manyi::io
