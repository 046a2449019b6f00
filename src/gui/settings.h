// Where the GUI keeps its settings (language, recent files): one wxFileConfig.
#pragma once

#include <wx/string.h>

namespace manyi::gui {

/// The user's settings file: ~/.config/manyi/manyi.conf on Linux (XDG_CONFIG_HOME honoured).
wxString DefaultSettingsFile();

/// Installs the process-wide wxConfig reading and writing file (default: DefaultSettingsFile()),
/// creating its folder when needed.
void InstallSettings(const wxString& file = wxString());

}  // namespace manyi::gui
