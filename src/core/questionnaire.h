// The questionnaire model: sections, items, scales, code lists, roles, skip logic and index
// definitions, with texts in Chinese and English (ARCHITECTURE.md §4). Pure data; reading and
// writing JSON is in io/form_json.h, checking in core/questionnaire_check.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace manyi {

/// A text in several languages, keyed by language code ("zh", "en"; more are kept as read).
struct LocalText {
  std::map<std::string, std::string> byLang;

  /// The text in lang, else English, else Chinese, else any; empty when there is none.
  std::string Get(const std::string& lang) const;
  bool Has(const std::string& lang) const;
  bool Empty() const;
  static LocalText Of(std::string zh, std::string en);
};

/// The kinds of questions Manyi knows.
enum class ItemType {
  kSingle,     ///< one code from a list
  kMultiple,   ///< any codes from a list (one 0/1 variable per option)
  kRating,     ///< a number on a scale (1–5, 1–7, 1–10, 0–10…) with labelled ends
  kGrid,       ///< several attributes (rows) on one scale, optionally a second importance scale
  kNps,        ///< 0–10 likelihood to recommend
  kNumeric,    ///< a number, optionally bounded
  kShortText,
  kLongText,
  kDate,
  kRanking,    ///< options put in order (one rank variable per option)
  kNote,       ///< text shown to the respondent; no answer
};

/// What an item means to the analysis (found by role, so nobody maps columns twice).
enum class ItemRole {
  kNone,
  kOverallSatisfaction,
  kAttributeSatisfaction,
  kAttributeImportance,
  kRecommend,  ///< loyalty / would recommend
  kLoyalty,    ///< repurchase / stay intention
  kComplaint,
  kRegion,
  kIndustry,
  kCustomerClass,
  kRespondentId,
  kExpectation,
  kPerceivedQuality,
  kPerceivedValue,
  kImage,
  kEffort,     ///< customer effort (CES)
};

/// Why an answer is missing, when a code says so.
enum class MissingKind { kDontKnow, kNotApplicable, kRefused };

/// One answer option.
struct Code {
  double value = 0;
  std::string key;   ///< optional short name (industry letter, XLSForm choice name)
  LocalText label;
};

/// A missing-value code: a code that is an answer but never a number in a statistic.
struct MissingCode {
  double value = 0;
  MissingKind kind = MissingKind::kDontKnow;
  LocalText label;
};

/// A rating scale: integer points from min to max, labelled at least at both ends.
struct Scale {
  double min = 1, max = 5;
  std::map<int, LocalText> pointLabels;   ///< labels by point (the ends at least)
  std::vector<MissingCode> missing;
  bool IsMissingCode(double v) const;
};

/// A row of a grid: an attribute rated on the grid's scale(s).
struct GridRow {
  std::string id;       ///< the variable of the satisfaction answer
  LocalText text;
  ItemRole role = ItemRole::kAttributeSatisfaction;
  bool reversed = false;
  std::string importanceId;  ///< the variable of the importance answer (grids with importance)
};

/// One question (or note).
struct Item {
  std::string id;            ///< stable across questionnaire versions
  ItemType type = ItemType::kSingle;
  LocalText text;
  LocalText help;
  ItemRole role = ItemRole::kNone;
  std::string attribute;     ///< links an importance item to its satisfaction item
  std::vector<Code> codes;   ///< single, multiple, ranking
  std::string codeListRef;   ///< name of a shared code list the codes came from ("" = inline)
  std::optional<Scale> scale;             ///< rating, grid, nps
  std::optional<Scale> importanceScale;   ///< grid with importance
  std::string scaleRef;      ///< name of a shared scale ("" = inline)
  std::vector<GridRow> rows; ///< grid
  bool reversed = false;     ///< rating recoded (max + min − x) before any index
  bool required = false;
  bool allowOther = false;   ///< single/multiple with an "other, please specify" text
  std::optional<double> min, max;  ///< numeric bounds
  int decimals = 0;          ///< numeric
  std::string relevant;      ///< skip logic: shown when this expression is true ("" = always)
  std::string constraint;    ///< validation: the answer must make this true ("" = none)
  LocalText constraintMessage;
};

struct Section {
  std::string id;
  LocalText title;
  std::string relevant;
  std::vector<Item> items;
};

/// How the dimensions or attributes of an index are weighted.
enum class IndexWeighting { kEqual, kStatedImportance, kFixed };

/// A dimension of an index: items (variables) combined into one score.
struct IndexDimension {
  std::string id;
  LocalText label;
  std::vector<std::string> variables;
  std::map<std::string, double> fixedWeights;   ///< by variable, for kFixed
  std::map<std::string, std::string> importance; ///< satisfaction variable → importance variable
};

/// An index definition (e.g. the importance-weighted CSI).
struct IndexDefinition {
  std::string id;
  LocalText label;
  IndexWeighting weighting = IndexWeighting::kEqual;
  std::vector<IndexDimension> dimensions;
};

/// One variable of the stored answers (a column of the data): what item and option it holds.
struct Variable {
  std::string name;
  const Item* item = nullptr;
  double option = 0;         ///< multiple / ranking: the option's code
  bool isText = false;       ///< short/long text, date, "other" text: kept in response_text
  bool isImportance = false; ///< the importance answer of a grid row
  const GridRow* row = nullptr;
};

/// A questionnaire: the unit stored (versioned) in a project file.
struct Questionnaire {
  std::string id;
  int version = 1;
  LocalText title;
  LocalText description;
  std::vector<std::string> languages{"zh", "en"};
  std::map<std::string, std::vector<Code>> codeLists;  ///< shared code lists by name
  std::map<std::string, Scale> scales;                 ///< shared scales by name
  std::vector<Section> sections;
  std::vector<IndexDefinition> indices;

  /// The variables of the answers in storage order (items in order; options and rows expanded).
  /// Pointers refer into this questionnaire: valid while it is not modified.
  std::vector<Variable> Variables() const;
  /// The item with this id, or nullptr.
  const Item* FindItem(const std::string& id) const;
  /// Items having a role, in questionnaire order.
  std::vector<const Item*> ItemsWithRole(ItemRole role) const;
};

// Names used in the JSON format and messages.
const char* ItemTypeKey(ItemType type);
std::optional<ItemType> ParseItemType(const std::string& key);
const char* ItemRoleKey(ItemRole role);
std::optional<ItemRole> ParseItemRole(const std::string& key);
const char* MissingKindKey(MissingKind kind);
std::optional<MissingKind> ParseMissingKind(const std::string& key);
const char* IndexWeightingKey(IndexWeighting w);
std::optional<IndexWeighting> ParseIndexWeighting(const std::string& key);

}  // namespace manyi
