// Error messages for people: user errors as they are, anything else as an internal error.
#include "gui/errors.h"

#include <wx/intl.h>
#include <wx/msgdlg.h>

#include "core/error.h"
#include "gui/wx_text.h"

namespace manyi::gui {

wxString DescribeException(std::exception_ptr error) {
  try {
    if (error) std::rethrow_exception(error);
    return _("Unknown error.");
  } catch (const UserError& e) {
    return ToWx(e.GetMessage().Text());
  } catch (const std::exception& e) {
    return wxString::Format(_("Internal error: %s. Please report it together with what you were doing."),
                            ToWx(e.what()));
  } catch (...) {
    return _("Internal error of an unknown kind. Please report it together with what you were doing.");
  }
}

void ShowError(wxWindow* parent, const wxString& message) {
  wxMessageDialog dialog(parent, message, _("Manyi"), wxOK | wxICON_ERROR);
  dialog.ShowModal();
}

}  // namespace manyi::gui
