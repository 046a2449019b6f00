// The Fieldwork menu of the main window: the data-entry and interviewer screens, each in its own
// window over the open project.
#pragma once

#include <wx/defs.h>

class wxMenu;
class wxWindow;

namespace manyi::storage {
class Project;
}

namespace manyi::gui {

/// Menu ids of the Fieldwork menu.
inline constexpr int kIdFieldworkDataEntry = wxID_HIGHEST + 300;
inline constexpr int kIdFieldworkCati = wxID_HIGHEST + 301;
inline constexpr int kIdFieldworkSampling = wxID_HIGHEST + 302;

/// The Fieldwork menu (Sampling plan…, Mail data entry…, Telephone interviews…).
wxMenu* CreateFieldworkMenu();

/// Shows the sampling plan screen (plan, draw into a mailing batch or call list) for project.
void ShowSamplingDialog(wxWindow* parent, storage::Project& project);
/// Shows the mail data-entry screen for project in a dialog owned by parent, until it is closed.
void ShowDataEntryDialog(wxWindow* parent, storage::Project& project);
/// Shows the telephone interviewer's screen for project in a dialog owned by parent.
void ShowCatiDialog(wxWindow* parent, storage::Project& project);

}  // namespace manyi::gui
