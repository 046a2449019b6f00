// `manyi-cli form print`: the paper questionnaire as PDF (io/paper_form.h).
#pragma once

#include "cli/commands.h"

namespace manyi::cli {

/// Adds `print FORM.json --lang zh|en [--ids 1001-1979] [--return-by DATE] -o OUT.pdf` to `form`.
void AddFormPrintCommand(CLI::App* form, Action& chosen);

}  // namespace manyi::cli
