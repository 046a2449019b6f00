// The Fieldwork menu of the main window: the sampling plan dialog; the data-entry and interviewer
// commands show their screens in the explorer's Fieldwork part (gui/workspace_panels.h).
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
inline constexpr int kIdFieldworkPrint = wxID_HIGHEST + 303;

/// The Fieldwork menu (Sampling plan…, Mail data entry…, Telephone interviews…).
wxMenu* CreateFieldworkMenu();

/// Shows the sampling plan screen (plan, draw into a mailing batch or call list) for project.
void ShowSamplingDialog(wxWindow* parent, storage::Project& project);
/// Prints the paper forms of a mailing batch (asked for when there are several) to a PDF the
/// user chooses; says what was written.
void PrintMailBatchForms(wxWindow* parent, storage::Project& project);

}  // namespace manyi::gui
