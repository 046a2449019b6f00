// Turning whatever went wrong into one clear message for a person, at the GUI's event boundaries.
#pragma once

#include <wx/string.h>

#include <exception>

class wxWindow;

namespace manyi::gui {

/// The text to show for an exception (Poedit's DescribeException): a UserError's message in the
/// user's language, otherwise "internal error" with the technical detail.
wxString DescribeException(std::exception_ptr error = std::current_exception());

/// Shows an error in a message box owned by parent (a wxMessageDialog, so tests can intercept it
/// with wxTEST_DIALOG).
void ShowError(wxWindow* parent, const wxString& message);

}  // namespace manyi::gui
