// The designer's live preview: an item (or a whole section) drawn with real controls as the
// respondent sees it on screen, or as the interviewer sees it on the phone (codes, conditions
// in words, what to read out).
#pragma once

#include <wx/scrolwin.h>

#include <string>

#include "core/questionnaire.h"
#include "gui/designer_model.h"

namespace manyi::gui {

/// Who the preview is for.
enum class PreviewMode { kRespondent, kInterviewer };

class ItemPreview : public wxScrolledWindow {
 public:
  explicit ItemPreview(wxWindow* parent);

  /// Draws what `at` shows (an item, a section's items, or the questionnaire's title and
  /// sections) in lang ("zh" or "en").
  void ShowPart(const Questionnaire& form, FormPath at, const std::string& lang, PreviewMode mode);
  /// The texts drawn, in order (for tests: what a person would read).
  const wxArrayString& Texts() const { return m_texts; }

 private:
  void AddItem(wxSizer* sizer, const Questionnaire& form, const Item& item, int number, const std::string& lang,
               PreviewMode mode);
  wxWindow* Label(const wxString& text, bool bold = false, bool grey = false);

  wxArrayString m_texts;
};

/// Question numbers as printed (notes have none), with every variable of an item mapped to its
/// item's number — what conditions in words refer to.
std::vector<std::pair<std::string, int>> QuestionNumbers(const Questionnaire& form);

}  // namespace manyi::gui
