// The questionnaire model: texts, variable layout and the names of enumerations.
#include "core/questionnaire.h"

#include <algorithm>
#include <cmath>

#include "core/text.h"

namespace manyi {

std::string LocalText::Get(const std::string& lang) const {
  for (const std::string& l : {lang, std::string("en"), std::string("zh")}) {
    auto it = byLang.find(l);
    if (it != byLang.end() && !it->second.empty()) return it->second;
  }
  for (const auto& [l, t] : byLang)
    if (!t.empty()) return t;
  return {};
}

bool LocalText::Has(const std::string& lang) const {
  auto it = byLang.find(lang);
  return it != byLang.end() && !Trim(it->second).empty();
}

bool LocalText::Empty() const {
  return std::all_of(byLang.begin(), byLang.end(), [](const auto& kv) { return Trim(kv.second).empty(); });
}

LocalText LocalText::Of(std::string zh, std::string en) {
  LocalText t;
  if (!zh.empty()) t.byLang["zh"] = std::move(zh);
  if (!en.empty()) t.byLang["en"] = std::move(en);
  return t;
}

bool Scale::IsMissingCode(double v) const {
  return std::any_of(missing.begin(), missing.end(), [v](const MissingCode& m) { return m.value == v; });
}

namespace {
std::string OptionSuffix(double code) {
  return code == std::floor(code) ? std::to_string(static_cast<long long>(code)) : FormatNumber(code);
}
}  // namespace

std::vector<Variable> Questionnaire::Variables() const {
  std::vector<Variable> vars;
  for (const Section& s : sections)
    for (const Item& item : s.items) {
      switch (item.type) {
        case ItemType::kNote:
          break;
        case ItemType::kMultiple:
        case ItemType::kRanking:
          for (const Code& c : item.codes) {
            Variable v;
            v.name = item.id + "_" + (c.key.empty() ? OptionSuffix(c.value) : c.key);
            v.item = &item;
            v.option = c.value;
            vars.push_back(v);
          }
          break;
        case ItemType::kGrid:
          for (const GridRow& row : item.rows) {
            Variable v;
            v.name = row.id;
            v.item = &item;
            v.row = &row;
            vars.push_back(v);
            if (item.importanceScale && !row.importanceId.empty()) {
              v.name = row.importanceId;
              v.isImportance = true;
              vars.push_back(v);
            }
          }
          break;
        case ItemType::kShortText:
        case ItemType::kLongText:
        case ItemType::kDate: {
          Variable v;
          v.name = item.id;
          v.item = &item;
          v.isText = true;
          vars.push_back(v);
          break;
        }
        default: {
          Variable v;
          v.name = item.id;
          v.item = &item;
          vars.push_back(v);
        }
      }
      if (item.allowOther && (item.type == ItemType::kSingle || item.type == ItemType::kMultiple)) {
        Variable v;
        v.name = item.id + "_other";
        v.item = &item;
        v.isText = true;
        vars.push_back(v);
      }
    }
  return vars;
}

const Item* Questionnaire::FindItem(const std::string& id) const {
  for (const Section& s : sections)
    for (const Item& item : s.items)
      if (item.id == id) return &item;
  return nullptr;
}

std::vector<const Item*> Questionnaire::ItemsWithRole(ItemRole role) const {
  std::vector<const Item*> out;
  for (const Section& s : sections)
    for (const Item& item : s.items)
      if (item.role == role) out.push_back(&item);
  return out;
}

namespace {
template <typename E, size_t N>
const char* KeyOf(const std::pair<E, const char*> (&table)[N], E value) {
  for (const auto& [e, k] : table)
    if (e == value) return k;
  return table[0].second;
}
template <typename E, size_t N>
std::optional<E> ParseKey(const std::pair<E, const char*> (&table)[N], const std::string& key) {
  for (const auto& [e, k] : table)
    if (key == k) return e;
  return std::nullopt;
}

constexpr std::pair<ItemType, const char*> kTypes[] = {
    {ItemType::kSingle, "single"},       {ItemType::kMultiple, "multiple"},   {ItemType::kRating, "rating"},
    {ItemType::kGrid, "grid"},           {ItemType::kNps, "nps"},             {ItemType::kNumeric, "numeric"},
    {ItemType::kShortText, "short_text"}, {ItemType::kLongText, "long_text"}, {ItemType::kDate, "date"},
    {ItemType::kRanking, "ranking"},     {ItemType::kNote, "note"}};
constexpr std::pair<ItemRole, const char*> kRoles[] = {
    {ItemRole::kNone, "none"},
    {ItemRole::kOverallSatisfaction, "overall_satisfaction"},
    {ItemRole::kAttributeSatisfaction, "attribute_satisfaction"},
    {ItemRole::kAttributeImportance, "attribute_importance"},
    {ItemRole::kRecommend, "recommend"},
    {ItemRole::kLoyalty, "loyalty"},
    {ItemRole::kComplaint, "complaint"},
    {ItemRole::kRegion, "region"},
    {ItemRole::kIndustry, "industry"},
    {ItemRole::kCustomerClass, "customer_class"},
    {ItemRole::kRespondentId, "respondent_id"},
    {ItemRole::kExpectation, "expectation"},
    {ItemRole::kPerceivedQuality, "perceived_quality"},
    {ItemRole::kPerceivedValue, "perceived_value"},
    {ItemRole::kImage, "image"},
    {ItemRole::kEffort, "effort"}};
constexpr std::pair<MissingKind, const char*> kMissingKinds[] = {
    {MissingKind::kDontKnow, "dont_know"}, {MissingKind::kNotApplicable, "not_applicable"}, {MissingKind::kRefused, "refused"}};
constexpr std::pair<IndexWeighting, const char*> kWeightings[] = {
    {IndexWeighting::kEqual, "equal"}, {IndexWeighting::kStatedImportance, "stated_importance"}, {IndexWeighting::kFixed, "fixed"}};
}  // namespace

const char* ItemTypeKey(ItemType type) { return KeyOf(kTypes, type); }
std::optional<ItemType> ParseItemType(const std::string& key) { return ParseKey(kTypes, key); }
const char* ItemRoleKey(ItemRole role) { return KeyOf(kRoles, role); }
std::optional<ItemRole> ParseItemRole(const std::string& key) { return ParseKey(kRoles, key); }
const char* MissingKindKey(MissingKind kind) { return KeyOf(kMissingKinds, kind); }
std::optional<MissingKind> ParseMissingKind(const std::string& key) { return ParseKey(kMissingKinds, key); }
const char* IndexWeightingKey(IndexWeighting w) { return KeyOf(kWeightings, w); }
std::optional<IndexWeighting> ParseIndexWeighting(const std::string& key) { return ParseKey(kWeightings, key); }

}  // namespace manyi
