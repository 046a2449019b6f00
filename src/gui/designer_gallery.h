// The template gallery: the questionnaires shipped in forms/, each described in the interface
// language, to start a project or add a questionnaire from.
#pragma once

#include <wx/dialog.h>

#include <filesystem>
#include <vector>

#include "core/questionnaire.h"

class wxListBox;
class wxStaticText;

namespace manyi::gui {

/// A template found in forms/.
struct FormTemplate {
  std::filesystem::path file;
  Questionnaire form;
};

/// The templates in ResourceDir("forms") that read without error, sorted by file name.
std::vector<FormTemplate> ListFormTemplates();

/// Choose a template: list on the left, what it holds on the right.
class TemplateGalleryDialog : public wxDialog {
 public:
  explicit TemplateGalleryDialog(wxWindow* parent);

  /// The chosen template (valid after OK), or nullptr.
  const FormTemplate* GetChosen() const;
  /// Selects the template with this questionnaire id; false when there is none.
  bool SelectTemplate(const std::string& formId);
  wxListBox* GetList() const { return m_list; }

 private:
  void ShowDetails();

  std::vector<FormTemplate> m_templates;
  wxListBox* m_list = nullptr;
  wxStaticText* m_title = nullptr;
  wxStaticText* m_details = nullptr;
};

}  // namespace manyi::gui
