// The template gallery dialog.
#include "gui/designer_gallery.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "core/paths.h"
#include "gui/labels.h"
#include "gui/language.h"
#include "gui/wx_text.h"
#include "io/form_json.h"

namespace manyi::gui {

namespace {
std::string Lang() { return CurrentLanguage() == "zh_CN" ? "zh" : "en"; }

size_t ItemCount(const Questionnaire& form) {
  size_t n = 0;
  for (const Section& s : form.sections) n += s.items.size();
  return n;
}
}  // namespace

std::vector<FormTemplate> ListFormTemplates() {
  std::vector<FormTemplate> templates;
  std::error_code ec;
  const std::filesystem::path dir = ResourceDir("forms");
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".json") continue;
    auto form = io::ReadFormFile(entry.path());
    if (form.Ok()) templates.push_back({entry.path(), form.Value()});
  }
  std::sort(templates.begin(), templates.end(), [](const FormTemplate& a, const FormTemplate& b) { return a.file < b.file; });
  return templates;
}

TemplateGalleryDialog::TemplateGalleryDialog(wxWindow* parent)
    : wxDialog(parent, wxID_ANY, _("Questionnaire Templates"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_templates(ListFormTemplates()) {
  SetName("template_gallery");
  const int gap = FromDIP(8);
  wxArrayString titles;
  for (const FormTemplate& t : m_templates) titles.push_back(ToWx(t.form.title.Get(Lang())));
  m_list = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, titles, wxLB_SINGLE);
  m_list->SetName("templates");
  m_title = BoldLabel(this, wxString());
  m_details = new wxStaticText(this, wxID_ANY, wxString());
  m_details->SetName("template_details");

  auto* details = new wxBoxSizer(wxVERTICAL);
  details->Add(m_title, wxSizerFlags().Border(wxBOTTOM, gap));
  details->Add(m_details, wxSizerFlags(1).Expand());
  auto* body = new wxBoxSizer(wxHORIZONTAL);
  body->Add(m_list, wxSizerFlags(0).Expand().Border(wxRIGHT, 2 * gap));
  body->Add(details, wxSizerFlags(1).Expand());

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* intro = new wxStaticText(this, wxID_ANY, wxString());
  SetWrappedLabel(intro, _("Every template has all its texts in Chinese and English. "
                           "The questionnaire can be changed in the designer afterwards."),
                  FromDIP(560));
  sizer->Add(intro, wxSizerFlags().Border(wxALL, 2 * gap));
  sizer->Add(body, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, 2 * gap));
  // Our own labels: wx's stock ones stay English where its catalogue is not installed.
  auto* buttons = new wxStdDialogButtonSizer();
  buttons->AddButton(new wxButton(this, wxID_OK, _("&Use This Template")));
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
  buttons->Realize();
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, 2 * gap));
  SetSizer(sizer);

  m_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { ShowDetails(); });
  m_list->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { EndModal(wxID_OK); });
  if (!m_templates.empty()) m_list->SetSelection(0);
  // Laid out for the longest description, so that choosing another one never clips it.
  for (size_t i = 0; i < m_templates.size(); ++i) {
    m_list->SetSelection(int(i));
    ShowDetails();
    wxSize needed = details->GetMinSize();
    needed.IncTo(details->CalcMin());
    details->SetMinSize(needed);
  }
  if (!m_templates.empty()) m_list->SetSelection(0);
  ShowDetails();
  FindWindow(wxID_OK)->Enable(!m_templates.empty());
  Fit();
  Centre();
}

void TemplateGalleryDialog::ShowDetails() {
  const FormTemplate* chosen = GetChosen();
  if (!chosen) {
    SetBoldLabel(m_title, _("No templates were found."));
    m_details->SetLabel(wxString::Format(_("Manyi looks for them in %s."), FromPath(ResourceDir("forms"))));
    return;
  }
  const Questionnaire& form = chosen->form;
  const std::string lang = Lang();
  SetBoldLabel(m_title, WrapText(m_title, ToWx(form.title.Get(lang)), FromDIP(380), true));
  wxString text = ToWx(form.description.Get(lang));
  if (!text.empty()) text += "\n\n";
  text += wxString::Format(_("Sections: %zu\nQuestions: %zu\nAnswer variables: %zu\nIndices: %zu\nFile: %s"),
                           form.sections.size(), ItemCount(form), form.Variables().size(), form.indices.size(),
                           FromPath(chosen->file.filename()));
  SetWrappedLabel(m_details, text, FromDIP(380));
  Layout();
}

const FormTemplate* TemplateGalleryDialog::GetChosen() const {
  const int index = m_list->GetSelection();
  return index >= 0 && size_t(index) < m_templates.size() ? &m_templates[size_t(index)] : nullptr;
}

bool TemplateGalleryDialog::SelectTemplate(const std::string& formId) {
  for (size_t i = 0; i < m_templates.size(); ++i) {
    if (m_templates[i].form.id != formId) continue;
    m_list->SetSelection(int(i));
    ShowDetails();
    return true;
  }
  return false;
}

}  // namespace manyi::gui
