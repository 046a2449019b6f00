// The designer's preview.
#include "gui/designer_preview.h"

#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/radiobut.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/wupdlock.h>

#include <cmath>

#include "core/text.h"
#include "gui/labels.h"
#include "gui/wx_text.h"
#include "io/paper_form.h"

namespace manyi::gui {

namespace {
wxString Say(const std::string& lang, const char* zh, const char* en) {
  return lang == "zh" ? wxString::FromUTF8(zh) : wxString::FromUTF8(en);
}

wxString Num(double v) { return ToWx(FormatNumber(v)); }
}  // namespace

std::vector<std::pair<std::string, int>> QuestionNumbers(const Questionnaire& form) {
  std::vector<std::pair<std::string, int>> numbers;
  int n = 0;
  for (const Section& s : form.sections)
    for (const Item& item : s.items)
      if (item.type != ItemType::kNote) numbers.emplace_back(item.id, ++n);
  for (const Variable& v : form.Variables()) {
    if (v.name == v.item->id) continue;
    for (const auto& [id, k] : std::vector(numbers))
      if (id == v.item->id) numbers.emplace_back(v.name, k);
  }
  return numbers;
}

ItemPreview::ItemPreview(wxWindow* parent) : wxScrolledWindow(parent, wxID_ANY) {
  SetName("preview");
  SetScrollRate(FromDIP(10), FromDIP(10));
  SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
}

wxWindow* ItemPreview::Label(const wxString& text, bool bold, bool grey) {
  wxStaticText* label;
  if (bold) {
    label = BoldLabel(this, WrapText(this, text, FromDIP(520), true));
  } else {
    label = new wxStaticText(this, wxID_ANY, wxString());
    SetWrappedLabel(label, text, FromDIP(520));
  }
  if (grey) label->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  m_texts.push_back(text);
  return label;
}

void ItemPreview::ShowPart(const Questionnaire& form, FormPath at, const std::string& lang, PreviewMode mode) {
  wxWindowUpdateLocker freeze(this);
  DestroyChildren();
  m_texts.clear();
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  const auto numbers = QuestionNumbers(form);
  auto numberOf = [&](const std::string& id) {
    for (const auto& [name, n] : numbers)
      if (name == id) return n;
    return 0;
  };
  if (mode == PreviewMode::kInterviewer)
    sizer->Add(Label(Say(lang, "访员屏幕：请逐字读出问题；方括号中的是录入代码。",
                         "Interviewer screen: read the question out word for word; codes in brackets are for entry."),
                     false, true),
               wxSizerFlags().Border(wxBOTTOM, gap));
  if (const Item* item = ItemAt(form, at)) {
    AddItem(sizer, form, *item, numberOf(item->id), lang, mode);
  } else if (const Section* section = SectionAt(form, at)) {
    sizer->Add(Label(ToWx(section->title.Get(lang)), true), wxSizerFlags().Border(wxBOTTOM, gap));
    if (!section->relevant.empty())
      sizer->Add(Label(Say(lang, "（仅在以下条件成立时回答本部分：", "(Answer this part only if: ") +
                           ToWx(io::ReadableCondition(section->relevant, lang, numbers)) + Say(lang, "）", ")"),
                       false, true));
    for (const Item& item : section->items) {
      sizer->Add(new wxStaticLine(this), wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, gap));
      AddItem(sizer, form, item, numberOf(item.id), lang, mode);
    }
  } else {
    auto* title = BoldLabel(this, WrapText(this, ToWx(form.title.Get(lang)), FromDIP(400), true), 1.3);
    m_texts.push_back(ToWx(form.title.Get(lang)));
    sizer->Add(title, wxSizerFlags().Border(wxBOTTOM, gap));
    if (!form.description.Empty()) sizer->Add(Label(ToWx(form.description.Get(lang))), wxSizerFlags().Border(wxBOTTOM, gap));
    for (const Section& s : form.sections)
      sizer->Add(Label(wxString::FromUTF8("• ") + ToWx(s.title.Get(lang)) +
                       wxString::Format(Say(lang, "（%zu 题）", " (%zu questions)"), s.items.size())));
  }
  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(sizer, wxSizerFlags(1).Expand().Border(wxALL, 2 * gap));
  SetSizer(outer, true);
  FitInside();
  Layout();
  Refresh();
}

void ItemPreview::AddItem(wxSizer* sizer, const Questionnaire& form, const Item& item, int number,
                          const std::string& lang, PreviewMode mode) {
  const int gap = FromDIP(6);
  const bool interviewer = mode == PreviewMode::kInterviewer;
  wxString heading = number ? wxString::Format(Say(lang, "%d. ", "%d. "), number) : wxString();
  heading += ToWx(item.text.Get(lang));
  if (item.required && !interviewer) heading += " *";
  if (interviewer) heading = wxString::Format("[%s] ", ToWx(item.id)) + heading;
  sizer->Add(Label(heading, true), wxSizerFlags().Border(wxBOTTOM, gap));
  if (interviewer && !item.relevant.empty())
    sizer->Add(Label(Say(lang, "只在以下条件成立时提问：", "Ask only if: ") +
                         ToWx(io::ReadableCondition(item.relevant, lang, QuestionNumbers(form))),
                     false, true),
               wxSizerFlags().Border(wxBOTTOM, gap));
  if (!item.help.Empty()) sizer->Add(Label(ToWx(item.help.Get(lang)), false, true), wxSizerFlags().Border(wxBOTTOM, gap));

  auto code = [&](double v) { return interviewer ? wxString::Format(" [%s]", Num(v)) : wxString(); };
  auto scaleRow = [&](wxSizer* into, const Scale& scale, bool first) {
    const int points = int(std::lround(scale.max - scale.min)) + 1;
    for (int k = 0; k < points && k < 21; ++k) {
      const double v = scale.min + k;
      auto* radio = new wxRadioButton(this, wxID_ANY, Num(v), wxDefaultPosition, wxDefaultSize,
                                      first && k == 0 ? wxRB_GROUP : 0);
      into->Add(radio, wxSizerFlags().Border(wxRIGHT, gap));
    }
    for (const MissingCode& m : scale.missing)
      into->Add(new wxRadioButton(this, wxID_ANY, ToWx(m.label.Get(lang)) + code(m.value)), wxSizerFlags().Border(wxLEFT, gap));
  };
  auto endLabels = [&](const Scale& scale) {
    wxString text;
    for (const auto& [point, label] : scale.pointLabels) {
      if (!text.empty()) text += wxString::FromUTF8("   ·   ");
      text += wxString::Format("%d = %s", point, ToWx(label.Get(lang)));
    }
    return text;
  };

  switch (item.type) {
    case ItemType::kSingle:
    case ItemType::kMultiple: {
      bool first = true;
      for (const Code& c : item.codes) {
        const wxString label = ToWx(c.label.Get(lang)) + code(c.value);
        wxWindow* control = item.type == ItemType::kSingle
                                ? static_cast<wxWindow*>(new wxRadioButton(this, wxID_ANY, label, wxDefaultPosition,
                                                                           wxDefaultSize, first ? wxRB_GROUP : 0))
                                : new wxCheckBox(this, wxID_ANY, label);
        m_texts.push_back(label);
        first = false;
        sizer->Add(control, wxSizerFlags().Border(wxBOTTOM, gap / 2));
      }
      if (item.allowOther) {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        row->Add(Label(Say(lang, "其他，请注明：", "Other, please specify:")), wxSizerFlags().Centre());
        row->Add(new wxTextCtrl(this, wxID_ANY), wxSizerFlags(1).Border(wxLEFT, gap));
        sizer->Add(row, wxSizerFlags().Expand());
      }
      break;
    }
    case ItemType::kRating:
    case ItemType::kNps: {
      Scale scale = item.scale ? *item.scale : Scale{0, 10, {}, {}};
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      scaleRow(row, scale, true);
      sizer->Add(row);
      if (!scale.pointLabels.empty()) sizer->Add(Label(endLabels(scale), false, true), wxSizerFlags().Border(wxTOP, gap));
      break;
    }
    case ItemType::kGrid: {
      if (!item.scale) break;
      sizer->Add(Label(endLabels(*item.scale), false, true), wxSizerFlags().Border(wxBOTTOM, gap));
      auto* grid = new wxFlexGridSizer(2, gap, 2 * gap);
      for (const GridRow& r : item.rows) {
        grid->Add(Label(ToWx(r.text.Get(lang)) + (interviewer ? wxString::Format(" [%s]", ToWx(r.id)) : wxString())),
                  wxSizerFlags().CentreVertical());
        auto* points = new wxBoxSizer(wxHORIZONTAL);
        scaleRow(points, *item.scale, true);
        grid->Add(points);
      }
      sizer->Add(grid);
      if (item.importanceScale)
        sizer->Add(Label(Say(lang, "每一项还要回答重要程度：", "Each row also asks how important it is: ") +
                             endLabels(*item.importanceScale),
                         false, true),
                   wxSizerFlags().Border(wxTOP, gap));
      break;
    }
    case ItemType::kNumeric: {
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      row->Add(new wxTextCtrl(this, wxID_ANY), wxSizerFlags().Border(wxRIGHT, gap));
      wxString range;
      if (item.min && item.max) range = wxString::Format(Say(lang, "（%s 至 %s）", "(%s to %s)"), Num(*item.min), Num(*item.max));
      else if (item.min) range = wxString::Format(Say(lang, "（至少 %s）", "(at least %s)"), Num(*item.min));
      else if (item.max) range = wxString::Format(Say(lang, "（至多 %s）", "(at most %s)"), Num(*item.max));
      if (!range.empty()) row->Add(Label(range, false, true), wxSizerFlags().CentreVertical());
      sizer->Add(row);
      break;
    }
    case ItemType::kShortText:
      sizer->Add(new wxTextCtrl(this, wxID_ANY), wxSizerFlags().Expand());
      break;
    case ItemType::kLongText: {
      auto* text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_MULTILINE);
      text->SetMinSize(wxSize(-1, text->GetCharHeight() * 4));
      sizer->Add(text, wxSizerFlags().Expand());
      break;
    }
    case ItemType::kDate: {
      auto* row = new wxBoxSizer(wxHORIZONTAL);
      auto* text = new wxTextCtrl(this, wxID_ANY);
      text->SetHint("YYYY-MM-DD");
      row->Add(text);
      sizer->Add(row);
      break;
    }
    case ItemType::kRanking: {
      wxArrayString ranks;
      ranks.push_back(wxString());
      for (size_t k = 1; k <= item.codes.size(); ++k) ranks.push_back(wxString::Format("%zu", k));
      auto* grid = new wxFlexGridSizer(2, gap, 2 * gap);
      for (const Code& c : item.codes) {
        grid->Add(new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, ranks));
        grid->Add(Label(ToWx(c.label.Get(lang)) + code(c.value)), wxSizerFlags().CentreVertical());
      }
      sizer->Add(grid);
      break;
    }
    case ItemType::kNote:
      break;
  }
  if (!item.constraintMessage.Empty())
    sizer->Add(Label((interviewer ? Say(lang, "答案不符合要求时说：", "If the answer is not accepted, say: ") : wxString()) +
                         ToWx(item.constraintMessage.Get(lang)),
                     false, true),
               wxSizerFlags().Border(wxTOP, gap));
}

}  // namespace manyi::gui
