// The GUI's icons as wxBitmapBundles from wxArtProvider (the theme's icons, sharp at any DPI).
#pragma once

#include <wx/bmpbndl.h>
#include <wx/vector.h>

#include "gui/explorer.h"

namespace manyi::gui {

/// Index into NodeIcons() of a node kind's icon.
int IconOf(NodeKind kind);

/// The explorer tree's icons, in IconOf order.
wxVector<wxBitmapBundle> NodeIcons();

/// A menu or toolbar icon by wxArtProvider id (wxART_NEW, wxART_UNDO…), at menu size.
wxBitmapBundle MenuIcon(const wxString& artId);

}  // namespace manyi::gui
