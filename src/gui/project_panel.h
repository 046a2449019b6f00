// What the main window shows for an open project: its name, file and facts.
#pragma once

#include <wx/panel.h>

#include <filesystem>

#include "report/result_table.h"
#include "storage/project.h"

namespace manyi::gui {

class ResultTableView;

/// Responses by channel (every channel, with its share) as a result table.
report::ResultTable ChannelTable(const storage::ProjectFacts& facts);

/// The overview of an open project: header, the facts table and the responses by channel.
class ProjectPanel : public wxPanel {
 public:
  ProjectPanel(wxWindow* parent, const storage::ProjectFacts& facts, const std::filesystem::path& file);

  ResultTableView* GetFactsView() const { return m_facts; }
  ResultTableView* GetChannelView() const { return m_channels; }

 private:
  ResultTableView* m_facts = nullptr;
  ResultTableView* m_channels = nullptr;
};

}  // namespace manyi::gui
