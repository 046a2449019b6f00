// The sample-frame importer.
#include "io/frame_import.h"

#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "core/text.h"
#include "io/import/table_source.h"

namespace manyi::io {

namespace {

constexpr size_t kListedProblems = 200;

std::string Normalise(std::string_view s) {
  std::string out;
  for (char c : Trim(s)) {
    if (c == ' ' || c == '_' || c == '-' || c == '.') continue;
    out.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

}  // namespace

std::string FrameFieldOfHeader(const std::string& header) {
  static const std::vector<std::pair<const char*, std::vector<const char*>>> kFields = {
      {"customer_id", {"customerid", "customerno", "customernumber", "customercode", "id", "clientid", "accountid",
                       "客户编号", "客户代码", "客户号", "客户id", "编号", "企业编号", "证书编号"}},
      {"name", {"name", "customer", "customername", "company", "companyname", "organisation", "organization", "client",
                "名称", "客户名称", "公司名称", "单位名称", "企业名称", "客户"}},
      {"region", {"region", "area", "province", "state", "territory", "地区", "区域", "省份", "所在地区", "地域"}},
      {"industry", {"industry", "sector", "branch", "行业", "所属行业", "行业类别", "专业类别"}},
      {"importance_class", {"importance", "importanceclass", "tier", "segment", "重要性", "重要度", "客户重要性", "客户等级", "重要性等级"}},
      {"loyalty_class", {"loyalty", "loyaltyclass", "忠诚度", "忠诚度类别", "忠诚度等级"}},
      {"value", {"value", "revenue", "turnover", "sales", "annualrevenue", "价值", "营业额", "销售额", "年营业额", "客户价值", "收入"}},
      {"contact_person", {"contact", "contactperson", "contactname", "联系人", "联络人"}},
      {"phone", {"phone", "telephone", "tel", "mobile", "phonenumber", "电话", "联系电话", "手机", "电话号码"}},
      {"email", {"email", "mail", "emailaddress", "邮箱", "电子邮件", "电子邮箱", "邮件"}},
      {"address", {"address", "postaladdress", "地址", "通讯地址", "邮寄地址"}},
  };
  const std::string n = Normalise(header);
  for (const auto& [field, names] : kFields)
    for (const char* name : names)
      if (n == name) return field;
  return "";
}

Result<FrameImportReport> ImportFrame(storage::Project& project, const std::filesystem::path& file, bool dryRun) {
  const std::string origin = file.string();
  auto opened = import::TableSource::Open(file);
  if (!opened) return Error{opened.GetError()};
  FrameImportReport report;
  std::vector<std::string> fieldOf;
  std::vector<std::string> headers;
  std::unordered_set<std::string> ids;
  storage::Connection& db = project.Db();
  {
    storage::Statement st(db, "SELECT external_id FROM customer");
    while (st.Step()) ids.insert(st.Text(0));
  }
  const size_t existing = ids.size();
  std::vector<storage::Customer> pending;  // written only when the whole file is sound
  std::vector<std::string> attributes;
  auto problem = [&](Message m) {
    if (report.problems.size() < kListedProblems) report.problems.push_back(std::move(m));
  };
  size_t problemCount = 0;
  try {
    bool first = true;
    auto read = opened.Value()->ForEachRow([&](const import::TableRow& row) {
      if (first) {
        first = false;
        std::set<std::string> seenFields;
        for (size_t c = 0; c < row.Size(); ++c) {
          headers.emplace_back(Trim(row[c]));
          std::string f = FrameFieldOfHeader(headers.back());
          if (!f.empty() && !seenFields.insert(f).second) f.clear();  // a second "name" column is an attribute
          fieldOf.push_back(f);
          if (!f.empty()) report.columns[headers.back()] = f;
          else if (!headers.back().empty()) report.extraColumns.push_back(headers.back());
        }
        if (!seenFields.count("customer_id")) {
          problem(Message(N_("{0}: no column holds the customer id (a heading such as customer_id, ID or 客户编号). Rename the id column and try again.")).Arg(origin));
          ++problemCount;
          return false;
        }
        return true;
      }
      ++report.rowsRead;
      const long long rowNo = static_cast<long long>(row.number);
      storage::Customer c;
      nlohmann::json attrs = nlohmann::json::object();
      for (size_t i = 0; i < row.Size() && i < fieldOf.size(); ++i) {
        std::string_view v = Trim(row[i]);
        if (v.empty()) continue;
        if (!IsValidUtf8(v)) {
          ++problemCount;
          problem(Message(N_("{0}, row {1}, column \"{2}\": the cell is not valid UTF-8 text. Save the file as UTF-8 and try again.")).Arg(origin).Arg(rowNo).Arg(headers[i]));
          continue;
        }
        const std::string& f = fieldOf[i];
        std::string s(v);
        if (f == "customer_id") c.externalId = s;
        else if (f == "name") c.name = s;
        else if (f == "region") c.region = s;
        else if (f == "industry") c.industry = s;
        else if (f == "importance_class") c.importanceClass = s;
        else if (f == "loyalty_class") c.loyaltyClass = s;
        else if (f == "contact_person") c.contactPerson = s;
        else if (f == "phone") c.phone = s;
        else if (f == "email") c.email = s;
        else if (f == "address") c.address = s;
        else if (f == "value") {
          std::string digits;
          for (char ch : s)
            if (ch != ',' && ch != ' ') digits.push_back(ch);  // "1,200,000"
          c.value = ParseNumber(digits);
          if (!c.value) {
            ++problemCount;
            problem(Message(N_("{0}, row {1}, column \"{2}\": \"{3}\" is not a number. Write the value as digits (1200000.50) or leave the cell empty."))
                        .Arg(origin).Arg(rowNo).Arg(headers[i]).Arg(s));
          }
        } else if (i < headers.size() && !headers[i].empty()) {
          attrs[headers[i]] = s;
        }
      }
      if (c.externalId.empty()) {
        ++problemCount;
        problem(Message(N_("{0}, row {1}: the customer id is empty. Give every customer an id.")).Arg(origin).Arg(rowNo));
      } else if (!ids.insert(c.externalId).second) {
        ++problemCount;
        problem(Message(N_("{0}, row {1}: the customer id \"{2}\" appears twice (in this file or already in the project). Ids must be unique: correct or remove the duplicate."))
                    .Arg(origin).Arg(rowNo).Arg(c.externalId));
      }
      pending.push_back(std::move(c));
      attributes.push_back(attrs.empty() ? std::string() : attrs.dump());
      return true;
    });
    if (read) return Error{*read};
  } catch (const UserError& e) {
    return Error{e.GetMessage()};
  }
  if (problemCount > kListedProblems)
    report.problems.push_back(Message(N_("… and {0} more problems.")).Arg(static_cast<long long>(problemCount - kListedProblems)));
  (void)existing;
  if (problemCount > 0 || dryRun) return report;
  try {
    storage::Transaction tx(db);
    storage::Statement attr(db, "UPDATE customer SET attributes = ?1 WHERE id = ?2");
    for (size_t i = 0; i < pending.size(); ++i) {
      const int64_t id = project.AddCustomer(pending[i]);
      if (!attributes[i].empty()) attr.Bind(1, attributes[i]).Bind(2, id).Run();
      ++report.customersAdded;
    }
    tx.Commit();
    report.committed = true;
  } catch (const storage::SqliteError& e) {
    return Error{storage::DescribeSqliteError(e, project.Path())};
  }
  return report;
}

}  // namespace manyi::io
