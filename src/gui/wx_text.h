// The one place where UTF-8 std::string (core, storage, report) and wxString / paths meet.
#pragma once

#include <wx/string.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.h"

namespace manyi::gui {

/// UTF-8 text from the libraries below the GUI as a wxString.
inline wxString ToWx(std::string_view utf8) { return wxString::FromUTF8(utf8.data(), utf8.size()); }

/// A wxString as UTF-8 for the libraries below the GUI.
inline std::string ToUtf8(const wxString& text) { return text.utf8_string(); }

/// A number typed in a field (C-locale digits, as everywhere in Manyi, surrounding spaces
/// ignored); nullopt when it is not one.
inline std::optional<double> NumberIn(const wxString& typed) { return ParseNumber(Trim(ToUtf8(typed))); }

/// A file name from a dialog or the command line as a filesystem path. On POSIX a path is bytes
/// and Manyi treats them as UTF-8; Windows paths are UTF-16 (never the narrow code page).
inline std::filesystem::path ToPath(const wxString& file) {
#ifdef _WIN32
  return std::filesystem::path(file.ToStdWstring());
#else
  return std::filesystem::path(file.utf8_string());
#endif
}

/// A filesystem path for display or for wx APIs.
inline wxString FromPath(const std::filesystem::path& file) {
#ifdef _WIN32
  return wxString(file.wstring());
#else
  return ToWx(file.string());
#endif
}

}  // namespace manyi::gui
