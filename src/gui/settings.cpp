// The settings file.
#include "gui/settings.h"

#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/filename.h>
#include <wx/stdpaths.h>

namespace manyi::gui {

wxString DefaultSettingsFile() {
  // XDG on Linux (~/.config/manyi/manyi.conf): the folder is ours to create, wx does not.
  wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
  wxFileName file(wxStandardPaths::Get().GetUserConfigDir(), "manyi.conf");
  file.AppendDir("manyi");
  return file.GetFullPath();
}

void InstallSettings(const wxString& file) {
  const wxString path = file.empty() ? DefaultSettingsFile() : file;
  wxFileName::Mkdir(wxFileName(path).GetPath(), wxS_DIR_DEFAULT, wxPATH_MKDIR_FULL);
  delete wxConfigBase::Set(new wxFileConfig(wxString(), wxString(), path, wxString(), wxCONFIG_USE_LOCAL_FILE));
}

}  // namespace manyi::gui
