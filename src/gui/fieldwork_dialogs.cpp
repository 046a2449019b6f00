// The Fieldwork menu and the sampling plan dialog.
#include "gui/fieldwork_dialogs.h"

#include <wx/dialog.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/choicdlg.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>

#include "gui/file_chooser.h"
#include "gui/sampling_panel.h"
#include "gui/wx_text.h"
#include "io/sampling_plan.h"

namespace manyi::gui {

wxMenu* CreateFieldworkMenu() {
  auto* menu = new wxMenu();
  menu->Append(kIdFieldworkSampling, _("&Sampling Plan…"), _("Plan a stratified sample from the sample frame and draw it into a mailing batch or a call list"));
  menu->Append(kIdFieldworkPrint, _("&Print Paper Forms…"), _("Print the questionnaires of a mailing batch as a PDF, one copy per customer with its id on every page"));
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

void PrintMailBatchForms(wxWindow* parent, storage::Project& project) {
  std::vector<int64_t> batches;
  wxArrayString labels;
  storage::Statement st(project.Db(),
                        "SELECT b.id, b.sent_on, count(m.customer_id), coalesce(b.form_lang, '') FROM mail_batch b "
                        "LEFT JOIN mailing m ON m.batch_id = b.id GROUP BY b.id ORDER BY b.id");
  while (st.Step()) {
    batches.push_back(st.Int(0));
    labels.Add(wxString::Format(_("Batch %lld, sent %s: %lld questionnaires"), static_cast<long long>(st.Int(0)),
                                ToWx(st.Text(1)), static_cast<long long>(st.Int(2))) +
               (st.Text(3).empty() ? wxString() : " (" + ToWx(st.Text(3)) + ")"));
  }
  if (batches.empty()) {
    wxMessageBox(_("There is no mailing batch yet. Draw one first with Fieldwork > Sampling Plan."), _("Print Paper Forms"),
                 wxOK | wxICON_INFORMATION, parent);
    return;
  }
  size_t chosen = batches.size() - 1;  // the latest batch is the one usually printed
  if (batches.size() > 1) {
    wxSingleChoiceDialog ask(parent, _("Which mailing batch do you want to print?"), _("Print Paper Forms"), labels);
    ask.SetSelection(int(chosen));
    if (ask.ShowModal() != wxID_OK) return;
    chosen = size_t(ask.GetSelection());
  }
  const int64_t batch = batches[chosen];
  ChooseFileThen(parent, FileRequest::Purpose::kSave, _("Print Paper Forms"), _("PDF files (*.pdf)|*.pdf"),
                 wxString::Format("batch-%lld.pdf", static_cast<long long>(batch)), [&](const wxString& file) {
                   wxBusyCursor busy;
                   const io::PrintedBatch printed = io::PrintMailBatch(project, batch, ToPath(file));
                   wxMessageBox(wxString::Format(_("Wrote %d pages: %zu questionnaires of batch %lld, in %s, to %s."), printed.pages,
                                                 printed.copies, static_cast<long long>(batch),
                                                 printed.lang == "zh" ? _("Chinese") : _("English"), file),
                                _("Print Paper Forms"), wxOK | wxICON_INFORMATION, parent);
                 });
}

}  // namespace manyi::gui
