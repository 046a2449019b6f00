// Where Manyi finds its installed resources (catalogues, templates, demo data), build tree or install.
#pragma once

#include <filesystem>
#include <string_view>

namespace manyi {

/// The running executable's path (/proc/self/exe on Linux).
std::filesystem::path ExecutablePath();

/// The folder holding <lang>/LC_MESSAGES/manyi.mo: $MANYI_LOCALEDIR, else <exe>/../share/locale
/// (installed or unpacked package), else <exe>/../locale (build tree).
std::filesystem::path LocaleDir();

/// A folder of Manyi's bundled data: kind is "forms", "reports", "models" or "demo". Looked up in
/// $MANYI_DATADIR/<kind>, else <exe>/../share/manyi/<kind> (installed), else the source tree the
/// build came from (forms/, reports/, models/, data/demo/).
std::filesystem::path ResourceDir(std::string_view kind);

}  // namespace manyi
