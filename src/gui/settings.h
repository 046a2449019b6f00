// Where the GUI keeps its settings (language, recent files): one wxFileConfig.
#pragma once

#include <wx/string.h>

namespace manyi::gui {

/// Installs the process-wide wxConfig: file, when given (tests), else the user's XDG
/// configuration (~/.config/manyi/manyi.conf). Call after wxApp::SetAppName().
void InstallSettings(const wxString& file = wxString());

}  // namespace manyi::gui
