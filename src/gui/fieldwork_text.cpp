// Question texts and code hints for the data-entry and interviewer screens.
#include "gui/fieldwork_text.h"

#include <wx/intl.h>

#include "core/message.h"
#include "core/text.h"
#include "gui/language.h"
#include "gui/wx_text.h"

namespace manyi::gui {

std::string FormLanguage() { return CurrentLanguage() == "zh_CN" ? "zh" : "en"; }

wxString QuestionText(const Variable& v) {
  const std::string lang = FormLanguage();
  wxString text = ToWx(v.item->text.Get(lang));
  if (v.row) text += " — " + ToWx(v.row->text.Get(lang));
  if (v.isImportance) text += " " + _("(importance)");
  if (v.option != 0 || v.item->type == ItemType::kMultiple || v.item->type == ItemType::kRanking)
    for (const Code& c : v.item->codes)
      if (c.value == v.option) text += " — " + ToWx(c.label.Get(lang));
  if (v.isText && v.name.ends_with("_other")) text += " — " + _("other, please specify");
  return text;
}

wxString CodeHint(const Variable& v) {
  const std::string lang = FormLanguage();
  const Item& item = *v.item;
  if (v.isText) return _("text");
  wxString hint;
  switch (item.type) {
    case ItemType::kSingle:
      for (const Code& c : item.codes) hint += (hint.empty() ? "" : "   ") + ToWx(FormatNumber(c.value)) + " = " + ToWx(c.label.Get(lang));
      return hint;
    case ItemType::kMultiple: return _("1 = ticked, 0 or blank = not ticked");
    case ItemType::kRanking: return wxString::Format(_("rank 1 to %d"), int(item.codes.size()));
    case ItemType::kNumeric:
      if (item.min || item.max)
        return ToWx((item.min ? FormatNumber(*item.min) : std::string("…")) + " – " + (item.max ? FormatNumber(*item.max) : std::string("…")));
      return _("a number");
    default: break;
  }
  const Scale* scale = v.isImportance && item.importanceScale ? &*item.importanceScale : item.scale ? &*item.scale : nullptr;
  const double lo = scale ? scale->min : 0, hi = scale ? scale->max : 10;
  hint = ToWx(FormatNumber(lo) + "–" + FormatNumber(hi));
  if (scale) {
    auto lab = [&](int p) {
      auto it = scale->pointLabels.find(p);
      return it == scale->pointLabels.end() ? wxString() : ToWx(it->second.Get(lang));
    };
    const wxString a = lab(int(lo)), b = lab(int(hi));
    if (!a.empty() || !b.empty()) hint += " (" + ToWx(FormatNumber(lo)) + " = " + a + " … " + ToWx(FormatNumber(hi)) + " = " + b + ")";
    for (const MissingCode& m : scale->missing) hint += ", " + ToWx(FormatNumber(m.value)) + " = " + ToWx(m.label.Get(lang));
  }
  return hint;
}

}  // namespace manyi::gui
