// The Fieldwork menu and the windows holding the fieldwork screens.
#include "gui/fieldwork_dialogs.h"

#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/sizer.h>

#include "gui/cati_panel.h"
#include "gui/data_entry_panel.h"
#include "gui/sampling_panel.h"

namespace manyi::gui {

namespace {

/// The screens work on the main window's project, so the window is modal: the project cannot be
/// closed under them.
template <typename Panel>
void ShowPanelDialog(wxWindow* parent, storage::Project& project, const wxString& title) {
  wxDialog dialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new Panel(&dialog, project), wxSizerFlags(1).Expand());
  dialog.SetSizerAndFit(sizer);
  dialog.ShowModal();
}

}  // namespace

wxMenu* CreateFieldworkMenu() {
  auto* menu = new wxMenu();
  menu->Append(kIdFieldworkSampling, _("&Sampling Plan…"), _("Plan a stratified sample from the sample frame and draw it into a mailing batch or a call list"));
  menu->Append(kIdFieldworkDataEntry, _("Mail &Data Entry…") + "\tCtrl+E", _("Key returned paper questionnaires (double entry)"));
  menu->Append(kIdFieldworkCati, _("&Telephone Interviews…") + "\tCtrl+T", _("Call respondents from the call list and interview them"));
  return menu;
}

void ShowSamplingDialog(wxWindow* parent, storage::Project& project) {
  ShowPanelDialog<SamplingPanel>(parent, project, _("Sampling plan"));
}

void ShowDataEntryDialog(wxWindow* parent, storage::Project& project) {
  ShowPanelDialog<DataEntryPanel>(parent, project, _("Mail data entry"));
}

void ShowCatiDialog(wxWindow* parent, storage::Project& project) {
  ShowPanelDialog<CatiPanel>(parent, project, _("Telephone interviews"));
}

}  // namespace manyi::gui
