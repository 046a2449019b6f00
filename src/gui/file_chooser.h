// Asking the user for a file name, through one replaceable function: a native GTK file dialog
// cannot be answered by a test (wxTEST_DIALOG sets a path it never reports back), so the GUI
// tests install a scripted chooser instead — the Audacity BasicUI idea, for this one question.
#pragma once

#include <wx/string.h>

#include <functional>

class wxWindow;

namespace manyi::gui {

/// What the main window asks for.
struct FileRequest {
  /// kCreate: a new file that must not exist (the caller refuses one that does); kSave: a file
  /// to write, replacing an existing one after the dialog asked.
  enum class Purpose { kCreate, kOpen, kSave };
  Purpose purpose = Purpose::kOpen;
  wxString title;
  wxString folder;       ///< where to start ("" = the dialog's default)
  wxString defaultName;  ///< suggested file name (kCreate)
  wxString wildcard;
};

/// Returns the chosen path, or "" when the user cancelled.
using FileChooser = std::function<wxString(wxWindow* parent, const FileRequest& request)>;

/// Replaces the file chooser (nullptr restores the wxFileDialog); returns the previous one.
FileChooser SetFileChooser(FileChooser chooser);

/// Asks with the installed chooser (by default a wxFileDialog).
wxString ChooseFile(wxWindow* parent, const FileRequest& request);

/// Asks for one file of a kind (title, wildcard, suggested name) with the installed chooser and
/// hands the choice to use; does nothing when the user cancelled. For the buttons that read or
/// write one file (load / save a mapping, export rejected rows): kSave replaces an existing file
/// only after the dialog asked.
void ChooseFileThen(wxWindow* parent, FileRequest::Purpose purpose, const wxString& title, const wxString& wildcard,
                    const wxString& defaultName, const std::function<void(const wxString& file)>& use);

}  // namespace manyi::gui
