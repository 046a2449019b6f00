// libFuzzer target: the expression parser and evaluator must never crash, whatever the text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/expression.h"

namespace {

class Context final : public manyi::ExprContext {
 public:
  manyi::ExprValue Value(const std::string& name) const override {
    if (name.empty()) return manyi::ExprValue::Missing();
    return name.size() % 2 ? manyi::ExprValue::Of(static_cast<double>(name.size())) : manyi::ExprValue::Of(name);
  }
  manyi::ExprValue Selected(const std::string& name, double code) const override { return manyi::ExprValue::Of(code > 1 ? 1.0 : 0.0); }
  manyi::ExprValue CountSelected(const std::string& name) const override { return manyi::ExprValue::Of(2.0); }
  manyi::ExprValue Current() const override { return manyi::ExprValue::Of(3.0); }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = manyi::Expression::Parse(text);
  if (auto* e = std::get_if<manyi::Expression>(&parsed)) {
    Context c;
    (void)e->Evaluate(c);
    (void)e->References();
    (void)e->UsesCurrent();
  } else {
    (void)std::get<manyi::ExprError>(parsed).Describe(text);
  }
  return 0;
}
