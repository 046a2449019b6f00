// Resource lookup relative to the executable, so an unpacked package works where it lies.
#include "core/paths.h"

#include <cstdlib>
#include <system_error>

#ifndef MANYI_SOURCE_DIR
#define MANYI_SOURCE_DIR ""
#endif

namespace manyi {

namespace fs = std::filesystem;

fs::path ExecutablePath() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : p;
}

fs::path LocaleDir() {
  if (const char* env = std::getenv("MANYI_LOCALEDIR"); env && *env) return env;
  fs::path bin = ExecutablePath().parent_path();
  std::error_code ec;
  for (fs::path candidate : {bin / ".." / "share" / "locale", bin / ".." / "locale"}) {
    if (fs::exists(candidate / "zh_CN" / "LC_MESSAGES" / "manyi.mo", ec)) return candidate.lexically_normal();
  }
  return (bin / ".." / "share" / "locale").lexically_normal();
}

fs::path ResourceDir(std::string_view kind) {
  if (const char* env = std::getenv("MANYI_DATADIR"); env && *env) return fs::path(env) / kind;
  std::error_code ec;
  fs::path installed = (ExecutablePath().parent_path() / ".." / "share" / "manyi" / kind).lexically_normal();
  if (fs::exists(installed, ec)) return installed;
  fs::path source(MANYI_SOURCE_DIR);
  return kind == "demo" ? source / "data" / "demo" : source / kind;
}

}  // namespace manyi
