// Static texts that size themselves right in both languages: bold and larger titles (through
// markup, which GTK measures even when the label is created hidden) and wrapping that also
// breaks Chinese text, which has no spaces for wxStaticText::Wrap to break at.
#pragma once

#include <wx/stattext.h>

namespace manyi::gui {

/// A bold label; scale > 1 makes it larger (titles).
wxStaticText* BoldLabel(wxWindow* parent, const wxString& text, double scale = 1.0);

/// Sets a bold label's text (keeping it bold and its scale).
void SetBoldLabel(wxStaticText* label, const wxString& text, double scale = 1.0);

/// text with line breaks so that no line is wider than width pixels in window's font: at spaces
/// where there are some, else between characters (CJK); existing line breaks are kept.
wxString WrapText(const wxWindow* window, const wxString& text, int width, bool bold = false);

/// Sets label to text wrapped to width (see WrapText).
void SetWrappedLabel(wxStaticText* label, const wxString& text, int width);

}  // namespace manyi::gui
