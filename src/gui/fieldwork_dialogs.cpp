// The Fieldwork menu.
#include "gui/fieldwork_dialogs.h"

#include <wx/intl.h>
#include <wx/menu.h>

namespace manyi::gui {

wxMenu* CreateFieldworkMenu() {
  auto* menu = new wxMenu();
  menu->Append(kIdFieldworkDataEntry, _("Mail &Data Entry…") + "\tCtrl+E", _("Key returned paper questionnaires (double entry)"));
  menu->Append(kIdFieldworkCati, _("&Telephone Interviews…") + "\tCtrl+T", _("Call respondents from the call list and interview them"));
  return menu;
}

}  // namespace manyi::gui
