// The project overview.
#include "gui/project_panel.h"

#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "core/channel.h"
#include "gui/result_table_view.h"
#include "gui/wx_text.h"
#include "report/project_summary.h"

namespace manyi::gui {

report::ResultTable ChannelTable(const storage::ProjectFacts& facts) {
  report::ResultTable table;
  table.id = "responses_by_channel";
  table.title = ToUtf8(_("Responses by channel"));
  table.columns = {ToUtf8(_("Channel")), ToUtf8(_("Responses")), ToUtf8(_("Share"))};
  for (Channel channel : kAllChannels) {
    auto it = facts.responsesByChannel.find(channel);
    const double n = it == facts.responsesByChannel.end() ? 0.0 : double(it->second);
    table.rows.push_back({report::Cell::Text(ChannelLabel(channel).Text()), report::Cell::Count(n),
                          facts.responses > 0 ? report::Cell::Percent(n / double(facts.responses))
                                              : report::Cell::Missing()});
  }
  table.rows.push_back({report::Cell::Text(ToUtf8(_("Total"))), report::Cell::Count(double(facts.responses)),
                        facts.responses > 0 ? report::Cell::Percent(1.0) : report::Cell::Missing()});
  return table;
}

ProjectPanel::ProjectPanel(wxWindow* parent, const storage::ProjectFacts& facts, const std::filesystem::path& file)
    : wxPanel(parent, wxID_ANY) {
  SetName("project");
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);

  auto* name = new wxStaticText(this, wxID_ANY, facts.name.empty() ? _("(unnamed project)") : ToWx(facts.name));
  name->SetName("project_name");
  name->SetFont(name->GetFont().Bold().Scaled(1.4f));
  sizer->Add(name, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 2 * gap));
  auto* path = new wxStaticText(this, wxID_ANY, FromPath(file), wxDefaultPosition, wxDefaultSize,
                                wxST_ELLIPSIZE_MIDDLE);
  path->SetName("project_path");
  path->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  sizer->Add(path, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 2 * gap));

  auto* tables = new wxBoxSizer(wxHORIZONTAL);
  std::vector<report::ResultTable> factTables = report::FactsTables(facts);
  if (!factTables.empty()) {
    m_facts = new ResultTableView(this, factTables.front());
    tables->Add(m_facts, wxSizerFlags(0).Expand().Border(wxRIGHT, 2 * gap));
  }
  m_channels = new ResultTableView(this, ChannelTable(facts));
  tables->Add(m_channels, wxSizerFlags(0).Expand());
  sizer->Add(tables, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 2 * gap));
  SetSizer(sizer);
}

}  // namespace manyi::gui
