// Helpers for the GUI tests.
#include "gui_test_support.h"

#include <wx/app.h>
#include <wx/bitmap.h>
#include <wx/button.h>
#include <wx/listctrl.h>
#include <wx/stattext.h>
#include <wx/dcclient.h>
#include <wx/toplevel.h>
#include <wx/utils.h>

#include <dlfcn.h>

#include <cstdlib>
#include <unordered_map>
#include <vector>

namespace manyi::gui::test {

namespace fs = std::filesystem;

namespace {
fs::path BinaryDir() {
  const char* dir = std::getenv("MANYI_BINARY_DIR");
  return dir && *dir ? fs::path(dir) : fs::temp_directory_path() / "manyi-test-gui";
}

/// One round of the event loop: pending GTK events, wx events, then idle (deletes windows).
void PumpEvents() {
  wxTheApp->Yield(true);
  wxTheApp->ProcessPendingEvents();
  wxTheApp->ProcessIdle();
}

#ifdef __WXGTK3__
/// wxGTK3 cannot read back from a window or screen DC (DoGetAsBitmap is not implemented), so we
/// ask GDK for the window's pixels. GDK is already loaded by wx; looking the two functions up at
/// run time spares the test a build dependency on the GTK headers.
wxImage GrabGtk(wxWindow* window) {
  using WidgetWindowFn = void* (*)(void* widget);
  using WindowSizeFn = int (*)(void* gdkWindow);
  using PixbufFromWindowFn = GdkPixbuf* (*)(void* gdkWindow, int x, int y, int width, int height);
  static auto widgetWindow = reinterpret_cast<WidgetWindowFn>(dlsym(RTLD_DEFAULT, "gtk_widget_get_window"));
  static auto windowWidth = reinterpret_cast<WindowSizeFn>(dlsym(RTLD_DEFAULT, "gdk_window_get_width"));
  static auto windowHeight = reinterpret_cast<WindowSizeFn>(dlsym(RTLD_DEFAULT, "gdk_window_get_height"));
  static auto fromWindow = reinterpret_cast<PixbufFromWindowFn>(dlsym(RTLD_DEFAULT, "gdk_pixbuf_get_from_window"));
  if (!widgetWindow || !windowWidth || !windowHeight || !fromWindow) return {};
  void* gdkWindow = widgetWindow(window->GetHandle());
  if (!gdkWindow) return {};
  GdkPixbuf* pixbuf = fromWindow(gdkWindow, 0, 0, windowWidth(gdkWindow), windowHeight(gdkWindow));
  if (!pixbuf) return {};
  wxBitmap bitmap(pixbuf);  // takes ownership
  return bitmap.IsOk() ? bitmap.ConvertToImage() : wxImage();
}
#endif

wxImage Grab(wxWindow* window) {
#ifdef __WXGTK3__
  return GrabGtk(window);
#else
  // Elsewhere the window's own DC can be read back (it includes menus and status bar).
  wxWindowDC dc(window);
  wxBitmap bitmap = dc.GetAsBitmap();
  return bitmap.IsOk() ? bitmap.ConvertToImage() : wxImage();
#endif
}

bool SameImage(const wxImage& a, const wxImage& b) {
  if (!a.IsOk() || !b.IsOk() || a.GetSize() != b.GetSize()) return false;
  const size_t bytes = size_t(a.GetWidth()) * size_t(a.GetHeight()) * 3;
  return std::equal(a.GetData(), a.GetData() + bytes, b.GetData());
}
}  // namespace

ScriptedFiles::ScriptedFiles(std::vector<wxString> answers) : m_answers(std::move(answers)) {
  m_previous = SetFileChooser([this](wxWindow*, const FileRequest& request) {
    m_requests.push_back(request);
    if (m_next >= m_answers.size()) {
      ADD_FAILURE() << "unexpected file question: " << request.title.utf8_string();
      return wxString();
    }
    return m_answers[m_next++];
  });
}

ScriptedFiles::~ScriptedFiles() {
  SetFileChooser(std::move(m_previous));
  EXPECT_EQ(m_next, m_answers.size()) << "file questions the GUI did not ask";
}

bool WaitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    PumpEvents();
    if (condition()) return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    wxMilliSleep(5);  // poll interval, not a wait for something in particular
  }
}

bool DestroyAllTopLevelWindows() {
  for (wxWindow* window : wxTopLevelWindows) window->Destroy();
  return WaitUntil([] { return wxTopLevelWindows.empty(); });
}

fs::path TestFolder(const std::string& name) {
  fs::path folder = BinaryDir() / "test_gui" / name;
  std::error_code ec;
  fs::remove_all(folder, ec);
  fs::create_directories(folder);
  return folder;
}

fs::path ScreenshotFolder() {
  fs::path folder = BinaryDir() / "screenshots";
  fs::create_directories(folder);
  return folder;
}

wxImage CaptureWindow(wxWindow* window) {
  window->Raise();
  window->Refresh();
  window->Update();
  // Settled = shown, and two captures a few event-loop rounds apart are identical.
  wxImage previous, current;
  WaitUntil([&] {
    if (!window->IsShownOnScreen()) return false;
    previous = current;
    for (int i = 0; i < 5; ++i) PumpEvents();
    current = Grab(window);
    return SameImage(previous, current);
  });
  return current;
}

std::vector<std::string> ClippedControls(wxWindow* window) {
  std::vector<std::string> clipped;
  auto describe = [](wxWindow* w, const wxString& what) {
    return (w->GetClassInfo()->GetClassName() + wxString(" \"") + what + "\"").utf8_string();
  };
  std::function<void(wxWindow*)> visit = [&](wxWindow* w) {
    if (!w->IsShown()) return;
    if (auto* list = dynamic_cast<wxListCtrl*>(w)) {
      for (int c = 0; c < list->GetColumnCount(); ++c) {
        const int width = list->GetColumnWidth(c);
        wxListItem header;
        header.SetMask(wxLIST_MASK_TEXT);
        list->GetColumn(c, header);
        if (list->GetTextExtent(header.GetText()).x > width) clipped.push_back(describe(list, header.GetText()));
        for (int r = 0; r < list->GetItemCount(); ++r) {
          const wxString text = list->GetItemText(r, c);
          if (list->GetTextExtent(text).x > width) clipped.push_back(describe(list, text));
        }
      }
    } else if (dynamic_cast<wxStaticText*>(w) || dynamic_cast<wxButton*>(w)) {
      const bool ellipsized = w->HasFlag(wxST_ELLIPSIZE_START | wxST_ELLIPSIZE_MIDDLE | wxST_ELLIPSIZE_END) &&
                              dynamic_cast<wxStaticText*>(w);
      const wxSize size = w->GetSize(), best = w->GetBestSize();
      if (!ellipsized && (size.x < best.x || size.y < best.y)) clipped.push_back(describe(w, w->GetLabel()));
    }
    for (wxWindow* child : w->GetChildren()) visit(child);
  };
  visit(window);
  return clipped;
}

fs::path SaveScreenshot(const wxImage& image, const std::string& name) {
  if (!image.IsOk()) return {};
  if (!wxImage::FindHandler(wxBITMAP_TYPE_PNG)) wxImage::AddHandler(new wxPNGHandler());
  fs::path file = ScreenshotFolder() / name;
  return image.SaveFile(wxString::FromUTF8(file.string()), wxBITMAP_TYPE_PNG) ? file : fs::path();
}

ImageStats Analyse(const wxImage& image) {
  ImageStats stats;
  if (!image.IsOk()) return stats;
  std::unordered_map<uint32_t, size_t> counts;
  const unsigned char* p = image.GetData();
  const size_t pixels = size_t(image.GetWidth()) * size_t(image.GetHeight());
  for (size_t i = 0; i < pixels; ++i, p += 3) ++counts[(uint32_t(p[0]) << 16) | (uint32_t(p[1]) << 8) | p[2]];
  size_t commonest = 0;
  for (const auto& [colour, n] : counts) commonest = std::max(commonest, n);
  stats.colours = counts.size();
  stats.foregroundShare = pixels ? double(pixels - commonest) / double(pixels) : 0;
  return stats;
}

}  // namespace manyi::gui::test

#include "gui/language.h"
#include "gui/settings.h"

namespace manyi::gui::test {

void GuiTest::SetUp() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  m_folder = TestFolder(std::string(info->test_suite_name()) + "." + info->name());
  // "System default" means English in these tests unless a test says otherwise.
  setenv("MANYI_LANG", "en", 1);
  InstallSettings(wxString::FromUTF8((m_folder / "settings.ini").string()));
  ApplyLanguage("en");
}

void GuiTest::TearDown() {
  EXPECT_TRUE(DestroyAllTopLevelWindows()) << "top-level windows left: " << wxTopLevelWindows.size();
  ApplyLanguage("en");
  unsetenv("MANYI_LANG");
}

void ClickButton(wxWindow* parent, const wxString& name) {
  auto* button = dynamic_cast<wxButton*>(parent->FindWindow(name));
  ASSERT_NE(button, nullptr) << name.utf8_string();
  wxCommandEvent event(wxEVT_BUTTON, button->GetId());
  event.SetEventObject(button);
  button->ProcessWindowEvent(event);
}

void CheckScreenshot(wxWindow* window, const std::string& name) {
  wxImage shot = CaptureWindow(window);
  ASSERT_TRUE(shot.IsOk()) << name;
  EXPECT_FALSE(SaveScreenshot(shot, name).empty()) << name;
  ImageStats stats = Analyse(shot);
  EXPECT_GT(stats.colours, 20u) << name;
  EXPECT_GT(stats.foregroundShare, 0.02) << name;
  EXPECT_EQ(ClippedControls(window), std::vector<std::string>()) << name;
}

}  // namespace manyi::gui::test
