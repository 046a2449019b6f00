// Helpers for the GUI tests: waiting for the event loop, intercepting dialogs, screenshots.
#pragma once

#include <gtest/gtest.h>
#include <wx/image.h>
#include <wx/msgdlg.h>
#include <wx/testing.h>
#include <wx/textdlg.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "gui/file_chooser.h"
#include "gui/main_frame.h"

namespace manyi::gui::test {

/// Answers the GUI's file questions in order while it lives ("" = the user cancels); fails the
/// test if a question is left unasked or one too many is asked.
class ScriptedFiles {
 public:
  explicit ScriptedFiles(std::vector<wxString> answers);
  ~ScriptedFiles();
  /// The requests received so far.
  const std::vector<FileRequest>& Requests() const { return m_requests; }

 private:
  std::vector<wxString> m_answers;
  size_t m_next = 0;
  std::vector<FileRequest> m_requests;
  FileChooser m_previous;
};

/// Runs the event loop (and idle processing, which deletes destroyed windows) until condition
/// holds or timeout passes; returns whether it held.
bool WaitUntil(const std::function<bool()>& condition,
               std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

/// Destroys every top-level window and waits until wxTopLevelWindows is empty; returns whether it
/// emptied.
bool DestroyAllTopLevelWindows();

/// A fresh, empty folder for one test (under the build tree).
std::filesystem::path TestFolder(const std::string& name);

/// The folder screenshots go to: ${MANYI_BINARY_DIR}/screenshots.
std::filesystem::path ScreenshotFolder();

/// Captures what window shows on screen once it has settled (two identical captures in a row).
wxImage CaptureWindow(wxWindow* window);

/// Saves image as PNG into ScreenshotFolder()/name; returns the path (empty on failure).
std::filesystem::path SaveScreenshot(const wxImage& image, const std::string& name);

/// How many different colours image has, and the share of pixels unlike its most common colour.
struct ImageStats {
  size_t colours = 0;
  double foregroundShare = 0;
};
ImageStats Analyse(const wxImage& image);

/// The controls under window whose text does not fit: a label or button smaller than its best
/// size, or a list cell wider than its column (described for the failure message).
std::vector<std::string> ClippedControls(wxWindow* window);

/// Clicks the button named name under parent as a user does (its wxEVT_BUTTON).
void ClickButton(wxWindow* parent, const wxString& name);

/// Captures window into ScreenshotFolder()/name and checks that it shows something (more than 20
/// colours, over 2 % foreground) and that no control in it is clipped.
void CheckScreenshot(wxWindow* window, const std::string& name);

/// Shows a modal dialog for real (non-modally) while a test looks at it and works it, then
/// closes it with `result`: what wxTEST_DIALOG alone cannot do, since it answers a dialog before
/// it is ever on screen.
template <class Dialog>
class WorkDialog : public wxExpectModalBase<Dialog, WorkDialog<Dialog>> {
 public:
  WorkDialog(std::function<void(Dialog*)> work, int result) : m_work(std::move(work)), m_result(result) {}

 protected:
  int OnInvoked(Dialog* dialog) const override {
    dialog->Show();
    EXPECT_TRUE(WaitUntil([dialog] { return dialog->IsShownOnScreen(); }));
    m_work(dialog);
    dialog->Hide();
    return m_result;
  }

 private:
  std::function<void(Dialog*)> m_work;
  int m_result;
};

/// wxTEST_DIALOG expectation for a message box: records its text and dismisses it with OK.
class ExpectMessageBox : public wxExpectModalBase<wxMessageDialog, ExpectMessageBox> {
 public:
  explicit ExpectMessageBox(wxString* text) : m_text(text) {}

 protected:
  int OnInvoked(wxMessageDialog* dialog) const override {
    *m_text = dialog->GetMessage();
    return wxID_OK;
  }

 private:
  wxString* m_text;
};

/// wxTEST_DIALOG expectation for a text entry dialog: types value and presses OK.
class ExpectTextEntry : public wxExpectModalBase<wxTextEntryDialog, ExpectTextEntry> {
 public:
  explicit ExpectTextEntry(wxString value) : m_value(std::move(value)) {}

 protected:
  int OnInvoked(wxTextEntryDialog* dialog) const override {
    dialog->SetValue(m_value);
    return wxID_OK;
  }

 private:
  wxString m_value;
};

/// Base of the GUI tests: a private folder and settings file, English, and no window left behind.
class GuiTest : public testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// Creates and shows a main frame, waiting until it is on screen.
  MainFrame* ShowFrame() {
    auto* frame = new MainFrame();
    frame->Show();
    EXPECT_TRUE(WaitUntil([frame] { return frame->IsShownOnScreen(); }));
    return frame;
  }
  /// Sends a menu command to a frame as a click would.
  static void SendMenu(wxFrame* frame, int id) {
    wxCommandEvent event(wxEVT_MENU, id);
    event.SetEventObject(frame);
    frame->ProcessWindowEvent(event);
  }

  std::filesystem::path m_folder;
};

}  // namespace manyi::gui::test
