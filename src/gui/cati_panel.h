// The telephone interviewer's screen (CATI): the next respondent from the call list, the script
// one question at a time in the interviewer's language with skip logic and validation, call
// dispositions and callbacks, and interviews that resume where they stopped (docs/fieldwork.md).
#pragma once

#include <wx/panel.h>

#include <memory>
#include <optional>
#include <string>

#include "io/cati.h"
#include "storage/project.h"

class wxButton;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace manyi::gui {

/// Interviews by telephone in a project. Self-contained: give it the open project, which must
/// outlive it.
class CatiPanel : public wxPanel {
 public:
  CatiPanel(wxWindow* parent, storage::Project& project);
  /// Releases the cases this screen holds, so that other interviewers can take them.
  ~CatiPanel() override;

  /// Takes the next case of the call list (Next respondent) and holds it for this screen, so no
  /// other interviewer gets it; false when none is due.
  bool NextRespondent();
  /// Starts or resumes the interview of the current case (the person is on the line).
  bool StartInterview();
  /// Types text into the answer field and presses Enter: saves the answer or shows the problem.
  bool Answer(const wxString& text);
  /// Back to the previous question.
  bool Back();
  /// Records the call with the chosen disposition and callback (Record call). A complete
  /// disposition finishes the interview. Returns success.
  bool RecordCall(io::cati::Disposition disposition, const wxString& callback = wxString());

  const std::optional<io::cati::CallCase>& Case() const { return m_case; }
  io::cati::Interview* CurrentInterview() const { return m_interview.get(); }
  /// The variable being asked, "" when none.
  std::string CurrentVariable() const;
  wxTextCtrl* AnswerField() const { return m_answer; }
  wxTextCtrl* InterviewerField() const { return m_interviewer; }
  wxString QuestionLabel() const;
  wxString ProblemLabel() const;
  wxString CaseLabel() const;

  /// The clock the screen uses (tests set a fixed one): ISO 8601 UTC.
  void SetNow(std::function<std::string()> now) { m_now = std::move(now); }

 private:
  void ShowCase();
  void ShowQuestion();
  void SetProblem(const wxString& text);
  void SelectDisposition(io::cati::Disposition d);

  storage::Project& m_project;
  int64_t m_list = 0;
  std::optional<io::cati::CallCase> m_case;
  std::unique_ptr<io::cati::Interview> m_interview;
  std::function<std::string()> m_now;
  std::string m_claimToken = io::cati::NewClaimToken();
  wxTextCtrl* m_interviewer = nullptr;
  wxButton* m_next = nullptr;
  wxStaticText* m_caseInfo = nullptr;
  wxButton* m_start = nullptr;
  wxStaticText* m_progress = nullptr;
  wxStaticText* m_question = nullptr;
  wxStaticText* m_codes = nullptr;
  wxTextCtrl* m_answer = nullptr;
  wxButton* m_back = nullptr;
  wxButton* m_ok = nullptr;
  wxStaticText* m_problem = nullptr;
  wxChoice* m_disposition = nullptr;
  wxTextCtrl* m_callback = nullptr;
  wxButton* m_record = nullptr;
};

}  // namespace manyi::gui
