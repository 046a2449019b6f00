// Importing a sample frame (the customer list) from CSV or a workbook: the analysis fields into
// customer, the personal data (name, contact, phone, e-mail, address) into customer_contact.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "storage/project.h"

namespace manyi::io {

/// What a frame import did (or would do).
struct FrameImportReport {
  int64_t rowsRead = 0, customersAdded = 0;
  std::map<std::string, std::string> columns;  ///< header → field it was read into
  std::vector<std::string> extraColumns;       ///< headers kept as further attributes
  std::vector<Message> problems;               ///< any problem: nothing was written
  bool committed = false;
};

/// The frame field a header names ("customer_id", "name", "region", … or "" when none),
/// recognising common English and Chinese headings (客户编号, 名称, 地区, 行业, 营业额, 电话, 邮箱…).
std::string FrameFieldOfHeader(const std::string& header);

/// Reads a customer list and adds every customer in one transaction. Duplicate ids (in the file
/// or already in the project), a missing id or a value that is not a number are problems: then
/// nothing is written and all problems are listed (the first 200).
Result<FrameImportReport> ImportFrame(storage::Project& project, const std::filesystem::path& file, bool dryRun);

}  // namespace manyi::io
