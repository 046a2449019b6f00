// `manyi-cli form import SRC -o FORM.json` (XLSForm, LimeSurvey; detected by content) and
// `manyi-cli form export FORM.json -o OUT.xlsx|.csv` (XLSForm).
#include "cli/form_interchange_commands.h"

#include <filesystem>

#include "cli/translate_help.h"
#include "core/error.h"
#include "core/questionnaire_check.h"
#include "io/form_json.h"
#include "io/limesurvey.h"
#include "io/xlsform.h"

namespace manyi::cli {

void AddFormInterchangeCommands(CLI::App* form, Action& chosen) {
  auto* import = form->add_subcommand(
      "import", Tr(N_("Convert an XLSForm (.xlsx, .xls, .csv) or a LimeSurvey structure (.lss, .lsa, .txt) into a questionnaire")));
  auto src = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  import->add_option("SRC", *src, Tr(N_("The file to import (its format is recognised by its content)")))->required();
  import->add_option("-o,--output", *out, Tr(N_("The questionnaire to write (.json)")))->required();
  import->callback([&chosen, src, out] {
    chosen = [src, out] {
      io::ImportedForm imported = io::ImportForm(*src).TakeOrThrow();
      for (const Message& m : imported.report) Err(Tr(N_("note")) + ": " + m.Text() + "\n");
      io::WriteFormFile(imported.form, *out);
      size_t items = 0;
      for (const Section& s : imported.form.sections) items += s.items.size();
      auto findings = CheckQuestionnaire(imported.form);
      size_t problems = 0;
      for (const FormFinding& f : findings)
        if (f.severity == FormFinding::Severity::kError) ++problems;
      Out(Message(N_("{0}: {1} section(s), {2} item(s) written to {3} ({4} note(s) above).")).Arg(*src)
              .Arg(static_cast<long long>(imported.form.sections.size())).Arg(static_cast<long long>(items)).Arg(*out)
              .Arg(static_cast<long long>(imported.report.size())).Text() + "\n");
      if (problems)
        Out(Message(N_("`manyi-cli form validate {0}` lists {1} problem(s) to fix before the questionnaire can be used.")).Arg(*out)
                .Arg(static_cast<long long>(problems)).Text() + "\n");
      return 0;
    };
  });

  auto* exp = form->add_subcommand("export", Tr(N_("Write a questionnaire as an XLSForm (.xlsx or .csv) or a LimeSurvey survey structure (.lss)")));
  auto file = std::make_shared<std::string>();
  auto target = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>();
  exp->add_option("FORM", *file, Tr(N_("The questionnaire (.json)")))->required();
  exp->add_option("-o,--output", *target, Tr(N_("The file to write (.xlsx, .csv or .lss)")))->required();
  exp->add_option("--format", *format, Tr(N_("xlsx, csv (XLSForm) or lss (LimeSurvey 6); by default the output's extension decides")))
      ->check(CLI::IsMember({"xlsx", "csv", "lss"}));
  exp->callback([&chosen, file, target, format] {
    chosen = [file, target, format] {
      Questionnaire q = io::ReadFormFile(*file).TakeOrThrow();
      const std::string ext = std::filesystem::path(*target).extension().string();
      std::vector<Message> notes;
      if (*format == "lss" || (format->empty() && (ext == ".lss" || ext == ".LSS"))) {
        notes = io::ExportLimeSurvey(q, *target);
      } else {
        if (!format->empty() && ext != "." + *format)
          throw UserError(Message(N_("--format {0} writes an XLSForm, chosen by the output's extension: name the output {1}.{0}."))
                              .Arg(*format).Arg(std::filesystem::path(*target).replace_extension().string()));
        notes = io::ExportXlsForm(q, *target);
      }
      for (const Message& m : notes) Err(Tr(N_("note")) + ": " + m.Text() + "\n");
      Out(Message(N_("{0} written.")).Arg(*target).Text() + "\n");
      return 0;
    };
  });
}

}  // namespace manyi::cli
