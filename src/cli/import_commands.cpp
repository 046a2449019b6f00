// The import commands: sample frame, responses from online tools, undo, export.
#include "cli/import_commands.h"

#include <fstream>
#include <memory>

#include "cli/translate_help.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "io/frame_import.h"
#include "io/import/layout.h"
#include "io/import/response_import.h"
#include "io/response_export.h"
#include "storage/project.h"

namespace manyi::cli {

namespace {

using io::import::ImportOptions;
using io::import::ImportReport;

void PrintImportReport(const ImportReport& r, bool dryRun) {
  Out(Message(N_("File: {0} ({1}, {2}), SHA-256 {3}")).Arg(r.file).Arg(r.format).Arg(r.encoding).Arg(r.sha256.substr(0, 16)).Text() + "\n");
  if (r.derivedQuestionnaire)
    Out(Message(N_("The project had no questionnaire: one with {0} items was derived from the file's structure{1}."))
            .Arg(static_cast<long long>(r.derivedItems)).Arg(dryRun ? "" : " and stored").Text() + "\n");
  for (const Message& m : r.notes) Out(Tr(N_("note")) + ": " + m.Text() + "\n");
  if (!r.problems.empty()) {
    Out(Tr(N_("Problems (row, column, value, reason):")) + "\n");
    for (const auto& p : r.problems) Out("  " + p.message.Text() + "\n");
    int64_t total = 0;
    for (const auto& [kind, n] : r.problemCounts) total += n;
    if (total > int64_t(r.problems.size()))
      Out("  " + Message(N_("… and {0} more.")).Arg(static_cast<long long>(total - int64_t(r.problems.size()))).Text() + "\n");
    Out(Tr(N_("Problems by kind:")) + "\n");
    for (const auto& [kind, n] : r.problemCounts)
      Out("  " + io::import::ProblemKindLabel(kind).Text() + ": " + std::to_string(n) + "\n");
  }
  Message counts = Message(N_("Rows read {0}, importable {1}, with problems {2}."))
                       .Arg(static_cast<long long>(r.rowsRead)).Arg(static_cast<long long>(r.rowsImported)).Arg(static_cast<long long>(r.rowsRejected));
  Out(counts.Text() + "\n");
}

void AddFrame(CLI::App& app, Action& chosen) {
  auto* frame = app.add_subcommand("frame", Tr(N_("Work with the sample frame (the customer list)")));
  frame->require_subcommand(1);
  auto* imp = frame->add_subcommand("import", Tr(N_("Import customers from a CSV or Excel file")));
  auto project = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto dry = std::make_shared<bool>(false);
  imp->add_option("PROJECT", *project, Tr(N_("The .manyi project file")))->required();
  imp->add_option("FILE", *file, Tr(N_("The customer list (.csv, .xlsx, .xls)")))->required();
  imp->add_flag("--dry-run", *dry, Tr(N_("Check the file and report; write nothing")));
  imp->callback([&chosen, project, file, dry] {
    chosen = [project, file, dry] {
      auto p = storage::Project::Open(*project).TakeOrThrow();
      io::FrameImportReport r = io::ImportFrame(*p, *file, *dry).TakeOrThrow();
      for (const auto& [header, field] : r.columns) Out("  " + header + " → " + field + "\n");
      if (!r.extraColumns.empty()) {
        std::string extra;
        for (const std::string& h : r.extraColumns) extra += (extra.empty() ? "" : ", ") + h;
        Out(Message(N_("Kept as further attributes: {0}")).Arg(extra).Text() + "\n");
      }
      if (!r.problems.empty()) {
        Err(Message(N_("{0}: {1} problem(s); nothing was imported:")).Arg(*file).Arg(static_cast<long long>(r.problems.size())).Text() + "\n");
        for (const Message& m : r.problems) Err("  - " + m.Text() + "\n");
        return 1;
      }
      if (*dry) Out(Message(N_("Dry run: {0} customers would be imported.")).Arg(static_cast<long long>(r.rowsRead)).Text() + "\n");
      else Out(Message(N_("Imported {0} customers into {1}.")).Arg(static_cast<long long>(r.customersAdded)).Arg(*project).Text() + "\n");
      return 0;
    };
  });
}

void AddImport(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("import", Tr(N_("Import responses exported from an online survey tool (or undo an import)")));
  struct Args {
    std::string project, file, format = "auto", mapping, saveMapping, channel = "online", encoding;
    bool dryRun = false, abort = false, force = false, list = false;
    int64_t undo = 0;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("PROJECT", a->project, Tr(N_("The .manyi project file")))->required();
  cmd->add_option("FILE", a->file, Tr(N_("The export to import (.csv, .txt, .xlsx, .xls)")));
  std::string formats = "auto";
  for (const std::string& k : io::import::FormatKeys()) formats += "|" + k;
  cmd->add_option("--format", a->format, Tr(N_("The tool that wrote the file (default: recognised from its content)")) + " (" + formats + ")");
  cmd->add_option("--mapping", a->mapping, Tr(N_("A saved column mapping (JSON) to use")));
  cmd->add_option("--save-mapping", a->saveMapping, Tr(N_("Write the column mapping used to this file, for the next import")));
  cmd->add_option("--channel", a->channel, Tr(N_("How the answers were collected: online, mail, phone or face-to-face (default online)")));
  cmd->add_option("--encoding", a->encoding, Tr(N_("The text encoding (default: detected): utf-8, gb18030, utf-16, windows-1252")));
  cmd->add_flag("--dry-run", a->dryRun, Tr(N_("Check every row and list the problems; write nothing")));
  cmd->add_flag("--abort-on-problem", a->abort, Tr(N_("Import nothing when any row has a problem (default: skip such rows into the rejected rows)")));
  cmd->add_flag("--force", a->force, Tr(N_("Import a file that was imported before")));
  cmd->add_option("--undo", a->undo, Tr(N_("Undo import ID: delete its responses")));
  cmd->add_flag("--list", a->list, Tr(N_("List the imports of the project")));
  cmd->callback([&chosen, a] {
    chosen = [a] {
      auto project = storage::Project::Open(a->project).TakeOrThrow();
      if (a->list) {
        storage::Statement st(project->Db(), "SELECT id, file_name, format, encoding, channel, rows_read, rows_imported, rows_rejected, imported_at, undone_at FROM import ORDER BY id");
        while (st.Step()) {
          Out(std::to_string(st.Int(0)) + "\t" + st.Text(1) + "\t" + st.Text(2) + "\t" + st.Text(3) + "\t" + st.Text(4) + "\t" +
              std::to_string(st.Int(5)) + "/" + std::to_string(st.Int(6)) + "/" + std::to_string(st.Int(7)) + "\t" + st.Text(8) +
              (st.IsNull(9) ? "" : "\t" + Message(N_("undone {0}")).Arg(st.Text(9)).Text()) + "\n");
        }
        return 0;
      }
      if (a->undo > 0) {
        const int64_t n = io::import::UndoImport(*project, a->undo).TakeOrThrow();
        Out(Message(N_("Undid import {0}: {1} responses deleted.")).Arg(static_cast<long long>(a->undo)).Arg(static_cast<long long>(n)).Text() + "\n");
        return 0;
      }
      if (a->file.empty()) throw UserError(Message(N_("Give the file to import (or --undo ID, or --list).")));
      ImportOptions o;
      o.format = a->format;
      o.mappingFile = a->mapping;
      auto channel = ParseChannel(a->channel);
      if (!channel) throw UserError(Message(N_("Unknown channel \"{0}\"; use online, mail, phone or face-to-face.")).Arg(a->channel));
      o.channel = *channel;
      if (!a->encoding.empty()) {
        o.encoding = io::ParseEncodingName(a->encoding);
        if (!o.encoding) throw UserError(Message(N_("Unknown encoding \"{0}\"; use utf-8, gb18030, utf-16 or windows-1252.")).Arg(a->encoding));
      }
      o.dryRun = a->dryRun;
      o.abortOnProblem = a->abort;
      o.force = a->force;
      ImportReport r = io::import::ImportResponses(*project, a->file, o).TakeOrThrow();
      PrintImportReport(r, a->dryRun);
      if (!a->saveMapping.empty()) {
        std::ofstream m(a->saveMapping, std::ios::binary);
        m << r.mappingJson << "\n";
        if (!m) throw UserError(Message(N_("Cannot write the mapping file {0}. Check the folder.")).Arg(a->saveMapping));
      }
      if (r.aborted) {
        Err(Tr(N_("The import was aborted because of the problems above; the project was not changed. Fix the file or the mapping, or import without --abort-on-problem to skip those rows.")) + "\n");
        return 1;
      }
      if (a->dryRun) {
        Out(Tr(N_("Dry run: nothing was written.")) + "\n");
        return 0;
      }
      Out(Message(N_("Import {0}: {1} responses imported, {2} rows rejected (export them with `manyi-cli export {3} --rejected {0} -o FILE.csv`)."))
              .Arg(static_cast<long long>(r.importId)).Arg(static_cast<long long>(r.rowsImported)).Arg(static_cast<long long>(r.rowsRejected)).Arg(a->project).Text() + "\n");
      return 0;
    };
  });
}

void AddExport(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("export", Tr(N_("Export responses as CSV or SPSS .sav (without personal data unless asked), or rejected rows as CSV")));
  struct Args {
    std::string project, out, labels, format;
    bool responses = false, includePersonal = false;
    int64_t rejected = 0;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("PROJECT", a->project, Tr(N_("The .manyi project file")))->required();
  cmd->add_flag("--responses", a->responses, Tr(N_("Export the responses of the newest questionnaire")));
  cmd->add_option("--rejected", a->rejected, Tr(N_("Export the rejected rows of import ID")));
  cmd->add_option("--labels", a->labels, Tr(N_("CSV: write answer labels in this language (zh or en) instead of codes; SAV: the language of the labels")))
      ->check(CLI::IsMember({"zh", "en"}));
  cmd->add_option("--format", a->format, Tr(N_("csv or sav (default: from the extension of the output)")))->check(CLI::IsMember({"csv", "sav"}));
  cmd->add_flag("--include-personal", a->includePersonal, Tr(N_("Add the customers' names, contact persons, phone numbers, e-mail and postal addresses")));
  cmd->add_option("-o,--output", a->out, Tr(N_("The file to write (.csv or .sav)")))->required();
  cmd->callback([&chosen, a] {
    chosen = [a] {
      auto p = storage::Project::Open(a->project).TakeOrThrow();
      if (a->rejected > 0) {
        const int64_t n = io::import::ExportRejectedRows(*p, a->rejected, a->out).TakeOrThrow();
        Out(Message(N_("Wrote {0} rejected rows to {1}.")).Arg(static_cast<long long>(n)).Arg(a->out).Text() + "\n");
        return 0;
      }
      if (!a->responses) throw UserError(Message(N_("Say what to export: --responses or --rejected ID.")));
      const io::ExportFormat format = io::ChooseExportFormat(a->format, a->out);
      io::ResponseExportOptions options;
      options.includePersonal = a->includePersonal;
      options.lang = a->labels;
      // A .sav always carries labels: in the interface language unless --labels says otherwise.
      const std::string interfaceLanguage = CurrentLanguage();
      if (format == io::ExportFormat::kSav && options.lang.empty()) options.lang = interfaceLanguage == kLanguageChinese ? "zh" : "en";
      // Labels Manyi writes itself (channels, "Selected") speak the language of the export.
      if (!options.lang.empty()) InstallCatalogTranslator(LocaleDir(), options.lang == "zh" ? kLanguageChinese : kLanguageEnglish);
      auto n = io::ExportResponses(*p, a->out, format, options);
      InstallCatalogTranslator(LocaleDir(), interfaceLanguage);
      Out(Message(N_("Wrote {0} responses to {1}.")).Arg(static_cast<long long>(n.TakeOrThrow())).Arg(a->out).Text() + "\n");
      if (a->includePersonal)
        Out(Tr(N_("The file holds personal data (names, phone numbers, e-mail addresses): keep it safe and delete it when done.")) + "\n");
      return 0;
    };
  });
}

}  // namespace

void AddImportCommands(CLI::App& app, Action& chosen) {
  AddFrame(app, chosen);
  AddImport(app, chosen);
  AddExport(app, chosen);
}

}  // namespace manyi::cli
