// `manyi-cli form print`: checks the questionnaire, parses the respondent ids, writes the PDF.
#include "cli/form_print_command.h"

#include "cli/translate_help.h"
#include "core/error.h"
#include "io/paper_form.h"

namespace manyi::cli {

void AddFormPrintCommand(CLI::App* form, Action& chosen) {
  struct Options {
    std::string file, lang, ids, returnBy, output;
  };
  auto o = std::make_shared<Options>();
  auto* print = form->add_subcommand("print", Tr(N_("Print a questionnaire as a paper form (PDF) for mail surveys")));
  print->add_option("FORM", o->file, Tr(N_("The questionnaire (.json)")))->required();
  print->add_option("--lang", o->lang, Tr(N_("Language of the form: zh or en (default: the interface language)")))
      ->check(CLI::IsMember({"zh", "en"}));
  print->add_option("--ids", o->ids,
                    Tr(N_("Respondent ids, a range or a comma list (1001-1979, 1001,1005): one copy per id with the id on every page")));
  print->add_option("--return-by", o->returnBy, Tr(N_("The return date printed in the introduction (default: a blank to fill in)")));
  print->add_option("-o,--output", o->output, Tr(N_("The PDF file to write")))->required();
  print->callback([&chosen, o] {
    chosen = [o] {
      std::vector<std::string> ids;
      if (!o->ids.empty()) {
        auto parsed = io::ParseRespondentIds(o->ids);
        if (!parsed.Ok()) throw UserError(parsed.GetError());
        ids = std::move(parsed.Value());
      }
      Questionnaire q = LoadValidForm(o->file);
      const std::string lang = !o->lang.empty() ? o->lang : (CurrentLanguage() == "zh_CN" ? "zh" : "en");
      io::PaperFormOptions options;
      options.returnBy = o->returnBy;
      const int pages = io::PrintPaperForm(q, lang, ids, o->output, options);
      const long long copies = ids.empty() ? 1 : static_cast<long long>(ids.size());
      Out(Message(N_("{0}: {1} page(s), {2} copy(ies) of the questionnaire {3}.")).Arg(o->output).Arg(pages).Arg(copies).Arg(q.id).Text() + "\n");
      return 0;
    };
  });
}

}  // namespace manyi::cli
