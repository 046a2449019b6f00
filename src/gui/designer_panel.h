// The questionnaire designer: the tree of sections and questions, and for the selected one its
// texts in Chinese and English side by side, its properties, answer options or scale, its logic
// (validated as you type) and a live preview. Every edit is committed to the project at once and
// can be undone.
#pragma once

#include <wx/panel.h>

#include <memory>

#include "gui/designer_model.h"
#include "gui/explorer.h"

class wxChoice;
class wxNotebook;
class wxPropertyGrid;
class wxPropertyGridEvent;
class wxStaticText;
class wxTreeCtrl;
class wxTreeEvent;
class wxTreeItemId;

namespace manyi::gui {

class ExpressionEditor;
class ItemPreview;
class LabelTable;
class TextPairEditor;
struct LabelRow;

class DesignerPanel : public wxPanel, public UndoTarget {
 public:
  /// The notebook's pages.
  enum Page { kTextsPage, kPropertiesPage, kAnswersPage, kLogicPage, kPreviewPage };

  explicit DesignerPanel(const PanelContext& context);

  DesignerDocument& Document() { return *m_document; }
  /// Selects a part of the questionnaire (the tree follows); false when there is no such part.
  bool SelectPath(FormPath path);
  FormPath Selected() const { return m_selected; }
  void ShowPage(Page page);

  /// Commits whatever is being typed (the main window calls it before undo, closing, switching).
  void CommitPending() override;

  // Actions of the toolbar (tests call them as the buttons do).
  void AddSection();
  void AddItem(ItemType type);
  void DeleteSelected();
  void MoveSelected(int delta);
  void CheckForm();
  void ImportForm();
  void ExportForm();

  bool CanUndo() const override { return m_document->CanUndo(); }
  bool CanRedo() const override { return m_document->CanRedo(); }
  void Undo() override;
  void Redo() override;
  wxString UndoLabel() const override;
  wxString RedoLabel() const override;

  TextPairEditor* GetTexts() const { return m_texts; }
  ExpressionEditor* GetRelevance() const { return m_relevance; }
  ExpressionEditor* GetConstraint() const { return m_constraint; }
  wxPropertyGrid* GetProperties() const { return m_properties; }
  LabelTable* GetCodes() const { return m_codes; }
  LabelTable* GetScalePoints() const { return m_points; }
  LabelTable* GetGridRows() const { return m_rows; }
  ItemPreview* GetPreview() const { return m_preview; }
  wxTreeCtrl* GetTree() const { return m_tree; }
  wxNotebook* GetNotebook() const { return m_notebook; }
  wxChoice* GetPreviewLanguage() const { return m_previewLanguage; }
  wxChoice* GetPreviewMode() const { return m_previewMode; }

 private:
  wxWindow* BuildToolbar();
  wxWindow* BuildTextsPage(wxWindow* parent);
  wxWindow* BuildPropertiesPage(wxWindow* parent);
  wxWindow* BuildAnswersPage(wxWindow* parent);
  wxWindow* BuildLogicPage(wxWindow* parent);
  wxWindow* BuildPreviewPage(wxWindow* parent);

  void RebuildTree();
  void ShowSelected();
  void FillTexts();
  void FillProperties();
  void FillAnswers();
  void FillLogic();
  void FillPreview();
  void UpdateHeader();
  void Changed();
  /// Undo (true) or redo, then select where the edit was.
  void Step(bool undo);
  /// Runs an edit, showing an error instead of throwing.
  void Run(std::unique_ptr<EditCommand> command);
  void OnPropertyChanged(wxPropertyGridEvent& event);
  void OnTreeSelection(wxTreeEvent& event);
  bool CommitCodes(const std::vector<LabelRow>& rows);
  bool CommitPoints(const std::vector<LabelRow>& rows);
  bool CommitGridRows(const std::vector<LabelRow>& rows);
  /// Applies f to a copy of the selected item and commits it (with shared lists kept in step).
  void EditItem(const std::function<void(Item&)>& f, Message label, const std::string& field);

  PanelContext m_context;
  std::unique_ptr<DesignerDocument> m_document;
  FormPath m_selected;
  bool m_filling = false;

  wxStaticText* m_title = nullptr;
  wxStaticText* m_version = nullptr;
  wxChoice* m_newType = nullptr;
  wxTreeCtrl* m_tree = nullptr;
  wxNotebook* m_notebook = nullptr;
  TextPairEditor* m_texts = nullptr;
  wxPropertyGrid* m_properties = nullptr;
  wxWindow* m_answersPage = nullptr;
  wxStaticText* m_answersNote = nullptr;
  LabelTable* m_codes = nullptr;
  LabelTable* m_points = nullptr;
  LabelTable* m_rows = nullptr;
  ExpressionEditor* m_relevance = nullptr;
  ExpressionEditor* m_constraint = nullptr;
  ItemPreview* m_preview = nullptr;
  wxChoice* m_previewLanguage = nullptr;
  wxChoice* m_previewMode = nullptr;
};

/// The name of an item type / role in the interface language.
wxString ItemTypeLabel(ItemType type);
wxString ItemRoleLabel(ItemRole role);

}  // namespace manyi::gui
