// The demo project builder: reads data/demo and writes a project in one transaction.
#include "io/demo_project.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "core/error.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "io/form_json.h"
#include "storage/project.h"
#include "storage/response_codec.h"

namespace manyi::io {

namespace fs = std::filesystem;

namespace {

/// The header of a CSV file as name → column, checking that every required column is there.
std::map<std::string, size_t> ReadHeader(CsvReader& reader, const fs::path& file, std::initializer_list<const char*> required) {
  std::vector<std::string_view> fields;
  if (!reader.Next(fields))
    throw UserError(Message(N_("{0} is empty: a header row was expected.")).Arg(file.string()));
  std::map<std::string, size_t> cols;
  for (size_t i = 0; i < fields.size(); ++i) cols[std::string(Trim(fields[i]))] = i;
  for (const char* name : required)
    if (!cols.count(name))
      throw UserError(Message(N_("{0}: the header has no column \"{1}\". Add the column or choose the right file.")).Arg(file.string()).Arg(name));
  return cols;
}

std::optional<std::string> NonEmpty(std::string_view v) {
  v = Trim(v);
  return v.empty() ? std::nullopt : std::optional<std::string>(std::string(v));
}

/// How one variable's cells are read: codes by label or key, or numbers on a scale.
struct Column {
  std::string id;
  bool text = false;
  std::optional<Scale> scale;
  std::unordered_map<std::string, double> codeByText;  // labels (every language) and keys → code
};

}  // namespace

fs::path BuildDemoProject(const fs::path& dataDir, const fs::path& outDir) {
  const fs::path formFile = dataDir / "questionnaire.json", customersFile = dataDir / "customers.csv",
                 responsesFile = dataDir / "responses.csv";
  std::error_code exists;
  if (!fs::exists(formFile, exists))
    throw UserError(Message(N_("The demo data is missing: cannot read {0}. Reinstall Manyi or set MANYI_DATADIR.")).Arg(formFile.string()));
  const Questionnaire form = ReadFormFile(formFile).TakeOrThrow();
  std::vector<Column> vars;
  for (const Variable& v : form.Variables()) {
    Column c;
    c.id = v.name;
    c.text = v.isText;
    c.scale = v.isImportance ? v.item->importanceScale : v.item->scale;
    for (const Code& code : v.item->codes) {
      for (const auto& [lang, label] : code.label.byLang) c.codeByText[label] = code.value;
      if (!code.key.empty()) c.codeByText[code.key] = code.value;
    }
    vars.push_back(std::move(c));
  }

  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec)
    throw UserError(Message(N_("Cannot create the folder {0}: {1}. Choose another folder with --out.")).Arg(outDir.string()).Arg(ec.message()));
  const fs::path target = outDir / "demo.manyi", temp = outDir / "demo.manyi.building";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(temp.string() + suffix, ec);

  {
    auto project = storage::Project::Create(temp, "Manyi demo: certification customers 2006–2007").TakeOrThrow();
    storage::Connection& db = project->Db();
    storage::Transaction tx(db);
    const int64_t qid = StoreQuestionnaire(*project, form);

    std::unordered_map<std::string, int64_t> customerIds;
    {
      CsvReader reader(customersFile);
      auto cols = ReadHeader(reader, customersFile, {"customer_id", "region", "industry", "value"});
      std::vector<std::string_view> f;
      while (reader.Next(f)) {
        if (f.size() != cols.size())
          throw UserError(Message(N_("{0}, row {1}: {2} fields where the header has {3}. Fix the row or export the file again."))
                              .Arg(customersFile.string()).Arg(static_cast<long long>(reader.RecordNumber()))
                              .Arg(static_cast<long long>(f.size())).Arg(static_cast<long long>(cols.size())));
        storage::Customer c;
        c.externalId = std::string(Trim(f[cols["customer_id"]]));
        c.region = NonEmpty(f[cols["region"]]);
        c.industry = NonEmpty(f[cols["industry"]]);
        c.importanceClass = NonEmpty(f[cols["importance_class"]]);
        c.loyaltyClass = NonEmpty(f[cols["loyalty_class"]]);
        c.value = ParseNumber(f[cols["value"]]);
        c.name = NonEmpty(f[cols["name"]]);
        c.contactPerson = NonEmpty(f[cols["contact_person"]]);
        c.phone = NonEmpty(f[cols["phone"]]);
        c.email = NonEmpty(f[cols["email"]]);
        customerIds[c.externalId] = project->AddCustomer(c);
      }
    }

    CsvReader reader(responsesFile);
    auto cols = ReadHeader(reader, responsesFile, {"response_id", "customer_id", "wave", "channel", "operator", "submitted_on"});
    std::map<std::string, int64_t> waves;
    std::vector<std::string_view> f;
    storage::ResponseRecord r;
    r.questionnaireId = qid;
    while (reader.Next(f)) {
      const long long row = reader.RecordNumber();
      auto where = [&](const std::string& column) {
        return Message(N_("{0}, row {1}, column {2}")).Arg(responsesFile.string()).Arg(row).Arg(column);
      };
      if (f.size() != cols.size())
        throw UserError(Message(N_("{0}, row {1}: {2} fields where the header has {3}. Fix the row or export the file again."))
                            .Arg(responsesFile.string()).Arg(row).Arg(static_cast<long long>(f.size())).Arg(static_cast<long long>(cols.size())));
      const std::string wave(Trim(f[cols["wave"]]));
      if (!waves.count(wave)) waves[wave] = project->AddWave(wave, qid, wave + "-10-01", wave + "-12-31");
      r.waveId = waves[wave];
      r.respondentKey = std::string(Trim(f[cols["response_id"]]));
      auto cust = customerIds.find(std::string(Trim(f[cols["customer_id"]])));
      r.customerId = cust == customerIds.end() ? std::nullopt : std::optional<int64_t>(cust->second);
      auto channel = ParseChannel(Trim(f[cols["channel"]]));
      if (!channel)
        throw UserError(Message(N_("{0}: unknown channel \"{1}\"; use mail, phone, online or face-to-face."))
                            .Arg(where("channel")).Arg(std::string(f[cols["channel"]])));
      r.channel = *channel;
      auto op = NonEmpty(f[cols["operator"]]);
      r.operatorId = op ? std::optional<int64_t>(project->OperatorId(*op)) : std::nullopt;
      r.submittedAt = std::string(Trim(f[cols["submitted_on"]]));
      r.values.assign(vars.size(), storage::kSystemMissing);
      r.texts.clear();
      for (size_t i = 0; i < vars.size(); ++i) {
        const Column& v = vars[i];
        auto col = cols.find(v.id);
        if (col == cols.end()) continue;
        std::string_view cell = f[col->second];
        if (v.text) {
          if (!Trim(cell).empty()) r.texts.emplace_back(int(i), std::string(cell));
          continue;
        }
        if (Trim(cell).empty()) continue;
        if (!v.codeByText.empty()) {
          auto code = v.codeByText.find(std::string(Trim(cell)));
          if (code == v.codeByText.end())
            throw UserError(Message(N_("{0}: \"{1}\" is not one of the answers of item {2}. Correct the value or add it to the item's code list."))
                                .Arg(where(v.id)).Arg(std::string(cell)).Arg(v.id));
          r.values[i] = code->second;
          continue;
        }
        auto number = ParseNumber(cell);
        const bool inScale = number && v.scale && (v.scale->IsMissingCode(*number) ||
                                                   (*number >= v.scale->min && *number <= v.scale->max && *number == std::floor(*number)));
        if (!number || (v.scale && !inScale))
          throw UserError(Message(N_("{0}: \"{1}\" is outside the scale {2}–{3} of item {4}. Correct the value or mark it as missing."))
                              .Arg(where(v.id)).Arg(std::string(cell)).Arg(FormatNumber(v.scale ? v.scale->min : 0))
                              .Arg(FormatNumber(v.scale ? v.scale->max : 0)).Arg(v.id));
        r.values[i] = *number;
      }
      project->AddResponse(r);
    }
    tx.Commit();
    db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  for (const char* suffix : {"-wal", "-shm"}) fs::remove(temp.string() + suffix, ec);
  fs::rename(temp, target, ec);
  if (ec)
    throw UserError(Message(N_("Cannot write {0}: {1}. Choose another folder with --out.")).Arg(target.string()).Arg(ec.message()));
  return target;
}

}  // namespace manyi::io
