// The questionnaire designer panel.
#include "gui/designer_panel.h"

#include <wx/artprov.h>
#include <wx/bmpbuttn.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/notebook.h>
#include <wx/propgrid/propgrid.h>
#include <wx/propgrid/advprops.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/treectrl.h>
#include <wx/wrapsizer.h>
#include <wx/wupdlock.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "core/error.h"

#include "core/questionnaire_check.h"
#include "core/text.h"
#include "gui/designer_editors.h"
#include "gui/designer_preview.h"
#include "gui/errors.h"
#include "gui/labels.h"
#include "gui/language.h"
#include "gui/questionnaire_actions.h"
#include "gui/wx_text.h"

namespace manyi::gui {

namespace {

constexpr ItemType kTypes[] = {ItemType::kSingle,    ItemType::kMultiple,  ItemType::kRating,   ItemType::kGrid,
                               ItemType::kNps,       ItemType::kNumeric,   ItemType::kShortText, ItemType::kLongText,
                               ItemType::kDate,      ItemType::kRanking,   ItemType::kNote};
constexpr ItemRole kRoles[] = {
    ItemRole::kNone,          ItemRole::kOverallSatisfaction, ItemRole::kAttributeSatisfaction,
    ItemRole::kAttributeImportance, ItemRole::kRecommend,     ItemRole::kLoyalty,
    ItemRole::kComplaint,     ItemRole::kRegion,              ItemRole::kIndustry,
    ItemRole::kCustomerClass, ItemRole::kRespondentId,        ItemRole::kExpectation,
    ItemRole::kPerceivedQuality, ItemRole::kPerceivedValue,   ItemRole::kImage,
    ItemRole::kEffort};

enum TreeImage { kImageForm, kImageSection, kImageItem, kImageWarning };

struct PathData : public wxTreeItemData {
  explicit PathData(FormPath p) : path(p) {}
  FormPath path;
};

std::string UiLang() { return CurrentLanguage() == "zh_CN" ? "zh" : "en"; }

bool NeedsScale(ItemType t) { return t == ItemType::kRating || t == ItemType::kGrid || t == ItemType::kNps; }
bool HasCodes(ItemType t) { return t == ItemType::kSingle || t == ItemType::kMultiple || t == ItemType::kRanking; }

/// The scale a new rating, grid or NPS question starts with (both ends labelled in both languages).
Scale DefaultScale(ItemType type) {
  Scale scale;
  if (type == ItemType::kNps) {
    scale.min = 0;
    scale.max = 10;
    scale.pointLabels[0] = LocalText::Of("完全不可能", "Not at all likely");
    scale.pointLabels[10] = LocalText::Of("极有可能", "Extremely likely");
  } else {
    scale.min = 1;
    scale.max = 5;
    scale.pointLabels[1] = LocalText::Of("非常不满意", "Very dissatisfied");
    scale.pointLabels[5] = LocalText::Of("非常满意", "Very satisfied");
  }
  return scale;
}

bool ValidId(const std::string& id) {
  if (id.empty() || !(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_')) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

std::optional<double> ParseOptionalNumber(const wxString& text, bool& ok) {
  ok = true;
  const std::string s = ToUtf8(text.Strip(wxString::both));
  if (s.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  ok = ec == std::errc() && end == s.data() + s.size();
  return value;
}

wxString Num(double v) { return ToWx(FormatNumber(v)); }

bool SameText(const LocalText& a, const LocalText& b) { return a.byLang == b.byLang; }

bool SameCodes(const std::vector<Code>& a, const std::vector<Code>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].value != b[i].value || a[i].key != b[i].key || !SameText(a[i].label, b[i].label)) return false;
  return true;
}

bool SameScale(const Scale& a, const Scale& b) {
  if (a.min != b.min || a.max != b.max || a.pointLabels.size() != b.pointLabels.size()) return false;
  for (auto i = a.pointLabels.begin(), j = b.pointLabels.begin(); i != a.pointLabels.end(); ++i, ++j)
    if (i->first != j->first || !SameText(i->second, j->second)) return false;
  return true;
}

/// The nearest part that exists: the item, else its section, else the questionnaire.
FormPath Clamp(const Questionnaire& form, FormPath path) {
  if (path.IsItem() && ItemAt(form, path)) return path;
  if (path.IsItem()) {
    const Section* s = SectionAt(form, path);
    if (s && !s->items.empty()) return {path.section, int(s->items.size()) - 1};
  }
  if (SectionAt(form, {path.section, -1})) return {path.section, -1};
  return {};
}

}  // namespace

wxString ItemTypeLabel(ItemType type) {
  switch (type) {
    case ItemType::kSingle: return _("Single choice");
    case ItemType::kMultiple: return _("Multiple choice");
    case ItemType::kRating: return _("Rating");
    case ItemType::kGrid: return _("Rating grid");
    case ItemType::kNps: return _("NPS (0–10)");
    case ItemType::kNumeric: return _("Number");
    case ItemType::kShortText: return _("Short text");
    case ItemType::kLongText: return _("Long text");
    case ItemType::kDate: return _("Date");
    case ItemType::kRanking: return _("Ranking");
    case ItemType::kNote: return _("Note (no answer)");
  }
  return {};
}

wxString ItemRoleLabel(ItemRole role) {
  switch (role) {
    case ItemRole::kNone: return _("(none)");
    case ItemRole::kOverallSatisfaction: return _("Overall satisfaction");
    case ItemRole::kAttributeSatisfaction: return _("Attribute satisfaction");
    case ItemRole::kAttributeImportance: return _("Attribute importance");
    case ItemRole::kRecommend: return _("Would recommend");
    case ItemRole::kLoyalty: return _("Loyalty (repurchase, stay)");
    case ItemRole::kComplaint: return _("Complaint");
    case ItemRole::kRegion: return _("Region");
    case ItemRole::kIndustry: return _("Industry");
    case ItemRole::kCustomerClass: return _("Customer class");
    case ItemRole::kRespondentId: return _("Respondent id");
    case ItemRole::kExpectation: return _("Expectation");
    case ItemRole::kPerceivedQuality: return _("Perceived quality");
    case ItemRole::kPerceivedValue: return _("Perceived value");
    case ItemRole::kImage: return _("Image");
    case ItemRole::kEffort: return _("Customer effort");
  }
  return {};
}

DesignerPanel::DesignerPanel(const PanelContext& context)
    : wxPanel(context.parent, wxID_ANY),
      m_context(context),
      m_document(std::make_unique<DesignerDocument>(*context.project, context.id)) {
  SetName("designer");
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_title = BoldLabel(this, wxString(), 1.3);
  m_title->SetName("designer_title");
  sizer->Add(m_title, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 2 * gap));
  m_version = new wxStaticText(this, wxID_ANY, wxString());
  m_version->SetName("designer_version");
  m_version->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  sizer->Add(m_version, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 2 * gap));
  sizer->Add(BuildToolbar(), wxSizerFlags().Expand().Border(wxALL, gap));

  auto* splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
  m_tree = new wxTreeCtrl(splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                          wxTR_DEFAULT_STYLE | wxTR_SINGLE | wxTR_FULL_ROW_HIGHLIGHT);
  m_tree->SetName("designer_tree");
  wxVector<wxBitmapBundle> images;
  for (const char* art : {wxART_NORMAL_FILE, wxART_FOLDER, wxART_HELP_PAGE, wxART_WARNING})
    images.push_back(wxArtProvider::GetBitmapBundle(art, wxART_OTHER, wxSize(16, 16)));
  m_tree->SetImages(images);
  m_notebook = new wxNotebook(splitter, wxID_ANY);
  m_notebook->SetName("designer_pages");
  m_notebook->AddPage(BuildTextsPage(m_notebook), _("Texts"));
  m_notebook->AddPage(BuildPropertiesPage(m_notebook), _("Properties"));
  m_notebook->AddPage(BuildAnswersPage(m_notebook), _("Answers"));
  m_notebook->AddPage(BuildLogicPage(m_notebook), _("Logic"));
  m_notebook->AddPage(BuildPreviewPage(m_notebook), _("Preview"));
  splitter->SetMinimumPaneSize(FromDIP(150));
  splitter->SplitVertically(m_tree, m_notebook, FromDIP(230));
  sizer->Add(splitter, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  SetSizer(sizer);

  m_tree->Bind(wxEVT_TREE_SEL_CHANGED, &DesignerPanel::OnTreeSelection, this);
  m_notebook->Bind(wxEVT_NOTEBOOK_PAGE_CHANGING, [this](wxBookCtrlEvent& event) {
    CommitPending();
    event.Skip();
  });
  m_notebook->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
    if (event.GetSelection() == kPreviewPage) FillPreview();
    event.Skip();
  });
  m_document->onChanged = [this] { Changed(); };
  RebuildTree();
  UpdateHeader();
  // The first question, if there is one: that is what a designer opens a questionnaire for.
  const Questionnaire& form = m_document->Form();
  SelectPath(!form.sections.empty() && !form.sections[0].items.empty() ? FormPath{0, 0} : FormPath{});
}

wxWindow* DesignerPanel::BuildToolbar() {
  auto* bar = new wxPanel(this, wxID_ANY);
  auto* sizer = new wxWrapSizer(wxHORIZONTAL);
  const int gap = FromDIP(4);
  auto add = [&](const wxString& label, const char* name, const char* art, const wxString& tip, std::function<void()> action) {
    auto* button = new wxButton(bar, wxID_ANY, label);
    button->SetName(name);
    if (art) button->SetBitmap(wxArtProvider::GetBitmapBundle(art, wxART_BUTTON));
    button->SetToolTip(tip);
    button->Bind(wxEVT_BUTTON, [this, action](wxCommandEvent&) {
      try {
        CommitPending();
        action();
      } catch (...) {
        ShowError(this, DescribeException());
      }
    });
    sizer->Add(button, wxSizerFlags().Border(wxRIGHT | wxBOTTOM, gap));
    return button;
  };
  add(_("Add Section"), "add_section", wxART_NEW_DIR, _("Add a section after the selected one"), [this] { AddSection(); });
  wxArrayString types;
  for (ItemType t : kTypes) types.push_back(ItemTypeLabel(t));
  m_newType = new wxChoice(bar, wxID_ANY, wxDefaultPosition, wxDefaultSize, types);
  m_newType->SetName("new_item_type");
  m_newType->SetSelection(2);  // rating: what a satisfaction survey asks most
  m_newType->SetToolTip(_("The type of the question to add"));
  sizer->Add(m_newType, wxSizerFlags().Border(wxRIGHT | wxBOTTOM, gap).CentreVertical());
  add(_("Add Question"), "add_item", wxART_PLUS, _("Add a question of the chosen type after the selected one"),
      [this] { AddItem(kTypes[std::max(0, m_newType->GetSelection())]); });
  add(_("Delete"), "delete", wxART_DELETE, _("Delete the selected question or section (Undo brings it back)"),
      [this] { DeleteSelected(); });
  add(_("Up"), "move_up", wxART_GO_UP, _("Move the selected question or section up"), [this] { MoveSelected(-1); });
  add(_("Down"), "move_down", wxART_GO_DOWN, _("Move the selected question or section down"), [this] { MoveSelected(1); });
  add(_("Check"), "check", wxART_TICK_MARK, _("List what would break fieldwork or analysis"), [this] { CheckForm(); });
  add(_("Import…"), "import", wxART_FILE_OPEN, _("Import a questionnaire from XLSForm or LimeSurvey"), [this] { ImportForm(); });
  add(_("Export…"), "export", wxART_FILE_SAVE_AS, _("Export this questionnaire as XLSForm, LimeSurvey or Manyi JSON"), [this] { ExportForm(); });
  bar->SetSizer(sizer);
  return bar;
}

wxWindow* DesignerPanel::BuildTextsPage(wxWindow* parent) {
  auto* page = new wxScrolledWindow(parent, wxID_ANY);
  page->SetName("texts_page");
  page->SetScrollRate(0, FromDIP(10));
  m_texts = new TextPairEditor(page);
  m_texts->onCommit = [this](size_t row, const LocalText& value) {
    const Questionnaire& form = m_document->Form();
    if (m_selected.IsItem()) {
      EditItem([&](Item& item) { (row == 0 ? item.text : row == 1 ? item.help : item.constraintMessage) = value; },
               Message(N_("Edit the texts of {0}")).Arg(ItemAt(form, m_selected)->id), "text" + std::to_string(row));
    } else if (m_selected.IsSection()) {
      Section s = *SectionAt(form, m_selected);
      s.title = value;
      Run(ChangeSection(form, m_selected.section, s, Message(N_("Edit the title of section {0}")).Arg(s.id), "title"));
    } else {
      Questionnaire after = form;
      (row == 0 ? after.title : after.description) = value;
      Run(ChangeForm(form, after, Message(N_("Edit the title of the questionnaire")), m_selected, "form" + std::to_string(row)));
    }
  };
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(m_texts, wxSizerFlags().Expand().Border(wxALL, FromDIP(4)));
  page->SetSizer(sizer);
  return page;
}

wxWindow* DesignerPanel::BuildPropertiesPage(wxWindow* parent) {
  m_properties = new wxPropertyGrid(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                    wxPG_SPLITTER_AUTO_CENTER | wxPG_BOLD_MODIFIED);
  m_properties->SetName("properties");
  m_properties->Bind(wxEVT_PG_CHANGED, &DesignerPanel::OnPropertyChanged, this);
  return m_properties;
}

wxWindow* DesignerPanel::BuildAnswersPage(wxWindow* parent) {
  auto* page = new wxScrolledWindow(parent, wxID_ANY);
  page->SetName("answers_page");
  page->SetScrollRate(0, FromDIP(10));
  m_answersPage = page;
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_answersNote = new wxStaticText(page, wxID_ANY, wxString());
  m_answersNote->SetName("answers_note");
  sizer->Add(m_answersNote, wxSizerFlags().Expand().Border(wxALL, FromDIP(6)));
  m_codes = new LabelTable(page, _("Answer options"), _("Code"), [](const std::vector<LabelRow>& rows) {
    double next = 1;
    for (const LabelRow& r : rows) {
      bool ok = false;
      if (auto v = ParseOptionalNumber(r.key, ok); ok && v && *v >= next) next = std::floor(*v) + 1;
    }
    return Num(next);
  });
  m_codes->SetName("codes");
  m_codes->onCommit = [this](const std::vector<LabelRow>& rows) { return CommitCodes(rows); };
  m_points = new LabelTable(page, _("Labels of the scale points"), _("Point"), [this](const std::vector<LabelRow>& rows) {
    const Item* item = ItemAt(m_document->Form(), m_selected);
    std::set<wxString> used;
    for (const LabelRow& r : rows) used.insert(r.key);
    if (item && item->scale)
      for (int p = int(item->scale->min); p <= int(item->scale->max); ++p)
        if (!used.count(Num(p))) return Num(p);
    return wxString();
  });
  m_points->SetName("scale_points");
  m_points->onCommit = [this](const std::vector<LabelRow>& rows) { return CommitPoints(rows); };
  m_rows = new LabelTable(page, _("Rows of the grid (attributes)"), _("Variable"), [this](const std::vector<LabelRow>&) {
    return ToWx(NewItemId(m_document->Form(), ItemAt(m_document->Form(), m_selected)->id + "_"));
  });
  m_rows->SetName("grid_rows");
  m_rows->onCommit = [this](const std::vector<LabelRow>& rows) { return CommitGridRows(rows); };
  sizer->Add(m_codes, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(6)));
  sizer->Add(m_points, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(6)));
  sizer->Add(m_rows, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(6)));
  page->SetSizer(sizer);
  return page;
}

wxWindow* DesignerPanel::BuildLogicPage(wxWindow* parent) {
  auto* page = new wxScrolledWindow(parent, wxID_ANY);
  page->SetName("logic_page");
  page->SetScrollRate(0, FromDIP(10));
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_relevance = new ExpressionEditor(page, _("Shown when"),
                                     _("Leave empty to always ask. Example: q3 >= 7 and region != \"north\""),
                                     N_("relevance"), false);
  m_relevance->SetName("relevance");
  m_relevance->onCommit = [this](const std::string& expression) {
    const Questionnaire& form = m_document->Form();
    if (m_selected.IsItem()) {
      EditItem([&](Item& item) { item.relevant = expression; },
               Message(N_("Edit the condition of {0}")).Arg(ItemAt(form, m_selected)->id), "relevant");
    } else if (m_selected.IsSection()) {
      Section s = *SectionAt(form, m_selected);
      s.relevant = expression;
      Run(ChangeSection(form, m_selected.section, s, Message(N_("Edit the condition of section {0}")).Arg(s.id), "relevant"));
    }
  };
  m_constraint = new ExpressionEditor(page, _("Answer accepted when"),
                                      _("\".\" is the answer itself. Example: . >= 0 and . <= 100"), N_("validation"), true);
  m_constraint->SetName("constraint");
  m_constraint->onCommit = [this](const std::string& expression) {
    EditItem([&](Item& item) { item.constraint = expression; },
             Message(N_("Edit the validation of {0}")).Arg(ItemAt(m_document->Form(), m_selected)->id), "constraint");
  };
  sizer->Add(m_relevance, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
  sizer->Add(m_constraint, wxSizerFlags().Expand().Border(wxALL, FromDIP(8)));
  page->SetSizer(sizer);
  return page;
}

wxWindow* DesignerPanel::BuildPreviewPage(wxWindow* parent) {
  auto* page = new wxPanel(parent, wxID_ANY);
  page->SetName("preview_page");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* choices = new wxBoxSizer(wxHORIZONTAL);
  const int gap = FromDIP(6);
  choices->Add(new wxStaticText(page, wxID_ANY, _("Preview for:")), wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
  wxArrayString modes;
  modes.push_back(_("Respondent"));
  modes.push_back(_("Telephone interviewer"));
  m_previewMode = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, modes);
  m_previewMode->SetName("preview_mode");
  m_previewMode->SetSelection(0);
  choices->Add(m_previewMode, wxSizerFlags().Border(wxRIGHT, 3 * gap));
  choices->Add(new wxStaticText(page, wxID_ANY, _("Language:")), wxSizerFlags().CentreVertical().Border(wxRIGHT, gap));
  wxArrayString langs;
  langs.push_back(wxString::FromUTF8("中文"));
  langs.push_back("English");
  m_previewLanguage = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, langs);
  m_previewLanguage->SetName("preview_language");
  m_previewLanguage->SetSelection(UiLang() == "zh" ? 0 : 1);
  choices->Add(m_previewLanguage);
  sizer->Add(choices, wxSizerFlags().Border(wxALL, gap));
  m_preview = new ItemPreview(page);
  sizer->Add(m_preview, wxSizerFlags(1).Expand());
  page->SetSizer(sizer);
  m_previewMode->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { FillPreview(); });
  m_previewLanguage->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { FillPreview(); });
  return page;
}

void DesignerPanel::RebuildTree() {
  wxWindowUpdateLocker freeze(m_tree);
  m_filling = true;
  m_tree->DeleteAllItems();
  const Questionnaire& form = m_document->Form();
  const std::string lang = UiLang();
  const wxTreeItemId root = m_tree->AddRoot(ToWx(form.title.Get(lang)), kImageForm, -1, new PathData({}));
  wxTreeItemId select = root;
  for (size_t s = 0; s < form.sections.size(); ++s) {
    const Section& section = form.sections[s];
    wxString title = ToWx(section.title.Get(lang));
    if (title.empty()) title = ToWx(section.id);
    const FormPath sp{int(s), -1};
    const wxTreeItemId sectionNode = m_tree->AppendItem(root, title, kImageSection, -1, new PathData(sp));
    if (sp == m_selected) select = sectionNode;
    for (size_t i = 0; i < section.items.size(); ++i) {
      const Item& item = section.items[i];
      wxString text = ToWx(item.text.Get(lang));
      if (text.length() > 48) text = text.Left(47) + wxString::FromUTF8("…");
      const FormPath ip{int(s), int(i)};
      const wxTreeItemId node = m_tree->AppendItem(sectionNode, ToWx(item.id) + wxString::FromUTF8("  ") + text,
                                                   ItemMissesTranslation(item) ? kImageWarning : kImageItem, -1,
                                                   new PathData(ip));
      if (ItemMissesTranslation(item)) m_tree->SetItemTextColour(node, wxColour(0xB0, 0x30, 0x00));
      if (ip == m_selected) select = node;
    }
  }
  m_tree->ExpandAll();
  m_tree->SelectItem(select);
  m_tree->EnsureVisible(select);
  m_filling = false;
}

bool DesignerPanel::SelectPath(FormPath path) {
  const Questionnaire& form = m_document->Form();
  if (!path.IsForm() && !SectionAt(form, path)) return false;
  if (path.IsItem() && !ItemAt(form, path)) return false;
  CommitPending();
  m_selected = path;
  RebuildTree();
  ShowSelected();
  return true;
}

void DesignerPanel::OnTreeSelection(wxTreeEvent& event) {
  if (m_filling) return;
  auto* data = dynamic_cast<PathData*>(m_tree->GetItemData(event.GetItem()));
  if (!data || data->path == m_selected) return;
  CommitPending();
  m_selected = data->path;
  ShowSelected();
}

void DesignerPanel::ShowPage(Page page) { m_notebook->SetSelection(size_t(page)); }

void DesignerPanel::ShowSelected() {
  wxWindowUpdateLocker freeze(this);
  FillTexts();
  FillProperties();
  FillAnswers();
  FillLogic();
  FillPreview();
  Layout();
}

void DesignerPanel::FillTexts() {
  const Questionnaire& form = m_document->Form();
  std::vector<TextRow> rows;
  if (const Item* item = ItemAt(form, m_selected)) {
    rows.push_back({_("Question"), item->text, true});
    rows.push_back({_("Help for the respondent"), item->help, false});
    rows.push_back({_("Message when the answer is not accepted"), item->constraintMessage, false});
  } else if (const Section* section = SectionAt(form, m_selected)) {
    rows.push_back({_("Section title"), section->title, false});
  } else {
    rows.push_back({_("Questionnaire title"), form.title, false});
    rows.push_back({_("Introduction"), form.description, true});
  }
  m_texts->SetRows(rows);
  m_texts->GetParent()->Layout();
  static_cast<wxScrolledWindow*>(m_texts->GetParent())->FitInside();
}

void DesignerPanel::FillProperties() {
  m_properties->Clear();
  const Questionnaire& form = m_document->Form();
  if (const Item* item = ItemAt(form, m_selected)) {
    m_properties->Append(new wxPropertyCategory(_("Question")));
    m_properties->Append(new wxStringProperty(_("Id"), "id", ToWx(item->id)));
    wxPGChoices types, roles;
    for (ItemType t : kTypes) types.Add(ItemTypeLabel(t), int(t));
    for (ItemRole r : kRoles) roles.Add(ItemRoleLabel(r), int(r));
    m_properties->Append(new wxEnumProperty(_("Type"), "type", types, int(item->type)));
    m_properties->Append(new wxEnumProperty(_("Role in the analysis"), "role", roles, int(item->role)));
    m_properties->Append(new wxBoolProperty(_("Answer required"), "required", item->required));
    if (HasCodes(item->type) && item->type != ItemType::kRanking)
      m_properties->Append(new wxBoolProperty(_("\"Other, please specify\""), "allowOther", item->allowOther));
    if (item->type == ItemType::kRating)
      m_properties->Append(new wxBoolProperty(_("Reversed (recoded before any index)"), "reversed", item->reversed));
    if (item->type == ItemType::kNumeric) {
      m_properties->Append(new wxStringProperty(_("Smallest value"), "min", item->min ? Num(*item->min) : wxString()));
      m_properties->Append(new wxStringProperty(_("Largest value"), "max", item->max ? Num(*item->max) : wxString()));
      m_properties->Append(new wxIntProperty(_("Decimals"), "decimals", item->decimals));
    }
    if (NeedsScale(item->type) && item->scale) {
      m_properties->Append(new wxPropertyCategory(_("Scale")));
      m_properties->Append(new wxIntProperty(_("From"), "scaleMin", long(item->scale->min)));
      m_properties->Append(new wxIntProperty(_("To"), "scaleMax", long(item->scale->max)));
      if (!item->scaleRef.empty()) {
        auto* shared = m_properties->Append(new wxStringProperty(_("Shared scale"), "scaleRef", ToWx(item->scaleRef)));
        shared->ChangeFlag(wxPG_PROP_READONLY, true);
      }
    }
    if (!item->attribute.empty()) {
      auto* attr = m_properties->Append(new wxStringProperty(_("Attribute"), "attribute", ToWx(item->attribute)));
      attr->ChangeFlag(wxPG_PROP_READONLY, true);
    }
  } else if (const Section* section = SectionAt(form, m_selected)) {
    m_properties->Append(new wxPropertyCategory(_("Section")));
    m_properties->Append(new wxStringProperty(_("Id"), "id", ToWx(section->id)));
    auto* count = m_properties->Append(new wxIntProperty(_("Questions"), "count", long(section->items.size())));
    count->ChangeFlag(wxPG_PROP_READONLY, true);
  } else {
    m_properties->Append(new wxPropertyCategory(_("Questionnaire")));
    auto* id = m_properties->Append(new wxStringProperty(_("Id"), "id", ToWx(form.id)));
    id->ChangeFlag(wxPG_PROP_READONLY, true);
    auto* version = m_properties->Append(new wxIntProperty(_("Stored version"), "version", m_document->StoredVersion()));
    version->ChangeFlag(wxPG_PROP_READONLY, true);
    auto* variables = m_properties->Append(new wxIntProperty(_("Answer variables"), "variables", long(form.Variables().size())));
    variables->ChangeFlag(wxPG_PROP_READONLY, true);
  }
  // Check boxes rather than wx's "True"/"False", which are not in our catalogue.
  m_properties->SetPropertyAttributeAll(wxPG_BOOL_USE_CHECKBOX, true);
}

void DesignerPanel::FillAnswers() {
  const Questionnaire& form = m_document->Form();
  const Item* item = ItemAt(form, m_selected);
  const bool codes = item && HasCodes(item->type);
  const bool scale = item && NeedsScale(item->type) && item->scale;
  const bool grid = item && item->type == ItemType::kGrid;
  m_codes->Show(codes);
  m_points->Show(scale);
  m_rows->Show(grid);
  wxString note;
  if (!item) {
    note = _("Select a question to edit its answer options or scale.");
  } else if (!codes && !scale && !grid) {
    note = wxString::Format(_("A question of the type \"%s\" has no answer options."), ItemTypeLabel(item->type));
  } else if (codes && !item->codeListRef.empty()) {
    size_t users = 0;
    for (const Section& s : form.sections)
      for (const Item& other : s.items) users += other.codeListRef == item->codeListRef;
    note = wxString::Format(_("These options are the shared list \"%s\", used by %zu question(s): a change here changes all of them."),
                            ToWx(item->codeListRef), users);
  } else if (scale && !item->scaleRef.empty()) {
    note = wxString::Format(_("This is the shared scale \"%s\": a change here changes every question that uses it."),
                            ToWx(item->scaleRef));
  } else if (codes) {
    note = _("Codes are what is stored and analysed; the texts are what people read.");
  } else {
    note = _("Label at least both ends of the scale, so that people know which way it runs.");
  }
  SetWrappedLabel(m_answersNote, note, FromDIP(520));
  if (codes) {
    std::vector<LabelRow> rows;
    for (const Code& c : item->codes) rows.push_back({Num(c.value), c.label});
    m_codes->SetRows(rows);
  }
  if (scale) {
    std::vector<LabelRow> rows;
    for (const auto& [point, label] : item->scale->pointLabels) rows.push_back({wxString::Format("%d", point), label});
    m_points->SetRows(rows);
  }
  if (grid) {
    std::vector<LabelRow> rows;
    for (const GridRow& r : item->rows) rows.push_back({ToWx(r.id), r.text});
    m_rows->SetRows(rows);
  }
  m_answersPage->Layout();
  static_cast<wxScrolledWindow*>(m_answersPage)->FitInside();
}

void DesignerPanel::FillLogic() {
  const Questionnaire& form = m_document->Form();
  const Item* item = ItemAt(form, m_selected);
  const Section* section = SectionAt(form, m_selected);
  m_relevance->Enable(item || section);
  m_constraint->Enable(item != nullptr);
  m_relevance->SetExpression(form, item ? item->relevant : section ? section->relevant : std::string());
  m_constraint->SetExpression(form, item ? item->constraint : std::string());
}

void DesignerPanel::FillPreview() {
  // Drawn when shown (the page change calls this): a hidden preview need not follow every edit.
  if (m_notebook->GetSelection() != kPreviewPage) return;
  m_preview->ShowPart(m_document->Form(), m_selected, m_previewLanguage->GetSelection() == 0 ? "zh" : "en",
                      m_previewMode->GetSelection() == 1 ? PreviewMode::kInterviewer : PreviewMode::kRespondent);
}

void DesignerPanel::UpdateHeader() {
  const Questionnaire& form = m_document->Form();
  SetBoldLabel(m_title, ToWx(form.title.Get(UiLang())), 1.3);
  const int version = m_document->StoredVersion();
  m_version->SetLabel(m_document->InUse()
                          ? wxString::Format(_("%s, version %d — in use by fieldwork or responses: the next edit is stored as a new version."),
                                             ToWx(form.id), version)
                          : wxString::Format(_("%s, version %d — not used yet: every edit is saved in this version at once."),
                                             ToWx(form.id), version));
  Layout();
}

void DesignerPanel::Changed() {
  m_selected = Clamp(m_document->Form(), m_selected);
  // What the edit changed may be the tree's labels, the header or anything the pages show.
  RebuildTree();
  UpdateHeader();
  FillTexts();
  FillAnswers();
  FillLogic();
  FillPreview();
  // The property grid may be the control whose event brought us here: refill it afterwards.
  CallAfter([this] { FillProperties(); });
  if (m_context.projectChanged) m_context.projectChanged();
}

void DesignerPanel::Run(std::unique_ptr<EditCommand> command) {
  try {
    m_document->Execute(std::move(command));
  } catch (...) {
    ShowError(this, DescribeException());
    ShowSelected();
  }
}

void DesignerPanel::EditItem(const std::function<void(Item&)>& f, Message label, const std::string& field) {
  const Questionnaire& form = m_document->Form();
  const Item* current = ItemAt(form, m_selected);
  if (!current) return;
  Item changed = *current;
  f(changed);
  const bool sharedCodes = !changed.codeListRef.empty() && !SameCodes(changed.codes, current->codes);
  const bool sharedScale = !changed.scaleRef.empty() && changed.scale && current->scale &&
                           !SameScale(*changed.scale, *current->scale);
  if (!sharedCodes && !sharedScale) {
    Run(ChangeItem(form, m_selected, std::move(changed), std::move(label), field));
    return;
  }
  // A shared list or scale is stored once; every question using it gets the same change.
  Questionnaire after = form;
  for (Section& s : after.sections)
    for (Item& item : s.items) {
      if (sharedCodes && item.codeListRef == changed.codeListRef) item.codes = changed.codes;
      if (sharedScale && item.scaleRef == changed.scaleRef) item.scale = changed.scale;
    }
  if (sharedCodes) after.codeLists[changed.codeListRef] = changed.codes;
  if (sharedScale) after.scales[changed.scaleRef] = *changed.scale;
  after.sections[size_t(m_selected.section)].items[size_t(m_selected.item)] = changed;
  Run(ChangeForm(form, std::move(after), std::move(label), m_selected, field));
}

void DesignerPanel::OnPropertyChanged(wxPropertyGridEvent& event) {
  wxPGProperty* property = event.GetProperty();
  if (!property) return;
  const wxString name = property->GetName();
  const wxVariant value = property->GetValue();
  const Questionnaire& form = m_document->Form();
  try {
    if (name == "id") {
      const std::string id = ToUtf8(value.GetString().Strip(wxString::both));
      const std::string old = m_selected.IsItem() ? ItemAt(form, m_selected)->id : SectionAt(form, m_selected)->id;
      if (id == old) return;
      if (!ValidId(id))
        throw UserError(Message(N_("The item id \"{0}\" must start with a letter or \"_\" so that logic can refer to it.")).Arg(id));
      std::set<std::string> used;
      for (const Section& s : form.sections) {
        used.insert(s.id);
        for (const Item& item : s.items) used.insert(item.id);
      }
      for (const Variable& v : form.Variables()) used.insert(v.name);
      if (used.count(id))
        throw UserError(Message(N_("The item id \"{0}\" is used twice; ids must be unique and stay the same across versions.")).Arg(id));
      if (m_selected.IsItem()) {
        EditItem([&](Item& item) { item.id = id; }, Message(N_("Rename {0} to {1}")).Arg(old).Arg(id), {});
      } else {
        Section s = *SectionAt(form, m_selected);
        s.id = id;
        Run(ChangeSection(form, m_selected.section, s, Message(N_("Rename {0} to {1}")).Arg(old).Arg(id)));
      }
      return;
    }
    const Item* item = ItemAt(form, m_selected);
    if (!item) return;
    const std::string id = item->id;
    if (name == "type") {
      const auto type = ItemType(value.GetLong());
      EditItem([&](Item& it) {
        it.type = type;
        if (NeedsScale(type) && !it.scale) it.scale = DefaultScale(type);
      }, Message(N_("Change the type of {0}")).Arg(id), {});
    } else if (name == "role") {
      const auto role = ItemRole(value.GetLong());
      EditItem([&](Item& it) { it.role = role; }, Message(N_("Change the role of {0}")).Arg(id), {});
    } else if (name == "required" || name == "reversed" || name == "allowOther") {
      const bool on = value.GetBool();
      EditItem([&](Item& it) { (name == "required" ? it.required : name == "reversed" ? it.reversed : it.allowOther) = on; },
               Message(N_("Change the properties of {0}")).Arg(id), {});
    } else if (name == "min" || name == "max") {
      bool ok = false;
      const std::optional<double> number = ParseOptionalNumber(value.GetString(), ok);
      if (!ok)
        throw UserError(Message(N_("\"{0}\" is not a number. Write it with digits and a point (12.5), or leave it empty for no bound.")).Arg(ToUtf8(value.GetString())));
      EditItem([&](Item& it) { (name == "min" ? it.min : it.max) = number; }, Message(N_("Change the bounds of {0}")).Arg(id), {});
    } else if (name == "decimals") {
      const long decimals = value.GetLong();
      if (decimals < 0 || decimals > 10) throw UserError(Message(N_("Decimals must be between 0 and 10.")));
      EditItem([&](Item& it) { it.decimals = int(decimals); }, Message(N_("Change the properties of {0}")).Arg(id), {});
    } else if (name == "scaleMin" || name == "scaleMax") {
      const long bound = value.GetLong();
      Scale scale = *item->scale;
      (name == "scaleMin" ? scale.min : scale.max) = double(bound);
      if (scale.min >= scale.max || scale.max - scale.min > 20)
        throw UserError(Message(N_("A scale runs from a smaller to a larger whole number, with at most 21 points (for example 1 to 5, 0 to 10).")));
      EditItem([&](Item& it) { it.scale = scale; }, Message(N_("Change the scale of {0}")).Arg(id), {});
    }
  } catch (...) {
    ShowError(this, DescribeException());
    CallAfter([this] { FillProperties(); });
  }
}

bool DesignerPanel::CommitCodes(const std::vector<LabelRow>& rows) {
  try {
    std::vector<Code> codes;
    std::set<double> seen;
    for (size_t i = 0; i < rows.size(); ++i) {
      bool ok = false;
      const std::optional<double> value = ParseOptionalNumber(rows[i].key, ok);
      if (!ok || !value)
        throw UserError(Message(N_("Option {0}: the code \"{1}\" is not a number. Codes are numbers (1, 2, 99).")).Arg(static_cast<long long>(i + 1)).Arg(ToUtf8(rows[i].key)));
      if (!seen.insert(*value).second)
        throw UserError(Message(N_("Option {0}: the code {1} is used twice. Give each option its own code.")).Arg(static_cast<long long>(i + 1)).Arg(ToUtf8(rows[i].key)));
      Code code;
      code.value = *value;
      code.label = rows[i].text;
      const Item* item = ItemAt(m_document->Form(), m_selected);
      // Keys (XLSForm choice names) stay with their code.
      for (const Code& old : item->codes)
        if (old.value == code.value) code.key = old.key;
      codes.push_back(std::move(code));
    }
    EditItem([&](Item& it) { it.codes = codes; }, Message(N_("Edit the answer options of {0}")).Arg(ItemAt(m_document->Form(), m_selected)->id), "codes");
    return true;
  } catch (...) {
    ShowError(this, DescribeException());
    return false;
  }
}

bool DesignerPanel::CommitPoints(const std::vector<LabelRow>& rows) {
  try {
    const Item* item = ItemAt(m_document->Form(), m_selected);
    Scale scale = *item->scale;
    scale.pointLabels.clear();
    for (const LabelRow& row : rows) {
      bool ok = false;
      const std::optional<double> value = ParseOptionalNumber(row.key, ok);
      if (!ok || !value || *value != std::floor(*value) || *value < scale.min || *value > scale.max)
        throw UserError(Message(N_("\"{0}\" is not a point of the scale {1} to {2}.")).Arg(ToUtf8(row.key)).Arg(FormatNumber(scale.min)).Arg(FormatNumber(scale.max)));
      if (!scale.pointLabels.emplace(int(*value), row.text).second)
        throw UserError(Message(N_("The point {0} is labelled twice.")).Arg(ToUtf8(row.key)));
    }
    EditItem([&](Item& it) { it.scale = scale; }, Message(N_("Edit the scale labels of {0}")).Arg(item->id), "points");
    return true;
  } catch (...) {
    ShowError(this, DescribeException());
    return false;
  }
}

bool DesignerPanel::CommitGridRows(const std::vector<LabelRow>& rows) {
  try {
    const Questionnaire& form = m_document->Form();
    const Item* item = ItemAt(form, m_selected);
    std::set<std::string> others;
    for (const Variable& v : form.Variables())
      if (v.item != item) others.insert(v.name);
    for (const Section& s : form.sections)
      for (const Item& i : s.items)
        if (&i != item) others.insert(i.id);
    std::vector<GridRow> grid;
    std::set<std::string> seen;
    for (const LabelRow& row : rows) {
      const std::string id = ToUtf8(row.key.Strip(wxString::both));
      if (!ValidId(id))
        throw UserError(Message(N_("The item id \"{0}\" must start with a letter or \"_\" so that logic can refer to it.")).Arg(id));
      if (others.count(id) || !seen.insert(id).second)
        throw UserError(Message(N_("The item id \"{0}\" is used twice; ids must be unique and stay the same across versions.")).Arg(id));
      GridRow r;
      for (const GridRow& old : item->rows)
        if (old.id == id) r = old;
      r.id = id;
      r.text = row.text;
      if (item->importanceScale && r.importanceId.empty()) r.importanceId = id + "_imp";
      grid.push_back(std::move(r));
    }
    EditItem([&](Item& it) { it.rows = grid; }, Message(N_("Edit the rows of {0}")).Arg(item->id), "rows");
    return true;
  } catch (...) {
    ShowError(this, DescribeException());
    return false;
  }
}

void DesignerPanel::CommitPending() {
  m_texts->CommitPending();
  m_relevance->CommitPending();
  m_constraint->CommitPending();
  m_document->Seal();
}

void DesignerPanel::AddSection() {
  const Questionnaire& form = m_document->Form();
  Questionnaire after = form;
  Section section;
  section.id = NewItemId(form, "s");
  const size_t at = m_selected.IsForm() ? after.sections.size() : size_t(m_selected.section) + 1;
  after.sections.insert(after.sections.begin() + long(at), section);
  const FormPath path{int(at), -1};
  Run(ChangeForm(form, after, Message(N_("Add section {0}")).Arg(section.id), path));
  SelectPath(path);
  ShowPage(kTextsPage);
}

void DesignerPanel::AddItem(ItemType type) {
  const Questionnaire& form = m_document->Form();
  Questionnaire after = form;
  if (after.sections.empty()) {
    Section section;
    section.id = NewItemId(form, "s");
    after.sections.push_back(section);
  }
  Item item;
  item.id = NewItemId(after, "q");
  item.type = type;
  if (NeedsScale(type)) item.scale = DefaultScale(type);
  FormPath path;
  if (m_selected.IsItem()) path = {m_selected.section, m_selected.item + 1};
  else if (m_selected.IsSection()) path = {m_selected.section, int(after.sections[size_t(m_selected.section)].items.size())};
  else path = {int(after.sections.size()) - 1, int(after.sections.back().items.size())};
  auto& items = after.sections[size_t(path.section)].items;
  items.insert(items.begin() + path.item, item);
  Run(ChangeForm(form, after, Message(N_("Add question {0}")).Arg(item.id), path));
  SelectPath(path);
  ShowPage(kTextsPage);
}

void DesignerPanel::DeleteSelected() {
  const Questionnaire& form = m_document->Form();
  if (m_selected.IsForm()) return;
  Questionnaire after = form;
  FormPath next;
  Message label;
  if (m_selected.IsItem()) {
    auto& items = after.sections[size_t(m_selected.section)].items;
    label = Message(N_("Delete question {0}")).Arg(items[size_t(m_selected.item)].id);
    items.erase(items.begin() + m_selected.item);
    next = items.empty() ? FormPath{m_selected.section, -1}
                         : FormPath{m_selected.section, std::min(m_selected.item, int(items.size()) - 1)};
  } else {
    label = Message(N_("Delete section {0}")).Arg(after.sections[size_t(m_selected.section)].id);
    after.sections.erase(after.sections.begin() + m_selected.section);
    next = after.sections.empty() ? FormPath{} : FormPath{std::min(m_selected.section, int(after.sections.size()) - 1), -1};
  }
  Run(ChangeForm(form, after, label, m_selected));
  SelectPath(next);
}

void DesignerPanel::MoveSelected(int delta) {
  const Questionnaire& form = m_document->Form();
  Questionnaire after = form;
  FormPath to = m_selected;
  if (m_selected.IsItem()) {
    auto& items = after.sections[size_t(m_selected.section)].items;
    const int target = m_selected.item + delta;
    if (target < 0 || target >= int(items.size())) return;
    std::swap(items[size_t(m_selected.item)], items[size_t(target)]);
    to.item = target;
    Run(ChangeForm(form, after, Message(N_("Move question {0}")).Arg(items[size_t(target)].id), to));
  } else if (m_selected.IsSection()) {
    const int target = m_selected.section + delta;
    if (target < 0 || target >= int(after.sections.size())) return;
    std::swap(after.sections[size_t(m_selected.section)], after.sections[size_t(target)]);
    to.section = target;
    Run(ChangeForm(form, after, Message(N_("Move section {0}")).Arg(after.sections[size_t(target)].id), to));
  }
  SelectPath(to);
}

void DesignerPanel::CheckForm() {
  const std::vector<FormFinding> findings = CheckQuestionnaire(m_document->Form());
  size_t errors = 0;
  std::vector<Message> details;
  for (const FormFinding& f : findings) {
    errors += f.severity == FormFinding::Severity::kError;
    details.push_back(Message(f.severity == FormFinding::Severity::kError ? N_("Error in {0}: {1}") : N_("Warning in {0}: {1}"))
                          .Arg(f.where).Arg(f.message));
  }
  ShowInfo(this,
           findings.empty() ? _("No problems found: the questionnaire is fit for fieldwork and analysis.")
                            : wxString::Format(_("%zu error(s) and %zu warning(s) found."), errors, findings.size() - errors),
           details);
}

void DesignerPanel::ImportForm() {
  if (auto id = ImportQuestionnaire(this, *m_context.project)) m_context.show(NodeKind::kQuestionnaire, *id);
}

void DesignerPanel::ExportForm() { ExportQuestionnaire(this, m_document->Form()); }

void DesignerPanel::Undo() { Step(true); }

void DesignerPanel::Redo() { Step(false); }

void DesignerPanel::Step(bool undo) {
  CommitPending();
  try {
    const FormPath at = undo ? m_document->Undo() : m_document->Redo();
    SelectPath(Clamp(m_document->Form(), at));
  } catch (...) {
    ShowError(this, DescribeException());
  }
}

wxString DesignerPanel::UndoLabel() const {
  const EditCommand* next = m_document->NextUndo();
  return next ? ToWx(next->Label().Text()) : wxString();
}

wxString DesignerPanel::RedoLabel() const {
  const EditCommand* next = m_document->NextRedo();
  return next ? ToWx(next->Label().Text()) : wxString();
}

}  // namespace manyi::gui
