// The Manyi GUI program: settings, language, then the main window (ARCHITECTURE.md §2: src/app
// holds main and language set-up only).
#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/intl.h>

#include "gui/errors.h"
#include "gui/language.h"
#include "gui/main_frame.h"
#include "gui/settings.h"

namespace {

class ManyiApp : public wxApp {
 public:
  bool OnInit() override {
    SetAppName("manyi");
    SetAppDisplayName("Manyi");
    // Language first, so that even the command-line help is in the user's language.
    manyi::gui::InstallSettings();
    manyi::gui::ApplyLanguage(manyi::gui::ChosenLanguage());
    if (!wxApp::OnInit()) return false;  // parses the command line
    if (m_helpShown) return true;        // OnRun then exits with 0

    auto* frame = new manyi::gui::MainFrame();
    frame->Show();
    if (!m_file.empty()) frame->OpenProject(m_file);
    return true;
  }

  void OnInitCmdLine(wxCmdLineParser& parser) override {
    wxApp::OnInitCmdLine(parser);
    parser.AddParam(_("project file (.manyi) to open"), wxCMD_LINE_VAL_STRING, wxCMD_LINE_PARAM_OPTIONAL);
  }

  bool OnCmdLineHelp(wxCmdLineParser& parser) override {
    parser.Usage();
    m_helpShown = true;
    return true;
  }

  /// The last line of defence: an exception escaping an event handler is shown, not fatal.
  bool OnExceptionInMainLoop() override {
    manyi::gui::ShowError(GetTopWindow(), manyi::gui::DescribeException());
    return true;
  }

  int OnRun() override { return m_helpShown ? 0 : wxApp::OnRun(); }

  bool OnCmdLineParsed(wxCmdLineParser& parser) override {
    if (parser.GetParamCount() > 0) m_file = parser.GetParam(0);
    return wxApp::OnCmdLineParsed(parser);
  }

 private:
  wxString m_file;
  bool m_helpShown = false;
};

}  // namespace

wxIMPLEMENT_APP(ManyiApp);
