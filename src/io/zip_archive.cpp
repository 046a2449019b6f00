// libzip behind a small RAII class: archives from files or memory, members whole or in chunks.
#include "io/zip_archive.h"

#include <zip.h>

namespace manyi::io {

ZipArchive::~ZipArchive() {
  if (m_zip) zip_discard(m_zip);
}

std::unique_ptr<ZipArchive> ZipArchive::Open(const std::filesystem::path& file) {
  int error = 0;
  zip_t* z = zip_open(file.c_str(), ZIP_RDONLY, &error);
  if (!z) return nullptr;
  std::unique_ptr<ZipArchive> a(new ZipArchive());
  a->m_zip = z;
  return a;
}

std::unique_ptr<ZipArchive> ZipArchive::OpenBytes(std::string bytes) {
  std::unique_ptr<ZipArchive> a(new ZipArchive());
  a->m_bytes = std::move(bytes);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(a->m_bytes.data(), a->m_bytes.size(), 0, &error);
  if (!src) {
    zip_error_fini(&error);
    return nullptr;
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (!z) {
    zip_source_free(src);
    return nullptr;
  }
  a->m_zip = z;
  return a;
}

std::vector<std::string> ZipArchive::Names() const {
  std::vector<std::string> out;
  const zip_int64_t n = zip_get_num_entries(m_zip, 0);
  for (zip_int64_t i = 0; i < n; ++i)
    if (const char* name = zip_get_name(m_zip, static_cast<zip_uint64_t>(i), 0)) out.emplace_back(name);
  return out;
}

bool ZipArchive::Has(const std::string& name) const { return zip_name_locate(m_zip, name.c_str(), 0) >= 0; }

bool ZipArchive::Stream(const std::string& name, const std::function<bool(std::string_view)>& onChunk) const {
  zip_file_t* f = zip_fopen(m_zip, name.c_str(), 0);
  if (!f) return false;
  std::vector<char> buf(64 * 1024);
  bool ok = true;
  for (;;) {
    const zip_int64_t n = zip_fread(f, buf.data(), buf.size());
    if (n < 0) {
      ok = false;
      break;
    }
    if (n == 0) break;
    if (!onChunk(std::string_view(buf.data(), static_cast<size_t>(n)))) break;
  }
  zip_fclose(f);
  return ok;
}

std::optional<std::string> ZipArchive::Read(const std::string& name, size_t maxBytes) const {
  std::string out;
  bool tooBig = false;
  const bool ok = Stream(name, [&](std::string_view chunk) {
    if (out.size() + chunk.size() > maxBytes) {
      tooBig = true;
      return false;
    }
    out.append(chunk);
    return true;
  });
  if (!ok || tooBig) return std::nullopt;
  return out;
}

}  // namespace manyi::io
