// The paper questionnaire for mail surveys: an A4 PDF with the respondent id and page number on
// every page, numbered questions, code boxes for data entry and skip instructions in words.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/questionnaire.h"

namespace manyi::io {

/// Choices of the printed form beyond language and ids.
struct PaperFormOptions {
  std::string returnBy;    ///< the return date printed in the introduction ("" = a blank to fill in)
  int blankIdDigits = 6;   ///< id boxes on a copy printed without an id (with ids: the longest, at least 4)
};

/// Parses respondent ids: a range "1001-1979", a comma list "1001,1005,1010", or both
/// ("1-5,9"). Ids are digit strings; a range keeps the width of its first end ("0001-0100").
/// At most 100 000 ids. Errors say which part is wrong.
Result<std::vector<std::string>> ParseRespondentIds(const std::string& spec);

/// Writes the paper questionnaire in `lang` ("zh" or "en") to `path` as an A4 PDF: one copy per
/// id, each starting on a new page with its id on every page, or one copy with empty id boxes when
/// `ids` is empty. Returns the number of pages written. Throws UserError when the language is not
/// one of the questionnaire's or the file cannot be written.
int PrintPaperForm(const Questionnaire& form, const std::string& lang, const std::vector<std::string>& ids,
                   const std::filesystem::path& path, const PaperFormOptions& options = {});

/// The page (1-based, within one copy) on which each printed item starts, by item id: where a
/// data-entry checker finds a question on the paper form.
std::map<std::string, int> PaperFormItemPages(const Questionnaire& form, const std::string& lang);

/// The pages one copy of the form takes (the layout does not depend on the id).
int PaperFormPagesPerCopy(const Questionnaire& form, const std::string& lang);

/// The readable form of a condition for print: item names become question numbers ("Q8" /
/// "第8题"), operators become words and symbols ("and" / "且", "<=" / "≤"). `numbers` maps item
/// and variable names to question numbers.
std::string ReadableCondition(const std::string& expression, const std::string& lang,
                              const std::vector<std::pair<std::string, int>>& numbers);

}  // namespace manyi::io
