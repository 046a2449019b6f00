// placeholder
#include "io/limesurvey.h"
namespace manyi::io {
Result<ImportedForm> ImportLimeSurvey(const std::filesystem::path& file) { return Error{Message(N_("{0}")).Arg(file.string())}; }
}
