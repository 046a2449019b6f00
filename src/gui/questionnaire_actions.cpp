// Questionnaire actions shared by panels and menus.
#include "gui/questionnaire_actions.h"

#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>

#include "gui/designer_gallery.h"
#include "gui/file_chooser.h"
#include "gui/wx_text.h"
#include "io/form_json.h"
#include "io/limesurvey.h"
#include "io/xlsform.h"
#include "storage/sqlite.h"

namespace manyi::gui {

int64_t StoreNewQuestionnaire(storage::Project& project, const Questionnaire& form) {
  storage::Transaction tx(project.Db());
  const int64_t id = io::StoreQuestionnaire(project, form);
  tx.Commit();
  return id;
}

std::optional<int64_t> AddQuestionnaireFromTemplate(wxWindow* parent, storage::Project& project) {
  TemplateGalleryDialog gallery(parent);
  if (gallery.ShowModal() != wxID_OK || !gallery.GetChosen()) return std::nullopt;
  return StoreNewQuestionnaire(project, gallery.GetChosen()->form);
}

void ShowInfo(wxWindow* parent, const wxString& message, const std::vector<Message>& details) {
  wxMessageDialog dialog(parent, message, _("Manyi"), wxOK | wxICON_INFORMATION);
  if (!details.empty()) {
    wxString text;
    // A long list is cut, never the dialog: the rest is counted.
    constexpr size_t kShown = 15;
    for (size_t i = 0; i < details.size() && i < kShown; ++i) text += wxString::FromUTF8("• ") + ToWx(details[i].Text()) + "\n";
    if (details.size() > kShown) text += wxString::Format(_("… and %zu more."), details.size() - kShown);
    dialog.SetExtendedMessage(text);
  }
  dialog.ShowModal();
}

std::optional<int64_t> ImportQuestionnaire(wxWindow* parent, storage::Project& project) {
  FileRequest request;
  request.purpose = FileRequest::Purpose::kOpen;
  request.title = _("Import Questionnaire");
  request.wildcard = _("Questionnaires (XLSForm, LimeSurvey, Manyi)") + "|*.xlsx;*.xls;*.csv;*.lss;*.lsa;*.txt;*.json|" +
                     _("All files") + "|*";
  const wxString file = ChooseFile(parent, request);
  if (file.empty()) return std::nullopt;
  io::ImportedForm imported;
  if (wxFileName(file).GetExt().Lower() == "json")
    imported.form = io::ReadFormFile(ToPath(file)).TakeOrThrow();
  else
    imported = io::ImportForm(ToPath(file)).TakeOrThrow();
  const int64_t id = StoreNewQuestionnaire(project, imported.form);
  size_t items = 0;
  for (const Section& s : imported.form.sections) items += s.items.size();
  wxString message = wxString::Format(_("%s: %zu section(s) and %zu question(s) imported as questionnaire \"%s\"."),
                                      wxFileName(file).GetFullName(), imported.form.sections.size(), items,
                                      ToWx(imported.form.id));
  if (!imported.report.empty())
    message += "\n" + wxString::Format(_("%zu note(s) on what could not be taken over as it was:"), imported.report.size());
  ShowInfo(parent, message, imported.report);
  return id;
}

bool ExportQuestionnaire(wxWindow* parent, const Questionnaire& form) {
  FileRequest request;
  request.purpose = FileRequest::Purpose::kSave;
  request.title = _("Export Questionnaire");
  request.defaultName = ToWx(form.id) + ".xlsx";
  request.wildcard = _("XLSForm workbook (*.xlsx)") + "|*.xlsx|" + _("XLSForm CSV (*.csv)") + "|*.csv|" +
                     _("LimeSurvey survey structure (*.lss)") + "|*.lss|" + _("Manyi questionnaire (*.json)") + "|*.json";
  wxString file = ChooseFile(parent, request);
  if (file.empty()) return false;
  const wxString ext = wxFileName(file).GetExt().Lower();
  if (ext != "xlsx" && ext != "csv" && ext != "json" && ext != "lss") file += ".xlsx";
  std::vector<Message> notes;
  if (wxFileName(file).GetExt().Lower() == "json")
    io::WriteFormFile(form, ToPath(file));
  else if (wxFileName(file).GetExt().Lower() == "lss")
    notes = io::ExportLimeSurvey(form, ToPath(file));
  else
    notes = io::ExportXlsForm(form, ToPath(file));
  ShowInfo(parent, wxString::Format(_("The questionnaire was written to %s."), file), notes);
  return true;
}

}  // namespace manyi::gui
