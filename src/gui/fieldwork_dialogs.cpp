// The Fieldwork menu and the sampling plan dialog.
#include "gui/fieldwork_dialogs.h"

#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/sizer.h>

#include "gui/sampling_panel.h"

namespace manyi::gui {

wxMenu* CreateFieldworkMenu() {
  auto* menu = new wxMenu();
  menu->Append(kIdFieldworkSampling, _("&Sampling Plan…"), _("Plan a stratified sample from the sample frame and draw it into a mailing batch or a call list"));
  menu->Append(kIdFieldworkDataEntry, _("Mail &Data Entry…") + "\tCtrl+E", _("Key returned paper questionnaires (double entry)"));
  menu->Append(kIdFieldworkCati, _("&Telephone Interviews…") + "\tCtrl+T", _("Call respondents from the call list and interview them"));
  return menu;
}

void ShowSamplingDialog(wxWindow* parent, storage::Project& project) {
  // Modal: the project cannot be closed under the draw.
  wxDialog dialog(parent, wxID_ANY, _("Sampling plan"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(new SamplingPanel(&dialog, project), wxSizerFlags(1).Expand());
  dialog.SetSizerAndFit(sizer);
  dialog.ShowModal();
}

}  // namespace manyi::gui
