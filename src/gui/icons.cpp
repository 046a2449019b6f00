// Icons from the art provider.
#include "gui/icons.h"

#include <wx/artprov.h>

namespace manyi::gui {

namespace {
// One art id per NodeKind, in the enum's order.
const char* const kNodeArt[] = {
    wxART_GO_HOME,      // kProject
    wxART_FOLDER,       // kQuestionnaires
    wxART_NORMAL_FILE,  // kQuestionnaire
    wxART_LIST_VIEW,    // kSampleFrame
    wxART_GO_FORWARD,   // kFieldwork
    wxART_REPORT_VIEW,  // kResponses
    wxART_FIND,         // kAnalyses
    wxART_PRINT,        // kReports
};
}  // namespace

int IconOf(NodeKind kind) { return int(kind); }

wxVector<wxBitmapBundle> NodeIcons() {
  wxVector<wxBitmapBundle> icons;
  for (const char* art : kNodeArt) icons.push_back(wxArtProvider::GetBitmapBundle(art, wxART_OTHER, wxSize(16, 16)));
  return icons;
}

wxBitmapBundle MenuIcon(const wxString& artId) { return wxArtProvider::GetBitmapBundle(artId, wxART_MENU); }

}  // namespace manyi::gui
