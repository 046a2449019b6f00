// PLS model templates: JSON reading with located errors, and binding to questionnaire variables.
#include "io/pls_model.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace manyi::io {

namespace {

using nlohmann::json;

constexpr const char* kFormat = "manyi-pls-model";
constexpr int kFormatVersion = 1;

struct TemplateError {
  Message message;
};

class Reader {
 public:
  explicit Reader(std::string origin) : m_origin(std::move(origin)) {}

  PlsModelTemplate Read(const json& doc) {
    Expect(doc.is_object(), "", N_("an object"));
    Require(doc, "format", "");
    if (!doc["format"].is_string() || doc["format"].get<std::string>() != kFormat) {
      Fail("format", Message(N_("\"{0}\" is not a Manyi PLS model format; expected \"{1}\""))
                         .Arg(doc["format"].dump())
                         .Arg(kFormat));
    }
    if (doc.contains("format_version")) {
      Expect(doc["format_version"].is_number_integer(), "format_version", N_("an integer"));
      const int v = doc["format_version"].get<int>();
      if (v > kFormatVersion) {
        Fail("format_version",
             Message(N_("format version {0} is newer than this Manyi reads ({1}); open it with a newer Manyi"))
                 .Arg(v)
                 .Arg(kFormatVersion));
      }
    }
    PlsModelTemplate t;
    Require(doc, "id", "");
    t.id = String(doc["id"], "id");
    if (doc.contains("label")) t.label = Text(doc["label"], "label");
    if (doc.contains("description")) t.description = Text(doc["description"], "description");
    if (doc.contains("options")) ReadOptions(doc["options"], t.options);
    Require(doc, "latent_variables", "");
    const json& lvs = doc["latent_variables"];
    Expect(lvs.is_array() && !lvs.empty(), "latent_variables", N_("a non-empty array"));
    std::map<std::string, std::size_t> index;
    for (std::size_t k = 0; k < lvs.size(); ++k) {
      const std::string where = "latent_variables[" + std::to_string(k) + "]";
      t.latents.push_back(ReadLatent(lvs[k], where));
      if (!index.emplace(t.latents.back().id, k).second) {
        Fail(where + ".id", Message(N_("the latent variable \"{0}\" is defined twice")).Arg(t.latents.back().id));
      }
    }
    Require(doc, "paths", "");
    const json& paths = doc["paths"];
    Expect(paths.is_array() && !paths.empty(), "paths", N_("a non-empty array"));
    std::set<std::pair<std::size_t, std::size_t>> seen;
    for (std::size_t q = 0; q < paths.size(); ++q) {
      const std::string where = "paths[" + std::to_string(q) + "]";
      Expect(paths[q].is_object(), where, N_("an object with \"from\" and \"to\""));
      Require(paths[q], "from", where);
      Require(paths[q], "to", where);
      const std::string from = String(paths[q]["from"], where + ".from");
      const std::string to = String(paths[q]["to"], where + ".to");
      const auto f = index.find(from);
      const auto g = index.find(to);
      if (f == index.end()) Fail(where + ".from", Message(N_("no latent variable \"{0}\"")).Arg(from));
      if (g == index.end()) Fail(where + ".to", Message(N_("no latent variable \"{0}\"")).Arg(to));
      if (f->second >= g->second) {
        Fail(where, Message(N_("the path {0} → {1} goes backwards; list the latent variables in causal order "
                               "(every path from an earlier to a later one)"))
                        .Arg(from)
                        .Arg(to));
      }
      if (!seen.emplace(f->second, g->second).second) {
        Fail(where, Message(N_("the path {0} → {1} is listed twice")).Arg(from).Arg(to));
      }
      t.paths.emplace_back(from, to);
    }
    if (doc.contains("target")) {
      t.target = String(doc["target"], "target");
      if (!index.count(t.target)) Fail("target", Message(N_("no latent variable \"{0}\"")).Arg(t.target));
    }
    return t;
  }

 private:
  void ReadOptions(const json& j, stats::PlsOptions& o) {
    Expect(j.is_object(), "options", N_("an object"));
    if (j.contains("scheme")) {
      const std::string s = String(j["scheme"], "options.scheme");
      if (s == "centroid") {
        o.scheme = stats::PlsScheme::Centroid;
      } else if (s == "factorial") {
        o.scheme = stats::PlsScheme::Factorial;
      } else if (s == "path") {
        o.scheme = stats::PlsScheme::Path;
      } else {
        Fail("options.scheme", Message(N_("\"{0}\" is not a scheme; use centroid, factorial or path")).Arg(s));
      }
    }
    if (j.contains("scaled")) {
      Expect(j["scaled"].is_boolean(), "options.scaled", N_("true or false"));
      o.scaled = j["scaled"].get<bool>();
    }
    if (j.contains("tolerance")) {
      Expect(j["tolerance"].is_number() && j["tolerance"].get<double>() > 0, "options.tolerance",
             N_("a positive number"));
      o.tolerance = j["tolerance"].get<double>();
    }
    if (j.contains("max_iterations")) {
      Expect(j["max_iterations"].is_number_integer() && j["max_iterations"].get<int>() >= 1, "options.max_iterations",
             N_("a positive integer"));
      o.maxIterations = j["max_iterations"].get<int>();
    }
  }

  PlsTemplateLatent ReadLatent(const json& j, const std::string& where) {
    Expect(j.is_object(), where, N_("an object"));
    PlsTemplateLatent lv;
    Require(j, "id", where);
    lv.id = String(j["id"], where + ".id");
    if (j.contains("label")) lv.label = Text(j["label"], where + ".label");
    if (j.contains("mode")) {
      const std::string m = String(j["mode"], where + ".mode");
      if (m == "A") {
        lv.mode = stats::PlsMode::A;
      } else if (m == "B") {
        lv.mode = stats::PlsMode::B;
      } else {
        Fail(where + ".mode", Message(N_("\"{0}\" is not a mode; use A (reflective) or B (formative)")).Arg(m));
      }
    }
    if (j.contains("roles")) {
      Expect(j["roles"].is_array(), where + ".roles", N_("an array of item roles"));
      for (std::size_t r = 0; r < j["roles"].size(); ++r) {
        const std::string p = where + ".roles[" + std::to_string(r) + "]";
        const std::string key = String(j["roles"][r], p);
        const auto role = ParseItemRole(key);
        if (!role) Fail(p, Message(N_("\"{0}\" is not an item role")).Arg(key));
        lv.roles.push_back(*role);
      }
    }
    if (j.contains("item_types")) {
      Expect(j["item_types"].is_array(), where + ".item_types", N_("an array of item types"));
      for (std::size_t r = 0; r < j["item_types"].size(); ++r) {
        const std::string p = where + ".item_types[" + std::to_string(r) + "]";
        const std::string key = String(j["item_types"][r], p);
        const auto type = ParseItemType(key);
        if (!type) Fail(p, Message(N_("\"{0}\" is not an item type")).Arg(key));
        lv.itemTypes.push_back(*type);
      }
    }
    if (j.contains("items")) {
      Expect(j["items"].is_array(), where + ".items", N_("an array of variable ids"));
      for (std::size_t r = 0; r < j["items"].size(); ++r) {
        lv.items.push_back(String(j["items"][r], where + ".items[" + std::to_string(r) + "]"));
      }
    }
    if (lv.roles.empty() && lv.items.empty()) {
      Fail(
          where,
          Message(N_("the latent variable \"{0}\" has neither \"roles\" nor \"items\"; give at least one")).Arg(lv.id));
    }
    if (j.contains("scale")) {
      const json& s = j["scale"];
      const std::string p = where + ".scale";
      Expect(s.is_object() && s.contains("min") && s.contains("max") && s["min"].is_number() && s["max"].is_number(), p,
             N_("an object with numbers \"min\" and \"max\""));
      lv.scaleMin = s["min"].get<double>();
      lv.scaleMax = s["max"].get<double>();
      if (!(*lv.scaleMin < *lv.scaleMax)) Fail(p, Message(N_("min must be less than max")));
    }
    return lv;
  }

  LocalText Text(const json& j, const std::string& where) {
    LocalText t;
    if (j.is_string()) {
      t.byLang["en"] = j.get<std::string>();
      return t;
    }
    Expect(j.is_object(), where, N_("a text or an object of texts by language"));
    for (auto it = j.begin(); it != j.end(); ++it) t.byLang[it.key()] = String(it.value(), where + "." + it.key());
    return t;
  }

  std::string String(const json& j, const std::string& where) {
    Expect(j.is_string(), where, N_("a string"));
    return j.get<std::string>();
  }

  void Require(const json& j, const char* key, const std::string& where) {
    if (!j.contains(key)) {
      Fail(where, Message(N_("the required field \"{0}\" is missing")).Arg(key));
    }
  }

  void Expect(bool ok, const std::string& where, const char* expected) {
    if (!ok) Fail(where, Message(N_("expected {0}")).Arg(Message(expected)));
  }

  [[noreturn]] void Fail(const std::string& where, const Message& what) {
    throw TemplateError{
        Message(N_("{0}, at {1}: {2}")).Arg(m_origin).Arg(where.empty() ? std::string("/") : where).Arg(what)};
  }

  std::string m_origin;
};

bool AcceptsType(const PlsTemplateLatent& lv, ItemType type) {
  if (lv.itemTypes.empty()) {
    return type == ItemType::kRating || type == ItemType::kGrid || type == ItemType::kNps || type == ItemType::kNumeric;
  }
  return std::find(lv.itemTypes.begin(), lv.itemTypes.end(), type) != lv.itemTypes.end();
}

bool HasRole(const PlsTemplateLatent& lv, ItemRole role) {
  return std::find(lv.roles.begin(), lv.roles.end(), role) != lv.roles.end();
}

std::string RoleList(const PlsTemplateLatent& lv) {
  std::string s;
  for (ItemRole r : lv.roles) s += (s.empty() ? "" : ", ") + std::string(ItemRoleKey(r));
  return s;
}

// Range of an item's answers: its scale, the NPS 0–10, a numeric item's bounds, or a single
// choice's codes.
std::optional<std::pair<double, double>> RangeOf(const Item& item) {
  if (item.scale) return std::make_pair(item.scale->min, item.scale->max);
  if (item.type == ItemType::kNps) return std::make_pair(0.0, 10.0);
  if (item.min && item.max) return std::make_pair(*item.min, *item.max);
  if (!item.codes.empty()) {
    double lo = item.codes.front().value, hi = lo;
    for (const Code& c : item.codes) {
      lo = std::min(lo, c.value);
      hi = std::max(hi, c.value);
    }
    return std::make_pair(lo, hi);
  }
  return std::nullopt;
}

// The shared part of both binders: model structure and options; latent columns filled by caller.
PlsBinding Skeleton(const PlsModelTemplate& t) {
  PlsBinding b;
  b.options = t.options;
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < t.latents.size(); ++k) {
    stats::PlsLatent lv;
    lv.name = t.latents[k].id;
    lv.mode = t.latents[k].mode;
    lv.scaleMin = t.latents[k].scaleMin;
    lv.scaleMax = t.latents[k].scaleMax;
    b.model.latents.push_back(lv);
    index[t.latents[k].id] = k;
  }
  for (const auto& [from, to] : t.paths) b.model.paths.push_back({index.at(from), index.at(to)});
  return b;
}

std::size_t ColumnOf(PlsBinding& b, const std::string& variable) {
  const auto it = std::find(b.variables.begin(), b.variables.end(), variable);
  if (it != b.variables.end()) return static_cast<std::size_t>(it - b.variables.begin());
  b.variables.push_back(variable);
  return b.variables.size() - 1;
}

void AddItem(PlsBinding& b, stats::PlsLatent& lv, const std::string& variable) {
  if (std::find(lv.itemNames.begin(), lv.itemNames.end(), variable) != lv.itemNames.end()) return;
  lv.columns.push_back(ColumnOf(b, variable));
  lv.itemNames.push_back(variable);
}

}  // namespace

Result<PlsModelTemplate> ParsePlsModelJson(const std::string& text, const std::string& origin) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    return Error{Message(N_("{0}: not valid JSON ({1}). Fix the syntax, e.g. a missing comma or quote."))
                     .Arg(origin)
                     .Arg(e.what())};
  }
  try {
    return Reader(origin).Read(doc);
  } catch (const TemplateError& e) {
    return Error{e.message};
  }
}

Result<PlsModelTemplate> ReadPlsModelFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Error{Message(N_("cannot open the model file {0}; check the path")).Arg(file.string())};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return ParsePlsModelJson(text.str(), file.string());
}

PlsBinding BindPlsModel(const PlsModelTemplate& t, const Questionnaire& form) {
  PlsBinding b = Skeleton(t);
  std::set<std::string> known;
  for (const Variable& v : form.Variables()) known.insert(v.name);
  for (std::size_t k = 0; k < t.latents.size(); ++k) {
    const PlsTemplateLatent& tl = t.latents[k];
    stats::PlsLatent& lv = b.model.latents[k];
    std::vector<std::pair<double, double>> ranges;
    for (const std::string& id : tl.items) {
      if (!known.count(id)) {
        b.problems.push_back({tl.id, Message(N_("latent variable {0}: the questionnaire has no variable \"{1}\"; "
                                                "correct the model's \"items\""))
                                         .Arg(tl.id)
                                         .Arg(id)});
        continue;
      }
      AddItem(b, lv, id);
      for (const Section& s : form.sections) {
        for (const Item& item : s.items) {
          if (item.id == id) {
            if (auto r = RangeOf(item)) ranges.push_back(*r);
          }
          for (const GridRow& row : item.rows) {
            if (row.id == id && item.scale) ranges.emplace_back(item.scale->min, item.scale->max);
          }
        }
      }
    }
    if (!tl.roles.empty()) {
      for (const Section& s : form.sections) {
        for (const Item& item : s.items) {
          if (!AcceptsType(tl, item.type)) continue;
          if (item.type == ItemType::kGrid) {
            for (const GridRow& row : item.rows) {
              if (!HasRole(tl, row.role)) continue;
              AddItem(b, lv, row.id);
              if (item.scale) ranges.emplace_back(item.scale->min, item.scale->max);
            }
          } else if (HasRole(tl, item.role)) {
            AddItem(b, lv, item.id);
            if (auto r = RangeOf(item)) ranges.push_back(*r);
          }
        }
      }
    }
    if (lv.columns.empty()) {
      b.problems.push_back({tl.id, Message(N_("latent variable {0}: no item of the questionnaire has the role {1}; "
                                              "give items these roles or list them in the model's \"items\""))
                                       .Arg(tl.id)
                                       .Arg(RoleList(tl).empty() ? std::string("-") : RoleList(tl))});
      continue;
    }
    // The index scale: the template's, else the items' common range.
    if (!lv.scaleMin && !ranges.empty() && ranges.size() == lv.columns.size() &&
        std::all_of(ranges.begin(), ranges.end(), [&](const auto& r) { return r == ranges.front(); })) {
      lv.scaleMin = ranges.front().first;
      lv.scaleMax = ranges.front().second;
    }
  }
  return b;
}

PlsBinding BindPlsModelToColumns(const PlsModelTemplate& t, const std::vector<std::string>& columns) {
  PlsBinding b = Skeleton(t);
  const std::set<std::string> known(columns.begin(), columns.end());
  for (std::size_t k = 0; k < t.latents.size(); ++k) {
    const PlsTemplateLatent& tl = t.latents[k];
    stats::PlsLatent& lv = b.model.latents[k];
    for (const std::string& id : tl.items) {
      if (known.count(id)) {
        AddItem(b, lv, id);
      } else {
        b.problems.push_back(
            {tl.id, Message(N_("latent variable {0}: the data have no column \"{1}\"")).Arg(tl.id).Arg(id)});
      }
    }
    if (lv.columns.empty() && tl.items.empty()) {
      b.problems.push_back({tl.id, Message(N_("latent variable {0} is defined by roles ({1}), which need a "
                                              "questionnaire; use a project or list the columns in \"items\""))
                                       .Arg(tl.id)
                                       .Arg(RoleList(tl))});
    }
  }
  return b;
}

}  // namespace manyi::io
