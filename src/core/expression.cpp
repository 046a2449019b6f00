// Tokeniser, recursive-descent parser and evaluator of the expression language.
//
//   expr  := or                       unary := "-" unary | atom
//   or    := and ("or" and)*          atom  := number | string | name | "${" name "}" | "."
//   and   := not ("and" not)*                | "true" | "false" | name "(" args ")" | "(" expr ")"
//   not   := "not" not | cmp
//   cmp   := sum [ ("=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">=") sum
//                | ["not"] "in" "(" expr ("," expr)* ")" ]
//   sum   := prod (("+" | "-") prod)*
//   prod  := unary (("*" | "/" | "div" | "mod") unary)*
// Functions: answered(x), selected(x, code), count_selected(x), if(c, a, b), min(…), max(…).
#include "core/expression.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace manyi {

bool ExprValue::Truthy() const {
  if (IsNumber()) return Number() != 0 && !std::isnan(Number());
  if (IsString()) return !String().empty();
  return false;
}

std::string ExprError::Describe(const std::string& source) const {
  std::string out = message.Text() + "\n  " + source + "\n  ";
  // Count display columns up to the error (UTF-8 continuation bytes take no column).
  size_t cols = 0;
  for (size_t i = 0; i < position && i < source.size(); ++i)
    if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++cols;
  out += std::string(cols, ' ') + "^";
  return out;
}

enum class NodeKind { kNumber, kString, kName, kCurrent, kUnary, kBinary, kNot, kAnd, kOr, kIn, kNotIn, kCall };

struct ExprNode {
  NodeKind kind;
  double number = 0;
  std::string text;  // string literal, name, operator or function name
  std::vector<std::shared_ptr<const ExprNode>> kids;
};

namespace {

using NodePtr = std::shared_ptr<const ExprNode>;

enum class Tok { kEnd, kNumber, kString, kName, kOp, kLParen, kRParen, kComma, kDollarName, kDot };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;
  double number = 0;
  size_t pos = 0;
};

struct ParseFailure {
  ExprError error;
};

[[noreturn]] void Fail(size_t pos, Message m) { throw ParseFailure{ExprError{pos, std::move(m)}}; }

bool IsNameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsNameChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '.' || c == '-' || c >= 0x80; }

std::vector<Token> Tokenise(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = s[i];
    if (std::isspace(c)) { ++i; continue; }
    Token t;
    t.pos = i;
    if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
          j = k;
          while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
        }
      }
      auto [p, ec] = std::from_chars(s.data() + i, s.data() + j, t.number);
      if (ec != std::errc() || p != s.data() + j) Fail(i, Message(N_("\"{0}\" is not a number")).Arg(s.substr(i, j - i)));
      t.kind = Tok::kNumber;
      i = j;
    } else if (c == '"' || c == '\'') {
      size_t j = i + 1;
      std::string text;
      while (j < s.size() && s[j] != char(c)) {
        if (s[j] == '\\' && j + 1 < s.size()) ++j;
        text += s[j++];
      }
      if (j >= s.size()) Fail(i, Message(N_("The text starting here has no closing quote")));
      t.kind = Tok::kString;
      t.text = std::move(text);
      i = j + 1;
    } else if (c == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      size_t j = s.find('}', i + 2);
      if (j == std::string::npos) Fail(i, Message(N_("\"${\" is not closed with \"}\"")));
      t.kind = Tok::kDollarName;
      t.text = s.substr(i + 2, j - i - 2);
      if (t.text.empty()) Fail(i, Message(N_("\"${}\" names no item")));
      i = j + 1;
    } else if (IsNameStart(c)) {
      size_t j = i;
      while (j < s.size() && IsNameChar(static_cast<unsigned char>(s[j]))) ++j;
      t.kind = Tok::kName;
      t.text = s.substr(i, j - i);
      i = j;
    } else if (c == '.') {
      t.kind = Tok::kDot;
      ++i;
    } else if (c == '(') { t.kind = Tok::kLParen; ++i; }
    else if (c == ')') { t.kind = Tok::kRParen; ++i; }
    else if (c == ',') { t.kind = Tok::kComma; ++i; }
    else {
      static const char* ops[] = {"==", "!=", "<>", "<=", ">=", "=", "<", ">", "+", "-", "*", "/"};
      bool found = false;
      for (const char* op : ops) {
        size_t n = std::char_traits<char>::length(op);
        if (s.compare(i, n, op) == 0) {
          t.kind = Tok::kOp;
          t.text = op;
          i += n;
          found = true;
          break;
        }
      }
      if (!found) {
        size_t len = c < 0x80 ? 1 : (c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2);
        Fail(i, Message(N_("Unexpected character \"{0}\"")).Arg(s.substr(i, len)));
      }
    }
    out.push_back(std::move(t));
  }
  Token end;
  end.pos = s.size();
  out.push_back(end);
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : m_t(std::move(tokens)) {}

  NodePtr ParseAll() {
    NodePtr n = Or();
    if (Peek().kind != Tok::kEnd) Fail(Peek().pos, Message(N_("Unexpected \"{0}\": an operator such as and, or, = was expected")).Arg(Show(Peek())));
    return n;
  }

 private:
  const Token& Peek() const { return m_t[m_i]; }
  Token Take() { return m_t[m_i++]; }
  bool IsWord(const char* w) const { return Peek().kind == Tok::kName && Peek().text == w; }
  static std::string Show(const Token& t) {
    switch (t.kind) {
      case Tok::kEnd: return "end";
      case Tok::kNumber: return "number";
      case Tok::kString: return "\"" + t.text + "\"";
      case Tok::kLParen: return "(";
      case Tok::kRParen: return ")";
      case Tok::kComma: return ",";
      case Tok::kDot: return ".";
      case Tok::kDollarName: return "${" + t.text + "}";
      default: return t.text;
    }
  }
  static NodePtr Make(NodeKind k, std::vector<NodePtr> kids = {}, std::string text = {}) {
    auto n = std::make_shared<ExprNode>();
    n->kind = k;
    n->kids = std::move(kids);
    n->text = std::move(text);
    return n;
  }

  /// Bounds nesting so that a hostile expression cannot exhaust the stack.
  struct Depth {
    Parser& p;
    explicit Depth(Parser& parser, size_t pos) : p(parser) {
      if (++p.m_depth > kMaxDepth) Fail(pos, Message(N_("The expression is nested too deeply (more than 100 levels)")));
    }
    ~Depth() { --p.m_depth; }
  };
  static constexpr int kMaxDepth = 100;

  NodePtr Or() {
    Depth d(*this, Peek().pos);
    NodePtr l = And();
    while (IsWord("or")) { Take(); l = Make(NodeKind::kOr, {l, And()}); }
    return l;
  }
  NodePtr And() {
    NodePtr l = Not();
    while (IsWord("and")) { Take(); l = Make(NodeKind::kAnd, {l, Not()}); }
    return l;
  }
  NodePtr Not() {
    if (IsWord("not")) {
      Depth d(*this, Peek().pos);
      Take();
      return Make(NodeKind::kNot, {Not()});
    }
    return Cmp();
  }
  NodePtr Cmp() {
    NodePtr l = Sum();
    const Token& t = Peek();
    if (t.kind == Tok::kOp && (t.text == "=" || t.text == "==" || t.text == "!=" || t.text == "<>" || t.text == "<" ||
                               t.text == "<=" || t.text == ">" || t.text == ">=")) {
      const char* op = t.text == "==" ? "=" : t.text == "<>" ? "!=" : t.text == "!=" ? "!=" : t.text == "=" ? "=" :
                       t.text == "<=" ? "<=" : t.text == ">=" ? ">=" : t.text == "<" ? "<" : ">";
      Take();
      return Make(NodeKind::kBinary, {l, Sum()}, op);
    }
    bool negated = false;
    if (IsWord("not") && m_i + 1 < m_t.size() && m_t[m_i + 1].kind == Tok::kName && m_t[m_i + 1].text == "in") {
      Take();
      negated = true;
    }
    if (IsWord("in")) {
      Take();
      if (Peek().kind != Tok::kLParen) Fail(Peek().pos, Message(N_("\"(\" expected after \"in\"")));
      Take();
      std::vector<NodePtr> kids{l};
      for (;;) {
        kids.push_back(Or());
        if (Peek().kind == Tok::kComma) { Take(); continue; }
        if (Peek().kind == Tok::kRParen) { Take(); break; }
        Fail(Peek().pos, Message(N_("\",\" or \")\" expected in the list after \"in\"")));
      }
      return Make(negated ? NodeKind::kNotIn : NodeKind::kIn, std::move(kids));
    }
    if (negated) Fail(Peek().pos, Message(N_("\"in\" expected after \"not\"")));
    return l;
  }
  NodePtr Sum() {
    NodePtr l = Prod();
    while (Peek().kind == Tok::kOp && (Peek().text == "+" || Peek().text == "-")) {
      std::string op = Take().text;
      l = Make(NodeKind::kBinary, {l, Prod()}, op);
    }
    return l;
  }
  NodePtr Prod() {
    NodePtr l = Unary();
    for (;;) {
      if (Peek().kind == Tok::kOp && (Peek().text == "*" || Peek().text == "/")) {
        std::string op = Take().text;
        l = Make(NodeKind::kBinary, {l, Unary()}, op);
      } else if (IsWord("div") || IsWord("mod")) {
        std::string op = Take().text == "div" ? "/" : "mod";
        l = Make(NodeKind::kBinary, {l, Unary()}, op);
      } else {
        return l;
      }
    }
  }
  NodePtr Unary() {
    if (Peek().kind == Tok::kOp && Peek().text == "-") {
      Depth d(*this, Peek().pos);
      Take();
      return Make(NodeKind::kUnary, {Unary()}, "-");
    }
    return Atom();
  }
  NodePtr Atom() {
    Token t = Take();
    switch (t.kind) {
      case Tok::kNumber: {
        auto n = std::make_shared<ExprNode>();
        n->kind = NodeKind::kNumber;
        n->number = t.number;
        return n;
      }
      case Tok::kString: return Make(NodeKind::kString, {}, t.text);
      case Tok::kDollarName: return Make(NodeKind::kName, {}, t.text);
      case Tok::kDot: return Make(NodeKind::kCurrent);
      case Tok::kLParen: {
        NodePtr inner = Or();
        if (Peek().kind != Tok::kRParen) Fail(Peek().pos, Message(N_("\")\" expected to close the \"(\" at character {0}")).Arg(static_cast<long long>(t.pos + 1)));
        Take();
        return inner;
      }
      case Tok::kName: {
        if (t.text == "and" || t.text == "or" || t.text == "not" || t.text == "in" || t.text == "div" || t.text == "mod")
          Fail(t.pos, Message(N_("\"{0}\" needs a value before it")).Arg(t.text));
        if (t.text == "true" || t.text == "false") {
          auto n = std::make_shared<ExprNode>();
          n->kind = NodeKind::kNumber;
          n->number = t.text == "true";
          return n;
        }
        if (Peek().kind == Tok::kLParen) return Call(t);
        return Make(NodeKind::kName, {}, t.text);
      }
      case Tok::kEnd: Fail(t.pos, Message(N_("The expression ends where a value was expected")));
      default: Fail(t.pos, Message(N_("Unexpected \"{0}\": a value was expected")).Arg(Show(t)));
    }
  }
  NodePtr Call(const Token& name) {
    static const std::pair<const char*, std::pair<int, int>> kFunctions[] = {
        {"answered", {1, 1}}, {"selected", {2, 2}}, {"count_selected", {1, 1}}, {"if", {3, 3}}, {"min", {1, 99}}, {"max", {1, 99}}};
    auto f = std::find_if(std::begin(kFunctions), std::end(kFunctions), [&](const auto& e) { return name.text == e.first; });
    if (f == std::end(kFunctions))
      Fail(name.pos, Message(N_("Unknown function \"{0}\"; known are answered, selected, count_selected, if, min, max")).Arg(name.text));
    Take();  // (
    std::vector<NodePtr> args;
    if (Peek().kind != Tok::kRParen) {
      for (;;) {
        args.push_back(Or());
        if (Peek().kind == Tok::kComma) { Take(); continue; }
        break;
      }
    }
    if (Peek().kind != Tok::kRParen) Fail(Peek().pos, Message(N_("\",\" or \")\" expected in the arguments of {0}")).Arg(name.text));
    Take();
    auto [lo, hi] = f->second;
    if (int(args.size()) < lo || int(args.size()) > hi)
      Fail(name.pos, Message(N_("{0} takes {1} argument(s), not {2}")).Arg(name.text).Arg(lo == hi ? std::to_string(lo) : std::to_string(lo) + "+").Arg(static_cast<long long>(args.size())));
    if ((name.text == "answered" || name.text == "selected" || name.text == "count_selected") && args[0]->kind != NodeKind::kName &&
        args[0]->kind != NodeKind::kCurrent)
      Fail(name.pos, Message(N_("The first argument of {0} must be an item name")).Arg(name.text));
    return Make(NodeKind::kCall, std::move(args), name.text);
  }

  std::vector<Token> m_t;
  size_t m_i = 0;
  int m_depth = 0;
};

ExprValue Bool(bool b) { return ExprValue::Of(b ? 1.0 : 0.0); }

ExprValue Eval(const ExprNode& n, const ExprContext& ctx);

/// Compares two values; nullopt when either is missing or they cannot be compared.
std::optional<int> Compare(const ExprValue& a, const ExprValue& b) {
  if (a.IsMissing() || b.IsMissing()) return std::nullopt;
  if (a.IsNumber() && b.IsNumber()) return a.Number() < b.Number() ? -1 : a.Number() > b.Number() ? 1 : 0;
  // A number compared with a text: compare as texts when the text is not numeric.
  auto asText = [](const ExprValue& v) {
    if (v.IsString()) return v.String();
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v.Number());
    return std::string(buf, p);
  };
  auto asNumber = [](const ExprValue& v) -> std::optional<double> {
    if (v.IsNumber()) return v.Number();
    double d;
    auto [p, ec] = std::from_chars(v.String().data(), v.String().data() + v.String().size(), d);
    if (ec == std::errc() && p == v.String().data() + v.String().size()) return d;
    return std::nullopt;
  };
  auto na = asNumber(a), nb = asNumber(b);
  if (na && nb) return *na < *nb ? -1 : *na > *nb ? 1 : 0;
  int c = asText(a).compare(asText(b));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

ExprValue Eval(const ExprNode& n, const ExprContext& ctx) {
  switch (n.kind) {
    case NodeKind::kNumber: return ExprValue::Of(n.number);
    case NodeKind::kString: return ExprValue::Of(n.text);
    case NodeKind::kName: return ctx.Value(n.text);
    case NodeKind::kCurrent: return ctx.Current();
    case NodeKind::kUnary: {
      ExprValue v = Eval(*n.kids[0], ctx);
      return v.IsNumber() ? ExprValue::Of(-v.Number()) : ExprValue::Missing();
    }
    case NodeKind::kNot: return Bool(!Eval(*n.kids[0], ctx).Truthy());
    case NodeKind::kAnd: return Bool(Eval(*n.kids[0], ctx).Truthy() && Eval(*n.kids[1], ctx).Truthy());
    case NodeKind::kOr: return Bool(Eval(*n.kids[0], ctx).Truthy() || Eval(*n.kids[1], ctx).Truthy());
    case NodeKind::kIn:
    case NodeKind::kNotIn: {
      ExprValue v = Eval(*n.kids[0], ctx);
      if (v.IsMissing()) return Bool(false);
      bool found = false;
      for (size_t i = 1; i < n.kids.size() && !found; ++i) found = Compare(v, Eval(*n.kids[i], ctx)) == 0;
      return Bool(n.kind == NodeKind::kIn ? found : !found);
    }
    case NodeKind::kBinary: {
      ExprValue a = Eval(*n.kids[0], ctx), b = Eval(*n.kids[1], ctx);
      const std::string& op = n.text;
      if (op == "+" || op == "-" || op == "*" || op == "/" || op == "mod") {
        if (!a.IsNumber() || !b.IsNumber()) return ExprValue::Missing();
        double x = a.Number(), y = b.Number();
        if ((op == "/" || op == "mod") && y == 0) return ExprValue::Missing();
        return ExprValue::Of(op == "+" ? x + y : op == "-" ? x - y : op == "*" ? x * y : op == "/" ? x / y : std::fmod(x, y));
      }
      auto c = Compare(a, b);
      if (!c) return Bool(false);
      if (op == "=") return Bool(*c == 0);
      if (op == "!=") return Bool(*c != 0);
      if (op == "<") return Bool(*c < 0);
      if (op == "<=") return Bool(*c <= 0);
      if (op == ">") return Bool(*c > 0);
      return Bool(*c >= 0);
    }
    case NodeKind::kCall: {
      const std::string& f = n.text;
      auto name = [&]() { return n.kids[0]->kind == NodeKind::kCurrent ? std::string() : n.kids[0]->text; };
      if (f == "answered") {
        ExprValue v = n.kids[0]->kind == NodeKind::kCurrent ? ctx.Current() : ctx.Value(name());
        return Bool(!v.IsMissing() && !(v.IsString() && v.String().empty()));
      }
      if (f == "selected") {
        ExprValue code = Eval(*n.kids[1], ctx);
        if (!code.IsNumber()) {
          if (code.IsString()) {
            double d;
            auto [p, ec] = std::from_chars(code.String().data(), code.String().data() + code.String().size(), d);
            if (ec == std::errc()) return ctx.Selected(name(), d);
          }
          return Bool(false);
        }
        return ctx.Selected(name(), code.Number());
      }
      if (f == "count_selected") return ctx.CountSelected(name());
      if (f == "if") return Eval(*n.kids[0], ctx).Truthy() ? Eval(*n.kids[1], ctx) : Eval(*n.kids[2], ctx);
      // min / max over the answered numbers; missing when none.
      std::optional<double> best;
      for (const auto& k : n.kids) {
        ExprValue v = Eval(*k, ctx);
        if (!v.IsNumber()) continue;
        if (!best || (f == "min" ? v.Number() < *best : v.Number() > *best)) best = v.Number();
      }
      return best ? ExprValue::Of(*best) : ExprValue::Missing();
    }
  }
  return ExprValue::Missing();
}

void Collect(const ExprNode& n, std::vector<std::string>& out, bool& current) {
  if (n.kind == NodeKind::kName && std::find(out.begin(), out.end(), n.text) == out.end()) out.push_back(n.text);
  if (n.kind == NodeKind::kCurrent) current = true;
  for (const auto& k : n.kids) Collect(*k, out, current);
}

}  // namespace

std::variant<Expression, ExprError> Expression::Parse(const std::string& source) {
  constexpr size_t kMaxLength = 4000;
  if (source.size() > kMaxLength)
    return ExprError{kMaxLength, Message(N_("The expression is longer than {0} characters; split the condition over several items")).Arg(static_cast<long long>(kMaxLength))};
  try {
    Parser p(Tokenise(source));
    Expression e;
    e.m_source = source;
    e.m_root = p.ParseAll();
    return e;
  } catch (const ParseFailure& f) {
    return f.error;
  }
}

ExprValue Expression::Evaluate(const ExprContext& context) const {
  return m_root ? Eval(*m_root, context) : ExprValue::Missing();
}

std::vector<std::string> Expression::References() const {
  std::vector<std::string> out;
  bool current = false;
  if (m_root) Collect(*m_root, out, current);
  return out;
}

bool Expression::UsesCurrent() const {
  std::vector<std::string> out;
  bool current = false;
  if (m_root) Collect(*m_root, out, current);
  return current;
}

}  // namespace manyi
