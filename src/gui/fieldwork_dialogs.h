// The Fieldwork menu of the main window: its commands show the data-entry and interviewer
// screens in the explorer's Fieldwork part (gui/workspace_panels.h).
#pragma once

#include <wx/defs.h>

class wxMenu;

namespace manyi::gui {

/// Menu ids of the Fieldwork menu.
inline constexpr int kIdFieldworkDataEntry = wxID_HIGHEST + 300;
inline constexpr int kIdFieldworkCati = wxID_HIGHEST + 301;
inline constexpr int kIdFieldworkSampling = wxID_HIGHEST + 302;

/// The Fieldwork menu (Sampling plan…, Mail data entry…, Telephone interviews…).
wxMenu* CreateFieldworkMenu();

/// Shows the sampling plan screen (plan, draw into a mailing batch or call list) for project.
void ShowSamplingDialog(wxWindow* parent, storage::Project& project);

}  // namespace manyi::gui
