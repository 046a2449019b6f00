// The file chooser: a wxFileDialog unless a test replaced it.
#include "gui/file_chooser.h"

#include <wx/filedlg.h>

namespace manyi::gui {

namespace {
FileChooser& Installed() {
  static FileChooser chooser;
  return chooser;
}

wxString ShowFileDialog(wxWindow* parent, const FileRequest& request) {
  // No overwrite prompt for kCreate: a new project never overwrites a file (the caller refuses).
  const long style = request.purpose == FileRequest::Purpose::kCreate ? wxFD_SAVE
                     : request.purpose == FileRequest::Purpose::kSave ? wxFD_SAVE | wxFD_OVERWRITE_PROMPT
                                                                      : wxFD_OPEN | wxFD_FILE_MUST_EXIST;
  wxFileDialog dialog(parent, request.title, request.folder, request.defaultName, request.wildcard, style);
  return dialog.ShowModal() == wxID_OK ? dialog.GetPath() : wxString();
}
}  // namespace

FileChooser SetFileChooser(FileChooser chooser) {
  FileChooser previous = std::move(Installed());
  Installed() = std::move(chooser);
  return previous;
}

wxString ChooseFile(wxWindow* parent, const FileRequest& request) {
  return Installed() ? Installed()(parent, request) : ShowFileDialog(parent, request);
}

void ChooseFileThen(wxWindow* parent, FileRequest::Purpose purpose, const wxString& title, const wxString& wildcard,
                    const wxString& defaultName, const std::function<void(const wxString& file)>& use) {
  FileRequest request;
  request.purpose = purpose;
  request.title = title;
  request.wildcard = wildcard;
  request.defaultName = defaultName;
  const wxString file = ChooseFile(parent, request);
  if (!file.empty()) use(file);
}

}  // namespace manyi::gui
