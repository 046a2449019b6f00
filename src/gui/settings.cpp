// The settings file.
#include "gui/settings.h"

#include <wx/app.h>
#include <wx/config.h>
#include <wx/fileconf.h>
#include <wx/stdpaths.h>

namespace manyi::gui {

void InstallSettings(const wxString& file) {
  wxFileConfig* config = nullptr;
  if (file.empty()) {
    wxStandardPaths::Get().SetFileLayout(wxStandardPaths::FileLayout_XDG);
    config = new wxFileConfig(wxTheApp ? wxTheApp->GetAppName() : wxString("manyi"), wxString(), wxString(),
                              wxString(), wxCONFIG_USE_LOCAL_FILE | wxCONFIG_USE_SUBDIR);
  } else {
    config = new wxFileConfig(wxString(), wxString(), file, wxString(), wxCONFIG_USE_LOCAL_FILE);
  }
  delete wxConfigBase::Set(config);
}

}  // namespace manyi::gui
