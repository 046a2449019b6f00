// Manyi's questionnaire JSON format: parsing with located errors, and canonical writing.
#include "io/form_json.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.h"

namespace manyi::io {

namespace fs = std::filesystem;
using nlohmann::ordered_json;
using Json = nlohmann::json;

namespace {

inline constexpr const char* kFormat = "manyi-questionnaire";
inline constexpr int kFormatVersion = 1;

/// Thrown inside the parser, turned into an Error at the edge.
struct FormError {
  Message message;
};

class Reader {
 public:
  explicit Reader(std::string origin) : m_origin(std::move(origin)) {}

  Questionnaire Read(const Json& doc) {
    Questionnaire q;
    Expect(doc.is_object(), "", N_("a JSON object"));
    if (doc.contains("format") && doc["format"] != kFormat)
      Fail("format", Message(N_("\"{0}\" is not a Manyi questionnaire format; expected \"{1}\"")).Arg(doc["format"].dump()).Arg(kFormat));
    if (doc.contains("format_version")) {
      int v = Int(doc["format_version"], "format_version");
      if (v > kFormatVersion)
        Fail("format_version", Message(N_("format version {0} is newer than this Manyi reads ({1}); open it with a newer Manyi")).Arg(v).Arg(kFormatVersion));
    }
    q.id = Str(Req(doc, "id", ""), "id");
    if (doc.contains("version")) q.version = Int(doc["version"], "version");
    q.title = Text(Req(doc, "title", ""), "title");
    if (doc.contains("description")) q.description = Text(doc["description"], "description");
    if (doc.contains("languages")) {
      q.languages.clear();
      Expect(doc["languages"].is_array(), "languages", N_("an array of language codes"));
      for (size_t i = 0; i < doc["languages"].size(); ++i) q.languages.push_back(Str(doc["languages"][i], Path("languages", i)));
    }
    if (doc.contains("code_lists")) {
      Expect(doc["code_lists"].is_object(), "code_lists", N_("an object of named code lists"));
      for (const auto& [name, list] : doc["code_lists"].items()) q.codeLists[name] = Codes(list, "code_lists." + name);
    }
    if (doc.contains("scales")) {
      Expect(doc["scales"].is_object(), "scales", N_("an object of named scales"));
      for (const auto& [name, sc] : doc["scales"].items()) q.scales[name] = ReadScale(sc, "scales." + name);
    }
    const Json& sections = Req(doc, "sections", "");
    Expect(sections.is_array(), "sections", N_("an array of sections"));
    for (size_t s = 0; s < sections.size(); ++s) {
      const std::string sp = Path("sections", s);
      const Json& js = sections[s];
      Expect(js.is_object(), sp, N_("an object"));
      Section sec;
      sec.id = js.contains("id") ? Str(js["id"], sp + ".id") : "s" + std::to_string(s + 1);
      if (js.contains("title")) sec.title = Text(js["title"], sp + ".title");
      if (js.contains("relevant")) sec.relevant = Str(js["relevant"], sp + ".relevant");
      const Json& items = Req(js, "items", sp);
      Expect(items.is_array(), sp + ".items", N_("an array of items"));
      for (size_t i = 0; i < items.size(); ++i) sec.items.push_back(ReadItem(q, items[i], Path(sp + ".items", i)));
      q.sections.push_back(std::move(sec));
    }
    if (doc.contains("indices")) {
      Expect(doc["indices"].is_array(), "indices", N_("an array of index definitions"));
      for (size_t i = 0; i < doc["indices"].size(); ++i) q.indices.push_back(ReadIndex(doc["indices"][i], Path("indices", i)));
    }
    return q;
  }

 private:
  static std::string Path(const std::string& base, size_t i) { return base + "[" + std::to_string(i) + "]"; }

  [[noreturn]] void Fail(const std::string& where, const Message& what) {
    throw FormError{Message(N_("{0}, at {1}: {2}")).Arg(m_origin).Arg(where.empty() ? std::string("/") : where).Arg(what)};
  }
  void Expect(bool ok, const std::string& where, const char* expected) {
    if (!ok) Fail(where, Message(N_("expected {0}")).Arg(Message(expected)));
  }
  const Json& Req(const Json& obj, const char* key, const std::string& where) {
    if (!obj.is_object() || !obj.contains(key))
      Fail(where, Message(N_("the required field \"{0}\" is missing")).Arg(key));
    return obj[key];
  }
  std::string Str(const Json& j, const std::string& where) {
    Expect(j.is_string(), where, N_("a text in double quotes"));
    return j.get<std::string>();
  }
  double Num(const Json& j, const std::string& where) {
    Expect(j.is_number(), where, N_("a number"));
    return j.get<double>();
  }
  int Int(const Json& j, const std::string& where) {
    Expect(j.is_number_integer(), where, N_("a whole number"));
    return j.get<int>();
  }
  bool Bool(const Json& j, const std::string& where) {
    Expect(j.is_boolean(), where, N_("true or false"));
    return j.get<bool>();
  }
  LocalText Text(const Json& j, const std::string& where) {
    LocalText t;
    if (j.is_string()) {
      t.byLang["en"] = j.get<std::string>();  // a plain string is taken as the English text
      return t;
    }
    Expect(j.is_object(), where, N_("an object of texts by language, such as {\"zh\": \"…\", \"en\": \"…\"}"));
    for (const auto& [lang, text] : j.items()) t.byLang[lang] = Str(text, where + "." + lang);
    return t;
  }
  std::vector<Code> Codes(const Json& j, const std::string& where) {
    Expect(j.is_array(), where, N_("an array of codes"));
    std::vector<Code> out;
    for (size_t i = 0; i < j.size(); ++i) {
      const std::string p = Path(where, i);
      Expect(j[i].is_object(), p, N_("an object with code and label"));
      Code c;
      c.value = Num(Req(j[i], "code", p), p + ".code");
      if (j[i].contains("key")) c.key = Str(j[i]["key"], p + ".key");
      c.label = Text(Req(j[i], "label", p), p + ".label");
      out.push_back(std::move(c));
    }
    return out;
  }
  Scale ReadScale(const Json& j, const std::string& where) {
    Expect(j.is_object(), where, N_("an object with min, max and labels"));
    Scale s;
    s.min = Num(Req(j, "min", where), where + ".min");
    s.max = Num(Req(j, "max", where), where + ".max");
    if (s.min >= s.max) Fail(where, Message(N_("min ({0}) must be less than max ({1})")).Arg(FormatNumber(s.min)).Arg(FormatNumber(s.max)));
    if (j.contains("labels")) {
      Expect(j["labels"].is_object(), where + ".labels", N_("an object of labels by scale point, such as {\"1\": {…}, \"10\": {…}}"));
      for (const auto& [point, text] : j["labels"].items()) {
        auto p = ParseNumber(point);
        if (!p || *p != double(int(*p)) || *p < s.min || *p > s.max)
          Fail(where + ".labels." + point, Message(N_("\"{0}\" is not a point of the scale {1}–{2}")).Arg(point).Arg(FormatNumber(s.min)).Arg(FormatNumber(s.max)));
        s.pointLabels[int(*p)] = Text(text, where + ".labels." + point);
      }
    }
    if (j.contains("missing")) {
      Expect(j["missing"].is_array(), where + ".missing", N_("an array of missing codes"));
      for (size_t i = 0; i < j["missing"].size(); ++i) {
        const std::string p = Path(where + ".missing", i);
        const Json& m = j["missing"][i];
        MissingCode mc;
        mc.value = Num(Req(m, "code", p), p + ".code");
        const std::string kind = m.contains("kind") ? Str(m["kind"], p + ".kind") : "dont_know";
        auto k = ParseMissingKind(kind);
        if (!k) Fail(p + ".kind", Message(N_("\"{0}\" is not a kind of missing; use dont_know, not_applicable or refused")).Arg(kind));
        mc.kind = *k;
        mc.label = Text(Req(m, "label", p), p + ".label");
        if (mc.value >= s.min && mc.value <= s.max)
          Fail(p + ".code", Message(N_("the missing code {0} lies inside the scale {1}–{2}; choose a code outside it (e.g. 99)"))
                                .Arg(FormatNumber(mc.value)).Arg(FormatNumber(s.min)).Arg(FormatNumber(s.max)));
        s.missing.push_back(std::move(mc));
      }
    }
    return s;
  }
  std::optional<Scale> ScaleOrRef(const Questionnaire& q, const Json& j, const std::string& where, std::string* ref) {
    if (j.is_string()) {
      auto it = q.scales.find(j.get<std::string>());
      if (it == q.scales.end()) Fail(where, Message(N_("no scale named \"{0}\" in \"scales\"")).Arg(j.get<std::string>()));
      if (ref) *ref = it->first;
      return it->second;
    }
    return ReadScale(j, where);
  }
  Item ReadItem(const Questionnaire& q, const Json& j, const std::string& where) {
    Expect(j.is_object(), where, N_("an object"));
    Item item;
    item.id = Str(Req(j, "id", where), where + ".id");
    const std::string type = Str(Req(j, "type", where), where + ".type");
    auto t = ParseItemType(type);
    if (!t)
      Fail(where + ".type", Message(N_("\"{0}\" is not an item type; use single, multiple, rating, grid, nps, numeric, short_text, long_text, date, ranking or note")).Arg(type));
    item.type = *t;
    if (j.contains("text")) item.text = Text(j["text"], where + ".text");
    if (j.contains("help")) item.help = Text(j["help"], where + ".help");
    if (j.contains("role")) {
      const std::string role = Str(j["role"], where + ".role");
      auto r = ParseItemRole(role);
      if (!r) Fail(where + ".role", Message(N_("\"{0}\" is not an item role")).Arg(role));
      item.role = *r;
    }
    if (j.contains("attribute")) item.attribute = Str(j["attribute"], where + ".attribute");
    if (j.contains("codes")) {
      if (j["codes"].is_string()) {
        auto it = q.codeLists.find(j["codes"].get<std::string>());
        if (it == q.codeLists.end()) Fail(where + ".codes", Message(N_("no code list named \"{0}\" in \"code_lists\"")).Arg(j["codes"].get<std::string>()));
        item.codes = it->second;
        item.codeListRef = it->first;
      } else {
        item.codes = Codes(j["codes"], where + ".codes");
      }
    }
    if (j.contains("scale")) item.scale = ScaleOrRef(q, j["scale"], where + ".scale", &item.scaleRef);
    if (item.type == ItemType::kNps && !item.scale) {
      Scale s;
      s.min = 0;
      s.max = 10;
      s.pointLabels[0] = LocalText::Of("完全不可能", "not at all likely");
      s.pointLabels[10] = LocalText::Of("极有可能", "extremely likely");
      item.scale = s;
    }
    if (j.contains("importance_scale")) item.importanceScale = ScaleOrRef(q, j["importance_scale"], where + ".importance_scale", nullptr);
    if (j.contains("rows")) {
      Expect(j["rows"].is_array(), where + ".rows", N_("an array of grid rows"));
      for (size_t i = 0; i < j["rows"].size(); ++i) {
        const std::string p = Path(where + ".rows", i);
        const Json& r = j["rows"][i];
        GridRow row;
        row.id = Str(Req(r, "id", p), p + ".id");
        row.text = Text(Req(r, "text", p), p + ".text");
        if (r.contains("role")) {
          auto role = ParseItemRole(Str(r["role"], p + ".role"));
          if (!role) Fail(p + ".role", Message(N_("\"{0}\" is not an item role")).Arg(r["role"].get<std::string>()));
          row.role = *role;
        }
        if (r.contains("reversed")) row.reversed = Bool(r["reversed"], p + ".reversed");
        if (r.contains("importance_id")) row.importanceId = Str(r["importance_id"], p + ".importance_id");
        else if (item.importanceScale) row.importanceId = row.id + "_imp";
        item.rows.push_back(std::move(row));
      }
    }
    if (j.contains("reversed")) item.reversed = Bool(j["reversed"], where + ".reversed");
    if (j.contains("required")) item.required = Bool(j["required"], where + ".required");
    if (j.contains("other")) item.allowOther = Bool(j["other"], where + ".other");
    if (j.contains("min")) item.min = Num(j["min"], where + ".min");
    if (j.contains("max")) item.max = Num(j["max"], where + ".max");
    if (j.contains("decimals")) item.decimals = Int(j["decimals"], where + ".decimals");
    if (j.contains("relevant")) item.relevant = Str(j["relevant"], where + ".relevant");
    if (j.contains("constraint")) item.constraint = Str(j["constraint"], where + ".constraint");
    if (j.contains("constraint_message")) item.constraintMessage = Text(j["constraint_message"], where + ".constraint_message");
    return item;
  }
  IndexDefinition ReadIndex(const Json& j, const std::string& where) {
    Expect(j.is_object(), where, N_("an object"));
    IndexDefinition d;
    d.id = Str(Req(j, "id", where), where + ".id");
    if (j.contains("label")) d.label = Text(j["label"], where + ".label");
    if (j.contains("weighting")) {
      const std::string w = Str(j["weighting"], where + ".weighting");
      auto p = ParseIndexWeighting(w);
      if (!p) Fail(where + ".weighting", Message(N_("\"{0}\" is not a weighting; use equal, stated_importance or fixed")).Arg(w));
      d.weighting = *p;
    }
    const Json& dims = Req(j, "dimensions", where);
    Expect(dims.is_array(), where + ".dimensions", N_("an array of dimensions"));
    for (size_t i = 0; i < dims.size(); ++i) {
      const std::string p = Path(where + ".dimensions", i);
      IndexDimension dim;
      dim.id = Str(Req(dims[i], "id", p), p + ".id");
      if (dims[i].contains("label")) dim.label = Text(dims[i]["label"], p + ".label");
      const Json& vars = Req(dims[i], "variables", p);
      Expect(vars.is_array(), p + ".variables", N_("an array of variable names"));
      for (size_t k = 0; k < vars.size(); ++k) dim.variables.push_back(Str(vars[k], Path(p + ".variables", k)));
      if (dims[i].contains("weights"))
        for (const auto& [var, w] : dims[i]["weights"].items()) dim.fixedWeights[var] = Num(w, p + ".weights." + var);
      if (dims[i].contains("importance"))
        for (const auto& [var, imp] : dims[i]["importance"].items()) dim.importance[var] = Str(imp, p + ".importance." + var);
      d.dimensions.push_back(std::move(dim));
    }
    return d;
  }

  std::string m_origin;
};

ordered_json TextJson(const LocalText& t) {
  ordered_json j = ordered_json::object();
  for (const char* lang : {"zh", "en"})
    if (t.byLang.count(lang)) j[lang] = t.byLang.at(lang);
  for (const auto& [lang, text] : t.byLang)
    if (lang != "zh" && lang != "en") j[lang] = text;
  return j;
}

ordered_json NumberJson(double v) {
  if (v == double(static_cast<long long>(v))) return static_cast<long long>(v);
  return v;
}

ordered_json CodesJson(const std::vector<Code>& codes) {
  ordered_json a = ordered_json::array();
  for (const Code& c : codes) {
    ordered_json j;
    j["code"] = NumberJson(c.value);
    if (!c.key.empty()) j["key"] = c.key;
    j["label"] = TextJson(c.label);
    a.push_back(j);
  }
  return a;
}

ordered_json ScaleJson(const Scale& s) {
  ordered_json j;
  j["min"] = NumberJson(s.min);
  j["max"] = NumberJson(s.max);
  if (!s.pointLabels.empty()) {
    ordered_json labels = ordered_json::object();
    for (const auto& [p, t] : s.pointLabels) labels[std::to_string(p)] = TextJson(t);
    j["labels"] = labels;
  }
  if (!s.missing.empty()) {
    ordered_json m = ordered_json::array();
    for (const MissingCode& mc : s.missing)
      m.push_back(ordered_json{{"code", NumberJson(mc.value)}, {"kind", MissingKindKey(mc.kind)}, {"label", TextJson(mc.label)}});
    j["missing"] = m;
  }
  return j;
}

}  // namespace

Result<Questionnaire> ParseFormJson(const std::string& text, const std::string& origin) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // Turn the byte offset into a line and column a person can find.
    size_t line = 1, col = 1;
    for (size_t i = 0; i + 1 < e.byte && i < text.size(); ++i) {
      if (text[i] == '\n') { ++line; col = 1; }
      else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    }
    return Error{Message(N_("{0}, line {1}, column {2}: not valid JSON ({3}). Fix the syntax, e.g. a missing comma or quote."))
                     .Arg(origin).Arg(static_cast<long long>(line)).Arg(static_cast<long long>(col)).Arg(e.what())};
  }
  try {
    return Reader(origin).Read(doc);
  } catch (const FormError& e) {
    return Error{e.message};
  }
}

Result<Questionnaire> ReadFormFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return Error{Message(N_("Cannot read {0}. Check the path and the file's permissions.")).Arg(file.string())};
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  if (!IsValidUtf8(text))
    return Error{Message(N_("{0} is not UTF-8 text. Save it as UTF-8 and try again.")).Arg(file.string())};
  return ParseFormJson(text, file.string());
}

std::string WriteFormJson(const Questionnaire& q) {
  ordered_json doc;
  doc["format"] = kFormat;
  doc["format_version"] = kFormatVersion;
  doc["id"] = q.id;
  doc["version"] = q.version;
  doc["title"] = TextJson(q.title);
  if (!q.description.Empty()) doc["description"] = TextJson(q.description);
  doc["languages"] = q.languages;
  if (!q.codeLists.empty()) {
    ordered_json lists = ordered_json::object();
    for (const auto& [name, codes] : q.codeLists) lists[name] = CodesJson(codes);
    doc["code_lists"] = lists;
  }
  if (!q.scales.empty()) {
    ordered_json scales = ordered_json::object();
    for (const auto& [name, s] : q.scales) scales[name] = ScaleJson(s);
    doc["scales"] = scales;
  }
  ordered_json sections = ordered_json::array();
  for (const Section& s : q.sections) {
    ordered_json js;
    js["id"] = s.id;
    if (!s.title.Empty()) js["title"] = TextJson(s.title);
    if (!s.relevant.empty()) js["relevant"] = s.relevant;
    ordered_json items = ordered_json::array();
    for (const Item& item : s.items) {
      ordered_json ji;
      ji["id"] = item.id;
      ji["type"] = ItemTypeKey(item.type);
      if (item.role != ItemRole::kNone) ji["role"] = ItemRoleKey(item.role);
      if (!item.attribute.empty()) ji["attribute"] = item.attribute;
      if (!item.text.Empty()) ji["text"] = TextJson(item.text);
      if (!item.help.Empty()) ji["help"] = TextJson(item.help);
      if (!item.codeListRef.empty()) ji["codes"] = item.codeListRef;
      else if (!item.codes.empty()) ji["codes"] = CodesJson(item.codes);
      if (!item.scaleRef.empty()) ji["scale"] = item.scaleRef;
      else if (item.scale && item.type != ItemType::kNps) ji["scale"] = ScaleJson(*item.scale);
      else if (item.scale && item.type == ItemType::kNps && !item.scale->missing.empty()) ji["scale"] = ScaleJson(*item.scale);
      if (item.importanceScale) ji["importance_scale"] = ScaleJson(*item.importanceScale);
      if (!item.rows.empty()) {
        ordered_json rows = ordered_json::array();
        for (const GridRow& r : item.rows) {
          ordered_json jr;
          jr["id"] = r.id;
          jr["text"] = TextJson(r.text);
          if (r.role != ItemRole::kAttributeSatisfaction) jr["role"] = ItemRoleKey(r.role);
          if (r.reversed) jr["reversed"] = true;
          if (!r.importanceId.empty() && r.importanceId != r.id + "_imp") jr["importance_id"] = r.importanceId;
          rows.push_back(jr);
        }
        ji["rows"] = rows;
      }
      if (item.reversed) ji["reversed"] = true;
      if (item.required) ji["required"] = true;
      if (item.allowOther) ji["other"] = true;
      if (item.min) ji["min"] = NumberJson(*item.min);
      if (item.max) ji["max"] = NumberJson(*item.max);
      if (item.decimals) ji["decimals"] = item.decimals;
      if (!item.relevant.empty()) ji["relevant"] = item.relevant;
      if (!item.constraint.empty()) ji["constraint"] = item.constraint;
      if (!item.constraintMessage.Empty()) ji["constraint_message"] = TextJson(item.constraintMessage);
      items.push_back(ji);
    }
    js["items"] = items;
    sections.push_back(js);
  }
  doc["sections"] = sections;
  if (!q.indices.empty()) {
    ordered_json indices = ordered_json::array();
    for (const IndexDefinition& d : q.indices) {
      ordered_json jd;
      jd["id"] = d.id;
      if (!d.label.Empty()) jd["label"] = TextJson(d.label);
      jd["weighting"] = IndexWeightingKey(d.weighting);
      ordered_json dims = ordered_json::array();
      for (const IndexDimension& dim : d.dimensions) {
        ordered_json jdim;
        jdim["id"] = dim.id;
        if (!dim.label.Empty()) jdim["label"] = TextJson(dim.label);
        jdim["variables"] = dim.variables;
        if (!dim.fixedWeights.empty()) {
          ordered_json w = ordered_json::object();
          for (const auto& [v, x] : dim.fixedWeights) w[v] = x;
          jdim["weights"] = w;
        }
        if (!dim.importance.empty()) {
          ordered_json w = ordered_json::object();
          for (const auto& [v, x] : dim.importance) w[v] = x;
          jdim["importance"] = w;
        }
        dims.push_back(jdim);
      }
      jd["dimensions"] = dims;
      indices.push_back(jd);
    }
    doc["indices"] = indices;
  }
  return doc.dump(2) + "\n";
}

void WriteFormFile(const Questionnaire& form, const fs::path& file) {
  const std::string text = WriteFormJson(form);
  const fs::path temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw UserError(Message(N_("Cannot write {0}. Check that the folder exists and is writable.")).Arg(file.string()));
    out << text;
    if (!out) throw UserError(Message(N_("Writing {0} failed (disk full?). Nothing was changed.")).Arg(file.string()));
  }
  std::error_code ec;
  fs::rename(temp, file, ec);
  if (ec) throw UserError(Message(N_("Cannot write {0}: {1}.")).Arg(file.string()).Arg(ec.message()));
}

int64_t StoreQuestionnaire(storage::Project& project, const Questionnaire& q) {
  std::vector<std::string> vars;
  for (const Variable& v : q.Variables()) vars.push_back(v.name);
  const std::string json = WriteFormJson(q);
  storage::Statement last(project.Db(), "SELECT id, version, definition FROM questionnaire WHERE form_key = ?1 ORDER BY version DESC LIMIT 1");
  last.Bind(1, q.id);
  int version = 1;
  if (last.Step()) {
    if (last.TextView(2) == json) return last.Int(0);
    version = int(last.Int(1)) + 1;
  }
  return project.AddQuestionnaire(q.id, version, q.title.Get("zh"), q.title.Get("en"), json, vars);
}

bool QuestionnaireInUse(storage::Project& project, int64_t id) {
  storage::Statement st(project.Db(),
                        "SELECT EXISTS (SELECT 1 FROM response WHERE questionnaire_id = ?1) "
                        "OR EXISTS (SELECT 1 FROM wave WHERE questionnaire_id = ?1) "
                        "OR EXISTS (SELECT 1 FROM mail_batch WHERE questionnaire_id = ?1)");
  st.Bind(1, id);
  return st.Step() && st.Int(0) != 0;
}

int64_t StoreQuestionnaireEdit(storage::Project& project, int64_t editedId, const Questionnaire& q) {
  storage::Statement row(project.Db(),
                         "SELECT form_key, version = (SELECT MAX(version) FROM questionnaire AS o WHERE o.form_key = "
                         "questionnaire.form_key) FROM questionnaire WHERE id = ?1");
  row.Bind(1, editedId);
  // An unknown id, another questionnaire's key, an older or a used version: never rewritten.
  if (!row.Step() || row.Text(0) != q.id || row.Int(1) == 0 || QuestionnaireInUse(project, editedId))
    return StoreQuestionnaire(project, q);
  std::vector<std::string> vars;
  for (const Variable& v : q.Variables()) vars.push_back(v.name);
  storage::Statement update(project.Db(),
                            "UPDATE questionnaire SET title_zh = ?2, title_en = ?3, definition = ?4, variables = ?5 "
                            "WHERE id = ?1");
  update.Bind(1, editedId).Bind(2, q.title.Get("zh")).Bind(3, q.title.Get("en")).Bind(4, WriteFormJson(q))
      .Bind(5, nlohmann::json(vars).dump()).Run();
  return editedId;
}

std::optional<Questionnaire> LoadQuestionnaire(storage::Project& project, int64_t id) {
  if (id == 0) id = project.Db().QueryInt("SELECT id FROM questionnaire ORDER BY id DESC LIMIT 1");
  storage::Statement st(project.Db(), "SELECT definition FROM questionnaire WHERE id = ?1");
  st.Bind(1, id);
  if (!st.Step()) return std::nullopt;
  auto q = ParseFormJson(st.Text(0), project.Path().string() + " #" + std::to_string(id));
  if (!q.Ok()) throw UserError(q.GetError());
  return q.Value();
}

}  // namespace manyi::io
