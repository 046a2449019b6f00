// Labels that size themselves right.
#include "gui/labels.h"

#include <wx/control.h>
#include <wx/tokenzr.h>

namespace manyi::gui {

namespace {
wxString Markup(const wxString& text, double scale) {
  wxString escaped = text;
  escaped.Replace("&", "&amp;");
  escaped.Replace("<", "&lt;");
  escaped.Replace(">", "&gt;");
  escaped.Replace("'", "&apos;");
  escaped.Replace("\"", "&quot;");
  if (scale <= 1.0) return "<b>" + escaped + "</b>";
  // wx's markup parser takes named sizes only: "large" is 1.2 × and "x-large" 1.44 × the normal size.
  return wxString(scale >= 1.4 ? "<span size=\"x-large\" weight=\"bold\">" : "<span size=\"large\" weight=\"bold\">") +
         escaped + "</span>";
}
}  // namespace

wxStaticText* BoldLabel(wxWindow* parent, const wxString& text, double scale) {
  auto* label = new wxStaticText(parent, wxID_ANY, wxString());
  SetBoldLabel(label, text, scale);
  return label;
}

void SetBoldLabel(wxStaticText* label, const wxString& text, double scale) {
  label->SetLabelMarkup(Markup(text, scale));
  label->InvalidateBestSize();
}

wxString WrapText(const wxWindow* window, const wxString& text, int width, bool bold) {
  const wxFont font = bold ? window->GetFont().Bold() : window->GetFont();
  auto extent = [&](const wxString& s) {
    int x = 0, y = 0;
    window->GetTextExtent(s, &x, &y, nullptr, nullptr, &font);
    return x;
  };
  wxString out;
  wxStringTokenizer paragraphs(text, "\n", wxTOKEN_RET_EMPTY_ALL);
  bool firstParagraph = true;
  while (paragraphs.HasMoreTokens()) {
    const wxString paragraph = paragraphs.GetNextToken();
    if (!firstParagraph) out += "\n";
    firstParagraph = false;
    wxString line;
    size_t lastSpace = wxString::npos;  // in line
    for (size_t i = 0; i < paragraph.length(); ++i) {
      const wxUniChar c = paragraph[i];
      line += c;
      if (c == ' ') lastSpace = line.length() - 1;
      if (extent(line) <= width || line.length() == 1) continue;
      // Too wide: break at the last space if there is one late enough in the line (or the text is
      // not Chinese), else before this character — but never before closing punctuation
      // (，。、：；！？）》」), which stays with its word.
      const bool cjk = c >= 0x2E80 || (line.length() > 1 && line[line.length() - 2] >= 0x2E80);
      if (lastSpace != wxString::npos && lastSpace > 0 && (!cjk || lastSpace > line.length() / 2)) {
        out += line.Left(lastSpace) + "\n";
        line = line.Mid(lastSpace + 1);
      } else {
        static const wxString kNoBreakBefore = wxString::FromUTF8("，。、：；！？）》」』,.;:!?)");
        size_t cut = line.length() - 1;
        while (cut > 1 && kNoBreakBefore.Find(line[cut]) != wxNOT_FOUND) --cut;
        out += line.Left(cut) + "\n";
        line = line.Mid(cut);
      }
      lastSpace = line.rfind(' ');
      if (lastSpace == 0) lastSpace = wxString::npos;
    }
    out += line;
  }
  return out;
}

void SetWrappedLabel(wxStaticText* label, const wxString& text, int width) {
  label->SetLabel(WrapText(label, text, width));
  label->InvalidateBestSize();
}

}  // namespace manyi::gui
