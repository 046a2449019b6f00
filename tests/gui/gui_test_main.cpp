// The GUI tests' main: starts wxWidgets (no gtest_main), turns wx asserts and unexpected modal
// dialogs into test failures instead of hanging the run, and cleans up.
#include <gtest/gtest.h>
#include <wx/app.h>
#include <wx/dialog.h>
#include <wx/log.h>
#include <wx/modalhook.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

class TestApp : public wxApp {
 public:
  bool OnInit() override {
    SetAppName("manyi-test");
    return true;
  }
};

int g_asserts = 0;

void RecordAssert(const wxString& file, int line, const wxString& func, const wxString& cond, const wxString& msg) {
  ++g_asserts;
  ADD_FAILURE_AT(file.utf8_string().c_str(), line)
      << "wxWidgets assert in " << func.utf8_string() << ": " << cond.utf8_string() << " " << msg.utf8_string();
}

/// Last in line: a modal dialog that no wxTEST_DIALOG expected fails the test and is cancelled.
class UnexpectedDialogHook : public wxModalDialogHook {
 protected:
  int Enter(wxDialog* dialog) override {
    ADD_FAILURE() << "unexpected modal dialog \"" << dialog->GetTitle().utf8_string() << "\" ("
                  << dialog->GetClassInfo()->GetClassName() << ")";
    return wxID_CANCEL;
  }
  void Exit(wxDialog*) override {}
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> original(argv, argv + argc);  // InitGoogleTest takes its flags out of argv
  original.push_back(nullptr);
  testing::InitGoogleTest(&argc, argv);
  // Test discovery at build time runs without a display: list without starting wx.
  if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();

  setenv("NO_AT_BRIDGE", "1", 1);  // no accessibility bus under Xvfb (slow start, warnings)
  // GTK records opened files in $XDG_DATA_HOME/recently-used.xbel: keep the user's list clean.
  const char* binaryDir = std::getenv("MANYI_BINARY_DIR");
  const std::string dataHome = std::string(binaryDir && *binaryDir ? binaryDir : "/tmp") + "/test_gui/xdg-data";
  setenv("XDG_DATA_HOME", dataHome.c_str(), 1);
  wxApp::SetInstance(new TestApp());
  if (!wxEntryStart(argc, argv)) {
    // Once in a CI run a busy Xvfb refused one test's connection while the tests before and after
    // it connected: start again in a fresh process, a few times, before calling it a failure.
    const char* tries = std::getenv("MANYI_GUI_TEST_START_TRIES");
    const std::string done = tries ? tries : "";
    if (done.size() < 3) {
      setenv("MANYI_GUI_TEST_START_TRIES", (done + "x").c_str(), 1);
      sleep(1);
      execv("/proc/self/exe", original.data());
    }
    const char* display = std::getenv("DISPLAY");
    std::fprintf(stderr, "test_gui: cannot start wxWidgets on DISPLAY=%s after %zu tries (no display? run it under xvfb-run -a)\n",
                 display ? display : "(unset)", done.size() + 1);
    return 1;
  }
  if (!wxTheApp->CallOnInit()) return 1;
  wxSetAssertHandler(RecordAssert);
  delete wxLog::SetActiveTarget(new wxLogStderr());  // a log window would be one more dialog
  UnexpectedDialogHook dialogs;
  dialogs.Register();

  const int rc = RUN_ALL_TESTS();

  dialogs.Unregister();
  wxTheApp->OnExit();
  wxEntryCleanup();
  return rc != 0 || g_asserts != 0 ? 1 : 0;
}
