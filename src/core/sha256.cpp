// SHA-256 through OpenSSL's EVP interface (the one that picks the processor's SHA extensions).
#include "core/sha256.h"

#include <openssl/evp.h>

#include <fstream>
#include <new>

namespace manyi {

namespace {
EVP_MD_CTX* Context(void* p) { return static_cast<EVP_MD_CTX*>(p); }
}  // namespace

Sha256::Sha256() : m_context(EVP_MD_CTX_new()) {
  if (!m_context || EVP_DigestInit_ex(Context(m_context), EVP_sha256(), nullptr) != 1) throw std::bad_alloc();
}

Sha256::~Sha256() { EVP_MD_CTX_free(Context(m_context)); }

void Sha256::Update(const void* data, size_t size) {
  if (size > 0) EVP_DigestUpdate(Context(m_context), data, size);
}

std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(Context(m_context), digest, &length);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

std::optional<std::string> Sha256OfFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 sha;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    sha.Update(buf, size_t(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return sha.HexDigest();
}

}  // namespace manyi
