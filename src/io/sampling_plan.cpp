// Sample plans and seeded draws over the sample frame.
#include "io/sampling_plan.h"

#include <algorithm>
#include <map>

#include "core/error.h"
#include "io/form_json.h"
#include "io/paper_form.h"
#include "stats/descriptives.h"
#include "stats/sampling.h"

namespace manyi::io {

namespace {

const char* ColumnOf(const std::string& attribute) {
  if (attribute == "region") return "region";
  if (attribute == "industry") return "industry";
  if (attribute == "importance_class" || attribute == "importance") return "importance_class";
  if (attribute == "loyalty_class" || attribute == "loyalty") return "loyalty_class";
  return nullptr;
}

/// splitmix64 (Steele, Lea & Flood 2014): a small generator whose output is the same everywhere.
struct SplitMix64 {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n) without modulo bias (rejection).
  uint64_t Below(uint64_t n) {
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t x;
    do x = Next(); while (x >= limit);
    return x % n;
  }
};

}  // namespace

const std::vector<std::string>& FrameAttributes() {
  static const std::vector<std::string> all = {"region", "industry", "importance_class", "loyalty_class"};
  return all;
}

Message FrameAttributeLabel(const std::string& attribute) {
  const char* column = ColumnOf(attribute);
  const std::string key = column ? column : attribute;
  if (key == "region") return Message(N_("Region"));
  if (key == "industry") return Message(N_("Industry"));
  if (key == "importance_class") return Message(N_("Importance class"));
  if (key == "loyalty_class") return Message(N_("Loyalty class"));
  return Message("{0}").Arg(attribute);  // not an attribute: shown as given
}

std::optional<stats::Rounding> ParseRounding(std::string_view name) {
  if (name == "half-up") return stats::Rounding::kHalfUp;
  if (name == "half-even") return stats::Rounding::kHalfEven;
  if (name == "up") return stats::Rounding::kUp;
  if (name == "down") return stats::Rounding::kDown;
  return std::nullopt;
}

SamplePlan PlanSample(storage::Project& project, const SamplePlanSpec& spec) {
  if (spec.fraction.has_value() == spec.total.has_value())
    throw UserError(Message(N_("Give either a fraction per stratum (--fraction 0.8) or a total sample size (--total 400), not both.")));
  if (spec.fraction && (*spec.fraction <= 0 || *spec.fraction > 1))
    throw UserError(Message(N_("The fraction must be greater than 0 and at most 1 (e.g. 0.8 for 80 %).")));
  std::vector<std::string> columns;
  for (const std::string& s : spec.strata) {
    const char* c = ColumnOf(s);
    if (!c) throw UserError(Message(N_("\"{0}\" is not a sample-frame attribute; use region, industry, importance_class or loyalty_class.")).Arg(s));
    columns.push_back(c);
  }
  const char* accumulate = nullptr;
  if (!spec.accumulateBy.empty() && !(accumulate = ColumnOf(spec.accumulateBy)))
    throw UserError(Message(N_("\"{0}\" is not a sample-frame attribute; use region, industry, importance_class or loyalty_class.")).Arg(spec.accumulateBy));

  std::string select = "SELECT id, value";
  for (const std::string& c : columns) select += ", coalesce(" + c + ", '')";
  select += accumulate ? std::string(", coalesce(") + accumulate + ", '')" : std::string(", ''");
  select += " FROM customer ORDER BY id";
  storage::Statement st(project.Db(), select);
  std::map<std::vector<std::string>, size_t> index;
  SamplePlan plan;
  std::vector<std::vector<double>> values;
  std::vector<std::string> accumulateKeyOfStratum;
  std::vector<std::string> accumulateOrder;
  while (st.Step()) {
    std::vector<std::string> key;
    for (size_t i = 0; i < columns.size(); ++i) key.push_back(st.Text(2 + int(i)));
    const std::string acc = st.Text(2 + int(columns.size()));
    if (accumulate) key.push_back(acc);  // strata never straddle an accumulation group
    auto [it, added] = index.emplace(key, plan.strata.size());
    if (added) {
      Stratum s;
      s.key = key;
      if (accumulate) s.key.pop_back();
      plan.strata.push_back(s);
      values.emplace_back();
      accumulateKeyOfStratum.push_back(acc);
      if (std::find(accumulateOrder.begin(), accumulateOrder.end(), acc) == accumulateOrder.end()) accumulateOrder.push_back(acc);
    }
    plan.strata[it->second].customers.push_back(st.Int(0));
    values[it->second].push_back(st.IsNull(1) ? stats::kMissingValue : st.Double(1));
    ++plan.population;
  }
  if (plan.population == 0)
    throw UserError(Message(N_("{0} has no sample frame yet. Import the customer list first (manyi-cli frame import).")).Arg(project.Path().string()));

  std::vector<double> sizes;
  for (const Stratum& s : plan.strata) sizes.push_back(double(s.customers.size()));
  if (spec.fraction) {
    std::vector<size_t> n(plan.strata.size());
    std::vector<size_t> sz;
    for (const Stratum& s : plan.strata) sz.push_back(s.customers.size());
    auto alloc = stats::FixedFractionAllocation(sz, *spec.fraction, spec.rounding);
    for (size_t i = 0; i < plan.strata.size(); ++i) {
      plan.strata[i].quota = *spec.fraction * sizes[i];
      plan.strata[i].sample = alloc[i];
    }
  } else {
    if (*spec.total <= 0 || *spec.total > double(plan.population))
      throw UserError(Message(N_("The total sample size must be between 1 and the frame's {0} customers.")).Arg(static_cast<long long>(plan.population)));
    std::vector<double> quotas;
    if (spec.neyman) {
      std::vector<double> sds;
      for (const auto& v : values) sds.push_back(stats::Describe(v).sd.value_or(0.0));
      quotas = stats::NeymanAllocation(*spec.total, sizes, sds);
      if (quotas.empty())
        throw UserError(Message(N_("Neyman allocation needs customer values that vary within strata; use proportional allocation.")));
    } else {
      quotas = stats::ProportionalAllocation(*spec.total, sizes);
    }
    auto whole = stats::LargestRemainder(quotas);
    for (size_t i = 0; i < plan.strata.size(); ++i) {
      plan.strata[i].quota = quotas[i];
      plan.strata[i].sample = std::min(whole[i], plan.strata[i].customers.size());
    }
  }
  std::map<std::string, size_t> acc;
  for (size_t i = 0; i < plan.strata.size(); ++i) {
    plan.total += plan.strata[i].sample;
    acc[accumulateKeyOfStratum[i]] += plan.strata[i].sample;
  }
  if (accumulate)
    for (const std::string& k : accumulateOrder) plan.accumulated.emplace_back(k, acc[k]);
  return plan;
}

namespace {

/// The customers of each stratum's sample, drawn with a partial Fisher–Yates shuffle.
std::vector<int64_t> Draw(const SamplePlan& plan, uint64_t seed) {
  SplitMix64 rng{seed};
  std::vector<int64_t> out;
  for (const Stratum& s : plan.strata) {
    std::vector<int64_t> ids = s.customers;  // ascending: the draw depends only on the seed and the frame
    for (size_t i = 0; i < s.sample && i < ids.size(); ++i) {
      size_t j = i + size_t(rng.Below(ids.size() - i));
      std::swap(ids[i], ids[j]);
      out.push_back(ids[i]);
    }
  }
  return out;
}

/// The questionnaire version a draw is for, checked (with the form language for mail).
int64_t TargetQuestionnaire(storage::Project& project, const DrawTarget& target) {
  if (target.questionnaireId == 0) {
    const int64_t qid = project.Db().QueryInt("SELECT coalesce(max(id), 0) FROM questionnaire");
    if (qid == 0)
      throw UserError(Message(N_("{0} has no questionnaire to send. Add one with `manyi-cli form add` first.")).Arg(project.Path().string()));
    if (!target.formLang.empty()) return TargetQuestionnaire(project, DrawTarget{qid, target.formLang});
    return qid;
  }
  auto form = LoadQuestionnaire(project, target.questionnaireId);
  if (!form)
    throw UserError(Message(N_("{0} has no questionnaire {1}.")).Arg(project.Path().string()).Arg(static_cast<long long>(target.questionnaireId)));
  if (!target.formLang.empty() &&
      ((target.formLang != "zh" && target.formLang != "en") ||
       std::find(form->languages.begin(), form->languages.end(), target.formLang) == form->languages.end()))
    throw UserError(Message(N_("The questionnaire {0} cannot be printed in \"{1}\": print it in one of its languages (zh or en).")).Arg(form->id).Arg(target.formLang));
  return target.questionnaireId;
}

}  // namespace

int64_t DrawSample(storage::Project& project, const SamplePlan& plan, uint64_t seed, const std::string& sentOn, const std::string& note,
                   const DrawTarget& target) {
  storage::Connection& db = project.Db();
  const int64_t qid = TargetQuestionnaire(project, target);
  storage::Transaction tx(db);
  storage::Statement batch(db, "INSERT INTO mail_batch(questionnaire_id, sent_on, note, form_lang) VALUES (?1, ?2, ?3, ?4)");
  batch.Bind(1, qid).Bind(2, sentOn).Bind(3, note);
  if (target.formLang.empty()) batch.Bind(4, nullptr); else batch.Bind(4, target.formLang);
  batch.Run();
  const int64_t batchId = db.LastInsertId();
  storage::Statement add(db, "INSERT INTO mailing(batch_id, customer_id, status, status_on) VALUES (?1, ?2, 'sent', ?3)");
  for (int64_t id : Draw(plan, seed)) add.Bind(1, batchId).Bind(2, id).Bind(3, sentOn).Run();
  tx.Commit();
  return batchId;
}

int64_t DrawCallList(storage::Project& project, const SamplePlan& plan, uint64_t seed, const std::string& createdOn,
                     int maxAttempts, const std::string& note, const DrawTarget& target) {
  if (maxAttempts < 1) throw UserError(Message(N_("The attempt limit must be at least 1.")));
  storage::Connection& db = project.Db();
  const int64_t qid = TargetQuestionnaire(project, DrawTarget{target.questionnaireId, ""});
  storage::Transaction tx(db);
  storage::Statement list(db, "INSERT INTO call_list(questionnaire_id, created_on, max_attempts, note) VALUES (?1, ?2, ?3, ?4)");
  list.Bind(1, qid).Bind(2, createdOn).Bind(3, maxAttempts).Bind(4, note).Run();
  const int64_t listId = db.LastInsertId();
  storage::Statement add(db, "INSERT INTO call_list_member(list_id, customer_id, position) VALUES (?1, ?2, ?3)");
  int64_t position = 0;
  for (int64_t id : Draw(plan, seed)) add.Bind(1, listId).Bind(2, id).Bind(3, ++position).Run();
  tx.Commit();
  return listId;
}

int64_t RecordMailStatus(storage::Project& project, const std::vector<std::string>& customerIds, const std::string& status,
                         const std::string& on, int64_t batch) {
  if (status != "sent" && status != "returned" && status != "undeliverable")
    throw UserError(Message(N_("\"{0}\" is not a mailing status; use returned, undeliverable or sent.")).Arg(status));
  if (customerIds.empty()) throw UserError(Message(N_("Name the customers whose questionnaires came back (their ids in the frame).")));
  storage::Connection& db = project.Db();
  storage::Transaction tx(db);
  storage::Statement find(db, "SELECT m.batch_id, m.customer_id FROM mailing m JOIN customer c ON c.id = m.customer_id "
                              "JOIN mail_batch b ON b.id = m.batch_id WHERE c.external_id = ?1 AND (?2 = 0 OR m.batch_id = ?2) "
                              "ORDER BY b.sent_on DESC, b.id DESC LIMIT 1");
  storage::Statement set(db, "UPDATE mailing SET status = ?3, status_on = ?4 WHERE batch_id = ?1 AND customer_id = ?2 AND status <> ?3");
  std::string missing;
  int64_t changed = 0;
  for (const std::string& id : customerIds) {
    find.Bind(1, id).Bind(2, batch);
    if (!find.Step()) {
      find.Reset();
      missing += (missing.empty() ? "" : ", ") + id;
      continue;
    }
    const int64_t b = find.Int(0), c = find.Int(1);
    find.Reset();
    set.Bind(1, b).Bind(2, c).Bind(3, status).Bind(4, on).Run();
    changed += db.Changes();
  }
  if (!missing.empty()) {
    if (batch) throw UserError(Message(N_("Not in mailing batch {0}: {1}. Nothing was recorded; check the ids.")).Arg(static_cast<long long>(batch)).Arg(missing));
    throw UserError(Message(N_("Not mailed (no mailing batch holds them): {0}. Nothing was recorded; check the ids against the frame.")).Arg(missing));
  }
  tx.Commit();
  return changed;
}

PrintedBatch PrintMailBatch(storage::Project& project, int64_t batch, const std::filesystem::path& path) {
  storage::Connection& db = project.Db();
  storage::Statement b(db, "SELECT questionnaire_id, form_lang FROM mail_batch WHERE id = ?1");
  b.Bind(1, batch);
  if (!b.Step()) throw UserError(Message(N_("There is no mailing batch {0}.")).Arg(static_cast<long long>(batch)));
  const int64_t questionnaire = b.Int(0);
  std::string lang = b.IsNull(1) ? std::string() : b.Text(1);
  const std::optional<Questionnaire> form = LoadQuestionnaire(project, questionnaire);
  if (!form) throw UserError(Message(N_("The questionnaire of mailing batch {0} is missing from the project.")).Arg(static_cast<long long>(batch)));
  if (lang.empty() && !form->languages.empty()) lang = form->languages.front();
  std::vector<std::string> ids;
  storage::Statement m(db,
                       "SELECT c.external_id FROM mailing m JOIN customer c ON c.id = m.customer_id WHERE m.batch_id = ?1 "
                       "ORDER BY length(c.external_id), c.external_id");
  m.Bind(1, batch);
  while (m.Step()) ids.push_back(m.Text(0));
  if (ids.empty()) throw UserError(Message(N_("Mailing batch {0} holds no mailing: there is nothing to print.")).Arg(static_cast<long long>(batch)));
  PrintedBatch printed;
  printed.lang = lang;
  printed.copies = ids.size();
  printed.pages = PrintPaperForm(*form, lang, ids, path);
  return printed;
}

}  // namespace manyi::io
