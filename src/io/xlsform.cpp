// XLSForm import and export, and the expression conversion between XLSForm's XPath dialect,
// LimeSurvey's ExpressionScript and Manyi's language (one small parser per dialect into one
// tree, one printer per dialect). The import reads whole sheets as rows of cells (forms are
// small) and builds the questionnaire in two passes: items first, then their expressions, so
// that references to later items and choice names can be resolved.
#include "io/xlsform.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <cstring>
#include <fstream>
#include <locale.h>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "core/expression.h"
#include "core/text.h"
#include "io/limesurvey.h"
#include "io/xls_reader.h"
#include "io/xlsx_reader.h"
#include "io/zip_archive.h"

namespace manyi::io {

// ---------------------------------------------------------------------------------------------
// Expressions

namespace {

struct Node;
using NodeP = std::shared_ptr<Node>;

enum class NK { kNum, kStr, kRef, kCurrent, kBool, kNeg, kBin, kNot, kIn, kCall };

struct Node {
  NK kind;
  std::string text;  // number text, string, name, operator, function
  std::vector<NodeP> kids;
  bool negated = false;  // kIn: "not in"
};

NodeP Mk(NK k, std::string text = {}, std::vector<NodeP> kids = {}) {
  auto n = std::make_shared<Node>();
  n->kind = k;
  n->text = std::move(text);
  n->kids = std::move(kids);
  return n;
}

struct ConvFail {
  Message message;
};

[[noreturn]] void Fail(Message m) { throw ConvFail{std::move(m)}; }

enum class TK { kEnd, kNum, kStr, kName, kDollar, kOp, kLP, kRP, kComma, kDot };
struct Tk {
  TK kind;
  std::string text;
  size_t pos;
};

bool NameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool NameChar(unsigned char c, ExprDialect d) {
  if (std::isalnum(c) || c == '_' || c >= 0x80) return true;
  if (c == '.') return true;
  if (c == '-') return d != ExprDialect::kLimeSurvey;
  if (c == ':') return d == ExprDialect::kXlsForm;
  return false;
}

/// Whether s at i starts with digits, "X", digits, "X", digits.
bool IsSgqa(const std::string& s, size_t i) {
  for (int part = 0; part < 3; ++part) {
    const size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == start) return false;
    if (part < 2) {
      if (i >= s.size() || s[i] != 'X') return false;
      ++i;
    }
  }
  return true;
}

std::vector<Tk> Lex(const std::string& s, ExprDialect d) {
  std::vector<Tk> out;
  size_t i = 0;
  auto startsWith = [&](const char* p) { return s.compare(i, std::strlen(p), p) == 0; };
  while (i < s.size()) {
    const unsigned char c = s[i];
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    const size_t pos = i;
    // Typographic quotes (‘ ’ “ ”) are what word processors put into forms; read them as quotes.
    const char* openQuotes[] = {"\xE2\x80\x98", "\xE2\x80\x9C"};
    const char* closeQuotes[] = {"\xE2\x80\x99", "\xE2\x80\x9D"};
    int curly = -1;
    for (int q = 0; q < 2; ++q)
      if (startsWith(openQuotes[q]) || startsWith(closeQuotes[q])) curly = q;
    if (c == '\'' || c == '"' || curly >= 0) {
      std::string text;
      if (curly >= 0) {
        i += 3;
        for (;;) {
          if (i >= s.size()) Fail(Message(N_("a text starting at character {0} has no closing quote")).Arg(static_cast<long long>(pos + 1)));
          if (startsWith(closeQuotes[curly]) || startsWith(openQuotes[curly])) {
            i += 3;
            break;
          }
          text += s[i++];
        }
      } else {
        const size_t end = s.find(static_cast<char>(c), i + 1);
        if (end == std::string::npos) Fail(Message(N_("a text starting at character {0} has no closing quote")).Arg(static_cast<long long>(pos + 1)));
        text = s.substr(i + 1, end - i - 1);
        i = end + 1;
      }
      out.push_back({TK::kStr, text, pos});
    } else if (d == ExprDialect::kLimeSurvey && std::isdigit(c) && IsSgqa(s, i)) {
      // SGQA names (survey X group X question[sub-question]): 293446X25X262.NAOK
      size_t j = i;
      while (j < s.size() && NameChar(static_cast<unsigned char>(s[j]), d)) ++j;
      out.push_back({TK::kName, s.substr(i, j - i), pos});
      i = j;
    } else if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E') && j + 1 < s.size() &&
          (std::isdigit(static_cast<unsigned char>(s[j + 1])) || s[j + 1] == '-' || s[j + 1] == '+')) {
        j += 2;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      }
      out.push_back({TK::kNum, s.substr(i, j - i), pos});
      i = j;
    } else if (c == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const size_t end = s.find('}', i);
      if (end == std::string::npos) Fail(Message(N_("\"${\" at character {0} is not closed with \"}\"")).Arg(static_cast<long long>(pos + 1)));
      out.push_back({TK::kDollar, std::string(Trim(s.substr(i + 2, end - i - 2))), pos});
      i = end + 1;
    } else if (c == '{' && d == ExprDialect::kLimeSurvey) {
      ++i;  // ExpressionScript braces around a whole expression
    } else if (c == '}' && d == ExprDialect::kLimeSurvey) {
      ++i;
    } else if (NameStart(c)) {
      size_t j = i;
      while (j < s.size() && NameChar(static_cast<unsigned char>(s[j]), d)) ++j;
      out.push_back({TK::kName, s.substr(i, j - i), pos});
      i = j;
    } else if (c == '(') {
      out.push_back({TK::kLP, "(", pos}), ++i;
    } else if (c == ')') {
      out.push_back({TK::kRP, ")", pos}), ++i;
    } else if (c == ',') {
      out.push_back({TK::kComma, ",", pos}), ++i;
    } else if (c == '.') {
      out.push_back({TK::kDot, ".", pos}), ++i;
    } else {
      static const char* ops[] = {"===", "!==", "==", "!=", "<>", "<=", ">=", "&&", "||", "=", "<", ">", "+", "-", "*", "/", "!"};
      bool found = false;
      for (const char* op : ops)
        if (startsWith(op)) {
          out.push_back({TK::kOp, op, pos});
          i += std::strlen(op);
          found = true;
          break;
        }
      if (!found) {
        size_t len = 1;
        while (i + len < s.size() && (static_cast<unsigned char>(s[i + len]) & 0xC0) == 0x80) ++len;
        Fail(Message(N_("the character \"{0}\" at position {1} is not understood")).Arg(s.substr(i, len)).Arg(static_cast<long long>(pos + 1)));
      }
    }
  }
  out.push_back({TK::kEnd, "", s.size()});
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// One recursive-descent parser for the three dialects (their precedence levels agree).
class DialectParser {
 public:
  DialectParser(const std::string& s, ExprDialect d) : m_d(d), m_t(Lex(s, d)) {}

  NodeP Parse() {
    NodeP n = Or();
    if (Peek().kind != TK::kEnd) Fail(Message(N_("\"{0}\" at position {1} was not expected")).Arg(Peek().text).Arg(static_cast<long long>(Peek().pos + 1)));
    return n;
  }

 private:
  const Tk& Peek(size_t k = 0) const { return m_t[std::min(m_i + k, m_t.size() - 1)]; }
  Tk Take() { return m_t[std::min(m_i++, m_t.size() - 1)]; }
  bool Word(const char* w) const { return Peek().kind == TK::kName && Lower(Peek().text) == w; }
  bool Op(const char* o) const { return Peek().kind == TK::kOp && Peek().text == o; }

  struct Depth {
    explicit Depth(DialectParser& p) : p(p) {
      if (++p.m_depth > 200) Fail(Message(N_("the expression is nested too deeply")));
    }
    ~Depth() { --p.m_depth; }
    DialectParser& p;
  };

  NodeP Or() {
    Depth guard(*this);
    NodeP l = And();
    while (Word("or") || Op("||")) {
      Take();
      l = Mk(NK::kBin, "or", {l, And()});
    }
    return l;
  }
  NodeP And() {
    NodeP l = NotLevel();
    while (Word("and") || Op("&&")) {
      Take();
      l = Mk(NK::kBin, "and", {l, NotLevel()});
    }
    return l;
  }
  NodeP NotLevel() {
    Depth guard(*this);
    if (m_d == ExprDialect::kManyi && Word("not") && !(Peek(1).kind == TK::kName && Peek(1).text == "in")) {
      Take();
      return Mk(NK::kNot, {}, {NotLevel()});
    }
    if (m_d == ExprDialect::kLimeSurvey && (Op("!") || (Word("not") && Peek(1).kind != TK::kLP))) {
      Take();
      return Mk(NK::kNot, {}, {NotLevel()});
    }
    return Cmp();
  }
  std::optional<std::string> CmpOp() const {
    const Tk& t = Peek();
    if (t.kind == TK::kOp) {
      if (t.text == "=" || t.text == "==" || t.text == "===") return "=";
      if (t.text == "!=" || t.text == "<>" || t.text == "!==") return "!=";
      if (t.text == "<" || t.text == "<=" || t.text == ">" || t.text == ">=") return t.text;
    }
    if (m_d == ExprDialect::kLimeSurvey && t.kind == TK::kName) {
      static const std::map<std::string, std::string> words = {{"eq", "="}, {"ne", "!="}, {"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="}};
      auto it = words.find(Lower(t.text));
      if (it != words.end()) return it->second;
    }
    return std::nullopt;
  }
  NodeP Cmp() {
    NodeP l = Sum();
    if (auto op = CmpOp()) {
      Take();
      return Mk(NK::kBin, *op, {l, Sum()});
    }
    if (m_d == ExprDialect::kManyi && (Word("in") || (Word("not") && Peek(1).kind == TK::kName && Peek(1).text == "in"))) {
      const bool negated = Word("not");
      if (negated) Take();
      Take();
      if (Peek().kind != TK::kLP) Fail(Message(N_("\"(\" expected after \"in\"")));
      Take();
      NodeP n = Mk(NK::kIn, {}, {l});
      n->negated = negated;
      for (;;) {
        n->kids.push_back(Or());
        if (Peek().kind == TK::kComma) {
          Take();
          continue;
        }
        if (Peek().kind != TK::kRP) Fail(Message(N_("\")\" expected to close the list after \"in\"")));
        Take();
        break;
      }
      return n;
    }
    return l;
  }
  NodeP Sum() {
    NodeP l = Prod();
    while (Op("+") || Op("-")) {
      const std::string op = Take().text;  // before parsing the right operand
      l = Mk(NK::kBin, op, {l, Prod()});
    }
    return l;
  }
  NodeP Prod() {
    NodeP l = Unary();
    for (;;) {
      if (Op("*")) {
        Take();
        l = Mk(NK::kBin, "*", {l, Unary()});
      } else if (Op("/") && m_d != ExprDialect::kXlsForm) {
        Take();
        l = Mk(NK::kBin, "/", {l, Unary()});
      } else if (Word("div") && m_d != ExprDialect::kLimeSurvey) {
        Take();
        l = Mk(NK::kBin, "/", {l, Unary()});
      } else if (Word("mod") && m_d != ExprDialect::kLimeSurvey) {
        Take();
        l = Mk(NK::kBin, "mod", {l, Unary()});
      } else {
        return l;
      }
    }
  }
  NodeP Unary() {
    Depth guard(*this);
    if (Op("-")) {
      Take();
      return Mk(NK::kNeg, {}, {Unary()});
    }
    if (Op("+")) {
      Take();
      return Unary();
    }
    return Atom();
  }
  NodeP Atom() {
    Tk t = Take();
    switch (t.kind) {
      case TK::kNum: return Mk(NK::kNum, t.text);
      case TK::kStr: return Mk(NK::kStr, t.text);
      case TK::kDollar:
        if (t.text.empty()) Fail(Message(N_("\"${}\" names no question")));
        return Mk(NK::kRef, t.text);
      case TK::kDot: return Mk(NK::kCurrent);
      case TK::kLP: {
        NodeP n = Or();
        if (Peek().kind != TK::kRP) Fail(Message(N_("\")\" expected at position {0}")).Arg(static_cast<long long>(Peek().pos + 1)));
        Take();
        return n;
      }
      case TK::kName: {
        if (Peek().kind == TK::kLP) return Call(t);
        const std::string w = Lower(t.text);
        if (m_d != ExprDialect::kXlsForm && (w == "true" || w == "false")) return Mk(NK::kBool, w);
        if (m_d == ExprDialect::kXlsForm) Fail(Message(N_("\"{0}\" is an XPath path, not a ${name} reference")).Arg(t.text));
        return Mk(NK::kRef, t.text);
      }
      case TK::kEnd: Fail(Message(N_("the expression ends where a value was expected")));
      default: Fail(Message(N_("\"{0}\" at position {1} was not expected")).Arg(t.text).Arg(static_cast<long long>(t.pos + 1)));
    }
  }
  NodeP Call(const Tk& name) {
    Take();  // (
    NodeP n = Mk(NK::kCall, name.text);
    if (Peek().kind != TK::kRP) {
      for (;;) {
        n->kids.push_back(Or());
        if (Peek().kind == TK::kComma) {
          Take();
          continue;
        }
        break;
      }
    }
    if (Peek().kind != TK::kRP) Fail(Message(N_("\")\" expected to close the arguments of {0}")).Arg(name.text));
    Take();
    const std::string f = Lower(name.text);
    if (m_d == ExprDialect::kXlsForm && (f == "true" || f == "false") && n->kids.empty()) return Mk(NK::kBool, f);
    if ((m_d != ExprDialect::kManyi) && f == "not" && n->kids.size() == 1) return Mk(NK::kNot, {}, {n->kids[0]});
    return n;
  }

  ExprDialect m_d;
  std::vector<Tk> m_t;
  size_t m_i = 0;
  int m_depth = 0;
};

/// Rewrites a tree read in `from` into the meaning of `to`: names mapped, choice values
/// translated, functions renamed; throws ConvFail for what has no equivalent.
class Translator {
 public:
  Translator(ExprDialect from, ExprDialect to, const ExprMapping& m) : m_from(from), m_to(to), m_m(m) {}

  NodeP Go(const NodeP& n) {
    switch (n->kind) {
      case NK::kNum:
      case NK::kStr:
      case NK::kBool: return n;
      case NK::kCurrent:
        // ExpressionScript's "self" is the question being validated.
        if (m_to == ExprDialect::kLimeSurvey) return Mk(NK::kRef, "self");
        return n;
      case NK::kRef:
        if (m_from == ExprDialect::kLimeSurvey && m_to != ExprDialect::kLimeSurvey && !m_m.self.empty() && IsSelf(n->text)) return Mk(NK::kCurrent);
        return Mk(NK::kRef, Item(n->text));
      case NK::kNeg:
      case NK::kNot: return Mk(n->kind, n->text, {Go(n->kids[0])});
      case NK::kBin:
        if (m_to == ExprDialect::kLimeSurvey && n->text == "mod") Fail(Message(N_("ExpressionScript has no \"mod\" operator")));
        return Bin(n);
      case NK::kIn: {
        NodeP out = Mk(NK::kIn, {}, {Go(n->kids[0])});
        out->negated = n->negated;
        const std::string item = ItemOf(out->kids[0]);
        for (size_t i = 1; i < n->kids.size(); ++i) out->kids.push_back(Value(item, Go(n->kids[i])));
        return out;
      }
      case NK::kCall: return CallNode(n);
    }
    return n;
  }

 private:
  std::string Item(const std::string& name) {
    if (m_from == ExprDialect::kLimeSurvey) {
      std::string base = name;
      for (const char* suffix : {".NAOK", ".value", ".code"}) {
        const size_t len = std::strlen(suffix);
        if (base.size() > len && base.compare(base.size() - len, len, suffix) == 0) base.resize(base.size() - len);
      }
      if (base.find('.') != std::string::npos) Fail(Message(N_("the variable attribute in \"{0}\" has no equivalent")).Arg(name));
      return MapItem(base);
    }
    return MapItem(name);
  }
  static bool IsSelf(const std::string& name) { return name == "self" || name == "self.NAOK" || name == "self.value"; }
  std::string MapItem(const std::string& name) {
    if (!m_m.item) return name;
    auto r = m_m.item(name);
    if (!r) Fail(Message(N_("\"{0}\" is not a question of the imported questionnaire")).Arg(name));
    return *r;
  }
  /// The (mapped) item a node refers to, "" when it is not a plain reference.
  std::string ItemOf(const NodeP& n) const {
    if (n->kind == NK::kRef) return n->text;
    if (n->kind == NK::kCurrent) return m_m.self;
    return {};
  }
  /// A literal compared with `item`, translated into the target's choice values.
  NodeP Value(const std::string& item, NodeP v) {
    if (item.empty() || !m_m.code || (v->kind != NK::kStr && v->kind != NK::kNum)) return v;
    auto mapped = m_m.code(item, v->text);
    if (!mapped) return v;
    if (m_to == ExprDialect::kManyi) {
      if (ParseNumber(*mapped)) return Mk(NK::kNum, *mapped);
      return Mk(NK::kStr, *mapped);
    }
    return Mk(NK::kStr, *mapped);
  }
  std::optional<std::pair<std::string, std::string>> OptionRef(const NodeP& n) const {
    if (m_from != ExprDialect::kLimeSurvey || n->kind != NK::kRef || !m_m.option) return std::nullopt;
    std::string base = n->text;
    for (const char* suffix : {".NAOK", ".value", ".code"}) {
      const size_t len = std::strlen(suffix);
      if (base.size() > len && base.compare(base.size() - len, len, suffix) == 0) base.resize(base.size() - len);
    }
    return m_m.option(base);
  }
  NodeP Selected(const std::string& item, const std::string& code) {
    if (m_to == ExprDialect::kManyi) return Mk(NK::kCall, "selected", {Mk(NK::kRef, item), Mk(NK::kNum, code)});
    return Mk(NK::kCall, "selected", {Mk(NK::kRef, item), Mk(NK::kStr, code)});
  }
  NodeP Answered(const std::string& item, bool yes) {
    NodeP a = Mk(NK::kCall, "answered", {Mk(NK::kRef, item)});
    return yes ? a : Mk(NK::kNot, {}, {a});
  }
  /// The leaves of a chain of one operator: (a or b) or c → a, b, c.
  static void Chain(const NodeP& n, const std::string& op, std::vector<NodeP>& out) {
    if (n->kind == NK::kBin && n->text == op) {
      Chain(n->kids[0], op, out);
      Chain(n->kids[1], op, out);
    } else {
      out.push_back(n);
    }
  }

  /// XPath and ExpressionScript have no "in": x = a or x = b (x != a and x != b) becomes x in (a, b) (x not in (a, b)).
  NodeP AsIn(const NodeP& n) {
    if (m_to != ExprDialect::kManyi || n->kind != NK::kBin || (n->text != "or" && n->text != "and")) return nullptr;
    const std::string cmp = n->text == "or" ? "=" : "!=";
    std::vector<NodeP> leaves;
    Chain(n, n->text, leaves);
    std::string name;
    for (const NodeP& l : leaves) {
      if (l->kind != NK::kBin || l->text != cmp || l->kids[0]->kind != NK::kRef ||
          (l->kids[1]->kind != NK::kStr && l->kids[1]->kind != NK::kNum) || (l->kids[1]->kind == NK::kStr && l->kids[1]->text.empty()))
        return nullptr;
      if (!name.empty() && l->kids[0]->text != name) return nullptr;
      name = l->kids[0]->text;
    }
    NodeP ref = Go(leaves[0]->kids[0]);
    NodeP out = Mk(NK::kIn, {}, {ref});
    out->negated = cmp == "!=";
    for (const NodeP& l : leaves) out->kids.push_back(Value(ItemOf(ref), l->kids[1]));
    return out;
  }

  NodeP Bin(const NodeP& n) {
    const std::string& op = n->text;
    if (m_from == ExprDialect::kXlsForm || m_from == ExprDialect::kLimeSurvey)
      if (NodeP in = AsIn(n)) return in;
    if (op == "=" || op == "!=") {
      // A LimeSurvey sub-question compared with "Y" / "" is an option of a multiple choice.
      for (int side = 0; side < 2; ++side) {
        const NodeP& a = n->kids[side];
        const NodeP& b = n->kids[1 - side];
        if (auto opt = OptionRef(a); opt && b->kind == NK::kStr) {
          const bool isSet = (b->text == "Y") == (op == "=");
          if (b->text != "Y" && !b->text.empty()) Fail(Message(N_("the option {0} is compared with \"{1}\"")).Arg(a->text).Arg(b->text));
          NodeP s = Selected(opt->first, opt->second);
          return isSet ? s : Mk(NK::kNot, {}, {s});
        }
      }
      NodeP l = Go(n->kids[0]);
      NodeP r = Go(n->kids[1]);
      // ${q} = '' / is empty: answered().
      for (int side = 0; side < 2; ++side) {
        NodeP& a = side ? r : l;
        NodeP& b = side ? l : r;
        if (b->kind == NK::kStr && b->text.empty() && (a->kind == NK::kRef) && m_to == ExprDialect::kManyi)
          return Answered(a->text, op == "!=");
      }
      r = Value(ItemOf(l), r);
      l = Value(ItemOf(r), l);
      return Mk(NK::kBin, op, {l, r});
    }
    return Mk(NK::kBin, op, {Go(n->kids[0]), Go(n->kids[1])});
  }
  NodeP CallNode(const NodeP& n) {
    const std::string f = Lower(n->text);
    auto arity = [&](size_t k) {
      if (n->kids.size() != k) Fail(Message(N_("{0}() takes {1} argument(s)")).Arg(n->text).Arg(static_cast<long long>(k)));
    };
    if (m_from == ExprDialect::kXlsForm || m_from == ExprDialect::kManyi) {
      if (f == "selected") {
        arity(2);
        NodeP a = Go(n->kids[0]);
        const std::string item = ItemOf(a);
        if (item.empty()) Fail(Message(N_("selected() must name a question")));
        NodeP v = Value(item, Go(n->kids[1]));
        if (m_to == ExprDialect::kLimeSurvey) {
          // The code mapping gives the option's sub-question code: Q_SQ == "Y".
          if (!m_m.code || !m_m.code(item, n->kids[1]->text))
            Fail(Message(N_("option {0} of {1} is not in the questionnaire")).Arg(n->kids[1]->text).Arg(item));
          return Mk(NK::kBin, "=", {Mk(NK::kRef, item + "_" + v->text), Mk(NK::kStr, "Y")});
        }
        if (m_to == ExprDialect::kXlsForm && v->kind == NK::kNum) v = Mk(NK::kStr, v->text);
        return Mk(NK::kCall, "selected", {a, v});
      }
      if (f == "count-selected" || f == "count_selected") {
        arity(1);
        if (m_to == ExprDialect::kLimeSurvey) Fail(Message(N_("count_selected() is not converted to ExpressionScript")));
        return Mk(NK::kCall, m_to == ExprDialect::kXlsForm ? "count-selected" : "count_selected", {Go(n->kids[0])});
      }
      if (f == "if") {
        arity(3);
        return Mk(NK::kCall, "if", {Go(n->kids[0]), Go(n->kids[1]), Go(n->kids[2])});
      }
      if (m_from == ExprDialect::kManyi && f == "answered") {
        arity(1);
        NodeP a = Go(n->kids[0]);
        return Mk(NK::kBin, "!=", {a, Mk(NK::kStr, "")});
      }
      if (m_from == ExprDialect::kManyi && (f == "min" || f == "max") && m_to == ExprDialect::kXlsForm)
        Fail(Message(N_("{0}() of several values has no XLSForm equivalent")).Arg(f));
      if (m_from == ExprDialect::kManyi && (f == "min" || f == "max") && m_to == ExprDialect::kLimeSurvey) {
        NodeP out = Mk(NK::kCall, f);
        for (const NodeP& k : n->kids) out->kids.push_back(Go(k));
        return out;
      }
    }
    if (m_from == ExprDialect::kLimeSurvey) {
      if (f == "is_empty") {
        arity(1);
        if (n->kids[0]->kind != NK::kRef) Fail(Message(N_("is_empty() must name a question")));
        return Answered(Item(n->kids[0]->text), false);
      }
      if (f == "if") {
        arity(3);
        return Mk(NK::kCall, "if", {Go(n->kids[0]), Go(n->kids[1]), Go(n->kids[2])});
      }
      if (f == "min" || f == "max") {
        NodeP out = Mk(NK::kCall, f);
        for (const NodeP& k : n->kids) out->kids.push_back(Go(k));
        return out;
      }
    }
    Fail(Message(N_("the function {0}() has no equivalent")).Arg(n->text));
  }

  ExprDialect m_from, m_to;
  const ExprMapping& m_m;
};

int Precedence(const NodeP& n) {
  if (n->kind == NK::kBin) {
    const std::string& op = n->text;
    if (op == "or") return 1;
    if (op == "and") return 2;
    if (op == "+" || op == "-") return 5;
    if (op == "*" || op == "/" || op == "mod") return 6;
    return 4;  // comparisons
  }
  if (n->kind == NK::kNot) return 3;
  if (n->kind == NK::kIn) return 4;
  if (n->kind == NK::kNeg) return 7;
  return 8;
}

bool IsPlainName(const std::string& s) {
  if (s.empty() || !NameStart(static_cast<unsigned char>(s[0]))) return false;
  for (unsigned char c : s)
    if (!(std::isalnum(c) || c == '_' || c == '.' || c == '-' || c >= 0x80)) return false;
  static const std::set<std::string> kWords = {"and", "or", "not", "in", "div", "mod", "true", "false"};
  return !kWords.count(s);
}

std::string Quote(const std::string& s, char preferred) {
  const char q = s.find(preferred) == std::string::npos ? preferred : (preferred == '"' ? '\'' : '"');
  if (s.find(q) != std::string::npos) Fail(Message(N_("the text {0} holds both kinds of quotes")).Arg(s));
  return q + s + q;
}

std::string Print(const NodeP& n, ExprDialect d);

std::string Child(const NodeP& parent, const NodeP& kid, ExprDialect d, bool right) {
  const int pp = Precedence(parent), kp = Precedence(kid);
  std::string s = Print(kid, d);
  // Comparisons do not chain; the right operand of - / mod needs brackets at equal precedence.
  if (kp < pp || (kp == pp && (right || kp == 4) && parent->kind == NK::kBin && kid->kind == NK::kBin &&
                  !(parent->text == kid->text && (kid->text == "and" || kid->text == "or" || kid->text == "+" || kid->text == "*"))))
    return "(" + s + ")";
  return s;
}

/// ExpressionScript (LimeSurvey): names read with .NAOK (a value hidden by relevance counts as
/// unanswered instead of stopping the equation), == and !=, ! for not, "in" spelled out.
std::string PrintLimeSurvey(const NodeP& n) {
  auto child = [&](const NodeP& kid, bool right) {
    const int pp = Precedence(n), kp = Precedence(kid);
    std::string s = PrintLimeSurvey(kid);
    if (kp < pp || (kp == pp && (right || kp == 4) && kid->kind == NK::kBin &&
                    !(n->text == kid->text && (kid->text == "and" || kid->text == "or" || kid->text == "+" || kid->text == "*"))))
      return "(" + s + ")";
    return s;
  };
  switch (n->kind) {
    case NK::kNum: return n->text;
    case NK::kStr: return Quote(n->text, '"');
    case NK::kBool: return n->text == "true" ? "1" : "0";
    case NK::kCurrent: Fail(Message(N_("\".\" (the answer checked) is only meaningful in a validation")));
    case NK::kRef: return n->text + ".NAOK";
    case NK::kNeg: return "-" + child(n->kids[0], true);
    case NK::kNot: return "!(" + PrintLimeSurvey(n->kids[0]) + ")";
    case NK::kBin: {
      std::string op = n->text;
      if (op == "=") op = "==";
      return child(n->kids[0], false) + " " + op + " " + child(n->kids[1], true);
    }
    case NK::kIn: {
      std::string out;
      const std::string lhs = PrintLimeSurvey(n->kids[0]);
      for (size_t i = 1; i < n->kids.size(); ++i)
        out += (i > 1 ? (n->negated ? " and " : " or ") : "") + lhs + (n->negated ? " != " : " == ") + PrintLimeSurvey(n->kids[i]);
      return "(" + out + ")";
    }
    case NK::kCall: {
      std::string out = n->text + "(";
      for (size_t i = 0; i < n->kids.size(); ++i) out += (i ? ", " : "") + PrintLimeSurvey(n->kids[i]);
      return out + ")";
    }
  }
  return {};
}

std::string Print(const NodeP& n, ExprDialect d) {
  if (d == ExprDialect::kLimeSurvey) return PrintLimeSurvey(n);
  const bool x = d == ExprDialect::kXlsForm;
  switch (n->kind) {
    case NK::kNum: return n->text;
    case NK::kStr: return Quote(n->text, x ? '\'' : '"');
    case NK::kBool: return x ? n->text + "()" : n->text;
    case NK::kCurrent: return ".";
    case NK::kRef: return x ? "${" + n->text + "}" : (IsPlainName(n->text) ? n->text : "${" + n->text + "}");
    case NK::kNeg: return "-" + Child(n, n->kids[0], d, true);
    case NK::kNot: return x ? "not(" + Print(n->kids[0], d) + ")" : "not " + Child(n, n->kids[0], d, true);
    case NK::kBin: {
      std::string op = n->text;
      if (x && op == "/") op = "div";
      return Child(n, n->kids[0], d, false) + " " + op + " " + Child(n, n->kids[1], d, true);
    }
    case NK::kIn: {
      if (x) {
        std::string out;
        const std::string lhs = Print(n->kids[0], d);
        for (size_t i = 1; i < n->kids.size(); ++i)
          out += (i > 1 ? (n->negated ? " and " : " or ") : "") + lhs + (n->negated ? " != " : " = ") + Print(n->kids[i], d);
        return "(" + out + ")";
      }
      std::string out = Child(n, n->kids[0], d, false) + (n->negated ? " not in (" : " in (");
      for (size_t i = 1; i < n->kids.size(); ++i) out += (i > 1 ? ", " : "") + Print(n->kids[i], d);
      return out + ")";
    }
    case NK::kCall: {
      std::string out = n->text + "(";
      for (size_t i = 0; i < n->kids.size(); ++i) out += (i ? ", " : "") + Print(n->kids[i], d);
      return out + ")";
    }
  }
  return {};
}

}  // namespace

std::variant<std::string, Message> ConvertExpression(const std::string& text, ExprDialect from, ExprDialect to,
                                                     const ExprMapping& mapping) {
  try {
    NodeP tree = DialectParser(text, from).Parse();
    NodeP out = Translator(from, to, mapping).Go(tree);
    std::string result = Print(out, to);
    if (to == ExprDialect::kManyi) {
      auto parsed = Expression::Parse(result);
      if (auto* err = std::get_if<ExprError>(&parsed)) return err->message;
    }
    return result;
  } catch (const ConvFail& f) {
    return f.message;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the sheets

namespace {

/// A sheet read whole: its rows (header first) and where its columns start in the file.
struct Table {
  std::string name;
  std::vector<SheetRow> rows;
  size_t columnOffset = 0;  // CSV form: data columns start after the sheet-name column
};

struct Book {
  std::string origin;
  std::vector<Table> tables;
};

std::string ColumnLetters(size_t index) {
  std::string s;
  size_t n = index + 1;
  while (n) {
    s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return s;
}

std::string TrimS(std::string_view v) { return std::string(Trim(v)); }

/// Splits CSV text into records (RFC 4180 quoting, CRLF or LF, UTF-8 BOM skipped).
std::vector<std::vector<std::string>> SplitCsv(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> rec;
  std::string field;
  size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  bool quoted = false, any = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      rec.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rec.push_back(std::move(field));
      field.clear();
      out.push_back(std::move(rec));
      rec.clear();
      any = false;
    } else {
      field += c;
      any = true;
    }
  }
  if (any || !field.empty()) {
    rec.push_back(std::move(field));
    out.push_back(std::move(rec));
  }
  return out;
}

/// pyxform's CSV form: a row whose first cell is not empty starts a sheet of that name; the
/// following rows, from the second column on, are that sheet's rows.
Book ReadCsvForm(const std::string& text, const std::string& origin) {
  Book book;
  book.origin = origin;
  const auto records = SplitCsv(text);
  for (size_t r = 0; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.empty()) continue;
    const std::string first = TrimS(rec[0]);
    if (!first.empty()) {
      book.tables.push_back(Table{first, {}, 1});
      continue;
    }
    if (book.tables.empty()) continue;
    SheetRow row;
    row.number = static_cast<int64_t>(r) + 1;
    for (size_t c = 1; c < rec.size(); ++c) {
      Cell cell;
      cell.text = TrimS(rec[c]);
      if (!cell.text.empty()) cell.type = CellType::kText;
      row.cells.push_back(std::move(cell));
    }
    while (!row.cells.empty() && row.cells.back().Empty()) row.cells.pop_back();
    if (!row.cells.empty()) book.tables.back().rows.push_back(std::move(row));
  }
  return book;
}

Result<Book> ReadWorkbook(WorkbookReader& wb) {
  Book book;
  book.origin = wb.Origin();
  for (size_t i = 0; i < wb.SheetNames().size(); ++i) {
    Table t{wb.SheetNames()[i], {}, 0};
    const std::string lower = Lower(TrimS(t.name));
    // Only the sheets a form uses are read (a large data sheet beside a form costs nothing).
    if (lower != "survey" && lower != "choices" && lower != "settings") {
      book.tables.push_back(std::move(t));
      continue;
    }
    int64_t cells = 0;
    bool tooBig = false;
    auto r = wb.ReadRows(i, [&](const SheetRow& row) {
      cells += static_cast<int64_t>(row.cells.size());
      if (cells > 5'000'000) {
        tooBig = true;
        return false;
      }
      t.rows.push_back(row);
      return true;
    });
    if (!r) return Error{r.GetError()};
    if (tooBig)
      return Error{Message(N_("{0}: sheet \"{1}\" has more than 5 million filled cells, far more than a form has. Check that "
                              "this is an XLSForm.")).Arg(book.origin).Arg(t.name)};
    for (SheetRow& row : t.rows)
      for (Cell& c : row.cells) c.text = TrimS(c.text);
    book.tables.push_back(std::move(t));
  }
  return book;
}

// ---------------------------------------------------------------------------------------------
// Columns and languages

const std::set<std::string>& TranslatableColumns() {
  static const std::set<std::string> s = {"label", "hint", "constraint_message", "required_message", "guidance_hint",
                                          "image", "audio", "video", "big-image", "media", "manyi_title"};
  return s;
}

std::string AliasColumn(const std::string& base) {
  static const std::map<std::string, std::string> aliases = {
      {"list name", "list_name"}, {"bind:constraint", "constraint"}, {"bind:relevant", "relevant"},
      {"bind:required", "required"}, {"bind:jr:constraintmsg", "constraint_message"},
      {"bind:jr:requiredmsg", "required_message"}, {"constraint message", "constraint_message"},
      {"required message", "required_message"}, {"requiredmsg", "required_message"}, {"caption", "label"},
      {"control:appearance", "appearance"}, {"bind:calculate", "calculation"}, {"choice filter", "choice_filter"},
      {"bind:readonly", "read_only"}, {"readonly", "read_only"}, {"form title", "form_title"}, {"form id", "form_id"},
      {"default language", "default_language"}};
  auto it = aliases.find(base);
  return it != aliases.end() ? it->second : base;
}

/// A language code from an XLSForm language name: "English (en)" → "en", "chinese" → "zh".
std::string XlsFormLanguageCode(const std::string& name) {
  std::string t = TrimS(name);
  if (t.size() > 2 && t.back() == ')') {
    const size_t open = t.rfind('(');
    if (open != std::string::npos) {
      std::string code = Lower(TrimS(t.substr(open + 1, t.size() - open - 2)));
      if (!code.empty()) return code.rfind("zh", 0) == 0 ? "zh" : code;
    }
  }
  static const std::map<std::string, std::string> names = {
      {"english", "en"}, {"chinese", "zh"}, {"中文", "zh"}, {"汉语", "zh"}, {"简体中文", "zh"}, {"swahili", "sw"},
      {"french", "fr"}, {"français", "fr"}, {"spanish", "es"}, {"español", "es"}, {"portuguese", "pt"},
      {"german", "de"}, {"deutsch", "de"}, {"arabic", "ar"}, {"hindi", "hi"}, {"russian", "ru"}, {"japanese", "ja"},
      {"korean", "ko"}, {"italian", "it"}, {"dutch", "nl"}, {"estonian", "et"}, {"amharic", "am"}, {"bengali", "bn"},
      {"nepali", "ne"}, {"turkish", "tr"}, {"vietnamese", "vi"}, {"indonesian", "id"}, {"thai", "th"}};
  const std::string lower = Lower(t);
  auto it = names.find(lower);
  if (it != names.end()) return it->second;
  if (lower == "zh-cn" || lower == "zh_cn" || lower == "zh-hans") return "zh";
  return lower;
}

struct Column {
  size_t index = 0;   // into SheetRow::cells
  std::string base;   // normalised name: "label", "type", "list_name"
  std::string lang;   // language code for translated columns; "" = the default language
  std::string header; // as written
};

/// A sheet with its header parsed.
struct Sheet {
  const Table* table = nullptr;
  std::vector<Column> columns;
  int64_t headerRow = 0;

  const Column* Find(const std::string& base) const {
    for (const Column& c : columns)
      if (c.base == base && c.lang.empty()) return &c;
    for (const Column& c : columns)
      if (c.base == base) return &c;
    return nullptr;
  }
  std::string Get(const SheetRow& row, const std::string& base) const {
    const Column* c = Find(base);
    return c ? row.Text(c->index) : std::string();
  }
  /// All languages of a translated column; texts of the unnamed column go to defaultLang.
  LocalText Texts(const SheetRow& row, const std::string& base, const std::string& defaultLang) const {
    LocalText t;
    for (const Column& c : columns)
      if (c.base == base && !c.lang.empty() && !row.Text(c.index).empty()) t.byLang[c.lang] = row.Text(c.index);
    for (const Column& c : columns)
      if (c.base == base && c.lang.empty() && !row.Text(c.index).empty() && !t.Has(defaultLang)) t.byLang[defaultLang] = row.Text(c.index);
    return t;
  }
  std::string Letter(const std::string& base) const {
    const Column* c = Find(base);
    return c ? ColumnLetters(c->index + table->columnOffset) : std::string("?");
  }
};

class XlsFormImporter {
 public:
  explicit XlsFormImporter(Book book) : m_book(std::move(book)) {}

  Result<ImportedForm> Run() {
    const Table* survey = FindTable("survey");
    if (!survey)
      return Error{Message(N_("{0} is not an XLSForm: it has no sheet named \"survey\". An XLSForm needs a survey sheet "
                              "(type, name, label columns) and usually a choices sheet.")).Arg(m_book.origin)};
    for (const Table& t : m_book.tables) {
      const std::string l = Lower(TrimS(t.name));
      if (l != "survey" && l != "choices" && l != "settings")
        Note(Message(N_("{0}: sheet \"{1}\" is not used (only survey, choices and settings are imported).")).Arg(m_book.origin).Arg(t.name));
    }
    Sheet surveySheet, choicesSheet, settingsSheet;
    if (auto e = ParseHeader(*survey, surveySheet)) return *e;
    if (!surveySheet.Find("type") || !surveySheet.Find("name"))
      return Error{Message(N_("{0}: the survey sheet has no \"{1}\" column. Its first row must hold the column headers type, "
                              "name and label.")).Arg(m_book.origin).Arg(surveySheet.Find("type") ? "name" : "type")};
    if (const Table* t = FindTable("settings")) {
      if (auto e = ParseHeader(*t, settingsSheet)) return *e;
      ReadSettings(settingsSheet);
    }
    if (const Table* t = FindTable("choices")) {
      if (auto e = ParseHeader(*t, choicesSheet)) return *e;
      ReadChoices(choicesSheet);
    }
    ReadSurvey(surveySheet);
    ConvertExpressions();
    FinishLanguages();
    if (m_q.sections.empty() || std::all_of(m_q.sections.begin(), m_q.sections.end(), [](const Section& s) { return s.items.empty(); }))
      return Error{Message(N_("{0}: the survey sheet holds no question Manyi can import (see the list above of what was "
                              "skipped).")).Arg(m_book.origin)};
    // Sections left empty (a group of only unsupported questions) are dropped.
    m_q.sections.erase(std::remove_if(m_q.sections.begin(), m_q.sections.end(), [](const Section& s) { return s.items.empty(); }),
                       m_q.sections.end());
    return ImportedForm{std::move(m_q), std::move(m_report)};
  }

  std::vector<Message> TakeReport() { return std::move(m_report); }

 private:
  const Table* FindTable(const std::string& lower) const {
    for (const Table& t : m_book.tables)
      if (Lower(TrimS(t.name)) == lower) return &t;
    return nullptr;
  }

  void Note(Message m) { m_report.push_back(std::move(m)); }
  Message At(const Sheet& sheet, int64_t row, const std::string& column, Message what) const {
    if (column.empty())
      return std::move(Message(N_("{0}, sheet \"{1}\", row {2}: {3}")).Arg(m_book.origin).Arg(sheet.table->name).Arg(static_cast<long long>(row)).Arg(what));
    return std::move(Message(N_("{0}, sheet \"{1}\", row {2}, column {3}: {4}"))
                         .Arg(m_book.origin).Arg(sheet.table->name).Arg(static_cast<long long>(row)).Arg(column).Arg(what));
  }

  std::optional<Error> ParseHeader(const Table& t, Sheet& sheet) {
    sheet.table = &t;
    if (t.rows.empty()) return std::nullopt;
    const SheetRow& header = t.rows.front();
    sheet.headerRow = header.number;
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < header.cells.size(); ++i) {
      const std::string raw = TrimS(header.cells[i].text);
      if (raw.empty()) continue;
      const std::string lower = Lower(raw);
      if (auto it = seen.find(lower); it != seen.end())
        return Error{Message(N_("{0}: sheet \"{1}\" has the column header \"{2}\" twice (columns {3} and {4}). Each column "
                                "header may appear once; rename or delete one of them."))
                         .Arg(m_book.origin).Arg(t.name).Arg(raw).Arg(ColumnLetters(it->second + t.columnOffset)).Arg(ColumnLetters(i + t.columnOffset))};
      seen[lower] = i;
      Column c;
      c.index = i;
      c.header = raw;
      std::string base = lower, lang;
      if (const size_t dc = lower.find("::"); dc != std::string::npos) {
        base = lower.substr(0, dc);
        lang = raw.substr(dc + 2);
      } else if (const size_t sc = lower.find(':'); sc != std::string::npos && TranslatableColumns().count(lower.substr(0, sc))) {
        base = lower.substr(0, sc);
        lang = raw.substr(sc + 1);
      }
      base = AliasColumn(TrimS(base));
      if (base == "media") {
        c.base = "media";
      } else {
        c.base = base;
        if (!lang.empty()) c.lang = Lower(TrimS(lang)) == "default" ? m_defaultLang : XlsFormLanguageCode(lang);
      }
      if (c.base.find(' ') != std::string::npos) {
        Note(At(sheet, header.number, ColumnLetters(i + t.columnOffset),
                Message(N_("the column header \"{0}\" is not an XLSForm column (it contains spaces); the column is ignored.")).Arg(raw)));
        continue;
      }
      sheet.columns.push_back(std::move(c));
    }
    // Cells under no header are data nobody will read: say so once per column.
    std::set<size_t> warned;
    for (size_t r = 1; r < t.rows.size(); ++r)
      for (size_t i = 0; i < t.rows[r].cells.size(); ++i)
        if (!t.rows[r].cells[i].Empty() && (i >= header.cells.size() || TrimS(header.cells[i].text).empty()) && warned.insert(i).second)
          Note(At(sheet, t.rows[r].number, ColumnLetters(i + t.columnOffset),
                  Message(N_("the value \"{0}\" is in a column without a header; the column is ignored.")).Arg(t.rows[r].cells[i].text)));
    return std::nullopt;
  }

  void ReadSettings(const Sheet& s) {
    if (s.table->rows.size() < 2) return;
    const SheetRow& row = s.table->rows[1];
    if (std::string dl = s.Get(row, "default_language"); !dl.empty()) m_defaultLang = XlsFormLanguageCode(dl);
    m_formTitle = s.Get(row, "form_title");
    m_q.id = s.Get(row, "form_id");
    if (auto v = ParseNumber(s.Get(row, "version")); v && *v >= 1 && *v < 2e9 && *v == std::floor(*v)) m_q.version = static_cast<int>(*v);
    m_titles = s.Texts(row, "manyi_title", m_defaultLang);
  }

  struct Choice {
    std::string name;
    LocalText label;
    int64_t row = 0;
    std::optional<double> code;
    std::string missing;
  };

  void ReadChoices(const Sheet& s) {
    if (s.table->rows.size() < 2) Note(Message(N_("{0}: the choices sheet holds no choices.")).Arg(m_book.origin));
    if (!s.Find("list_name") || !s.Find("name")) {
      if (s.table->rows.size() > 1)
        Note(Message(N_("{0}: the choices sheet has no \"list_name\" or \"name\" column; no answer options could be read.")).Arg(m_book.origin));
      return;
    }
    for (size_t r = 1; r < s.table->rows.size(); ++r) {
      const SheetRow& row = s.table->rows[r];
      const std::string list = s.Get(row, "list_name");
      Choice c;
      c.name = s.Get(row, "name");
      if (list.empty() && c.name.empty()) continue;
      if (list.empty() || c.name.empty()) {
        Note(At(s, row.number, "", Message(N_("the choice has no list name or no name; it is skipped."))));
        continue;
      }
      c.label = s.Texts(row, "label", m_defaultLang);
      c.row = row.number;
      c.code = ParseNumber(s.Get(row, "manyi_code"));
      c.missing = s.Get(row, "manyi_missing");
      m_lists[list].push_back(std::move(c));
    }
  }

  /// The codes of a list: numeric names are the codes; other names get 1..n and are kept as keys.
  std::optional<std::vector<Code>> Codes(const std::string& list, const Sheet& survey, int64_t row) {
    auto it = m_lists.find(list);
    if (it == m_lists.end()) {
      Note(At(survey, row, survey.Letter("type"), Message(N_("the choice list \"{0}\" is not in the choices sheet; the question is skipped.")).Arg(list)));
      return std::nullopt;
    }
    bool numeric = true;
    std::set<double> values;
    for (const Choice& c : it->second) {
      auto v = ParseNumber(c.name);
      if (c.code || !v || !values.insert(*v).second) numeric = false;
    }
    std::vector<Code> codes;
    std::set<std::string> names;
    double next = 1;
    for (const Choice& c : it->second) {
      Code code;
      if (numeric) {
        code.value = *ParseNumber(c.name);
      } else {
        code.value = c.code ? *c.code : next;
        next = code.value + 1;
        code.key = c.name;
      }
      code.label = c.label;
      if (code.label.Empty()) code.label.byLang[m_defaultLang] = c.name;
      if (!names.insert(c.name).second && m_warnedDuplicates.insert(list).second)
        Note(Message(N_("{0}: the choice list \"{1}\" has the name \"{2}\" more than once (choices sheet, row {3}); the options are "
                        "numbered in order and keep their name as key.")).Arg(m_book.origin).Arg(list).Arg(c.name).Arg(static_cast<long long>(c.row)));
      codes.push_back(std::move(code));
    }
    return codes;
  }

  struct Pending {
    size_t section = 0, item = 0;
    std::vector<std::pair<std::string, int64_t>> relevant;  // own and enclosing groups' conditions, with rows
    std::string constraint;
    int64_t row = 0;
  };

  struct Frame {
    std::string name;
    bool isSection = false, isGrid = false;
    std::string relevant;
    int64_t row = 0;
  };

  Section& CurrentSection() {
    if (m_openImplicit < 0) {
      Section s;
      ++m_implicitCount;
      s.id = m_implicitCount == 1 ? "main" : "main" + std::to_string(m_implicitCount);
      s.title = m_formTitleText;
      m_q.sections.push_back(std::move(s));
      m_openImplicit = static_cast<int>(m_q.sections.size()) - 1;
    }
    return m_q.sections[static_cast<size_t>(m_openImplicit)];
  }

  std::string SafeId(const std::string& name, const Sheet& s, int64_t row) {
    std::string id = name;
    if (!id.empty() && !(std::isalpha(static_cast<unsigned char>(id[0])) || id[0] == '_' || static_cast<unsigned char>(id[0]) >= 0x80)) {
      id = "_" + id;
      Note(At(s, row, s.Letter("name"), Message(N_("the name \"{0}\" does not start with a letter; the item is called \"{1}\".")).Arg(name).Arg(id)));
    }
    if (m_ids.count(id)) {
      std::string base = id;
      for (int k = 2; m_ids.count(id); ++k) id = base + "_" + std::to_string(k);
      Note(At(s, row, s.Letter("name"), Message(N_("the name \"{0}\" is used twice; this item is called \"{1}\".")).Arg(name).Arg(id)));
    }
    m_ids.insert(id);
    m_renamed[name] = id;
    return id;
  }

  static bool Yes(const std::string& v) {
    const std::string l = Lower(v);
    return l == "yes" || l == "true" || l == "true()" || l == "1" || l == "y";
  }

  void ReadSurvey(const Sheet& s) {
    m_formTitleText = m_titles;
    if (!m_formTitle.empty() && !m_formTitleText.Has(m_defaultLang)) m_formTitleText.byLang[m_defaultLang] = m_formTitle;
    m_q.title = m_formTitleText;
    m_q.languages.clear();
    std::vector<Frame> stack;
    Item* grid = nullptr;
    size_t gridSection = 0, gridItem = 0;
    std::set<std::string> reportedColumns;
    int64_t previous = s.headerRow;
    for (size_t r = 1; r < s.table->rows.size(); ++r) {
      const SheetRow& row = s.table->rows[r];
      if (row.number > previous + 1)
        Note(At(s, previous + 1, "", row.number == previous + 2 ? Message(N_("the row is blank; it is skipped."))
                                                              : std::move(Message(N_("rows {0} to {1} are blank; they are skipped."))
                                                                              .Arg(static_cast<long long>(previous + 1))
                                                                              .Arg(static_cast<long long>(row.number - 1)))));
      previous = row.number;
      std::string typeRaw = s.Get(row, "type");
      std::string type;
      for (char c : Lower(typeRaw)) {
        if (std::isspace(static_cast<unsigned char>(c))) {
          if (!type.empty() && type.back() != ' ') type += ' ';
        } else {
          type += c;
        }
      }
      type = TrimS(type);
      const std::string name = s.Get(row, "name");
      const std::string manyiType = s.Get(row, "manyi_type");
      if (type.empty()) {
        Note(At(s, row.number, s.Letter("type"), Message(N_("the row has no type; it is skipped."))));
        continue;
      }
      std::vector<std::string> words;
      {
        std::istringstream in(type);
        for (std::string w; in >> w;) words.push_back(w);
      }
      const std::string head = words[0];
      const std::string key2 = words.size() > 1 ? head + " " + words[1] : head;
      // Groups and repeats.
      if (key2 == "begin group" || head == "begin_group" || key2 == "begin repeat" || head == "begin_repeat") {
        const bool repeat = key2 == "begin repeat" || head == "begin_repeat";
        Frame f;
        f.name = name;
        f.row = row.number;
        f.relevant = s.Get(row, "relevant");
        if (repeat)
          Note(At(s, row.number, s.Letter("type"), Message(N_("repeat \"{0}\" is not supported: its questions are imported once, "
                                                               "as if it were a group.")).Arg(name)));
        if (manyiType == "grid" && !repeat) {
          f.isGrid = true;
          Item item;
          item.id = SafeId(name, s, row.number);
          item.type = ItemType::kGrid;
          item.text = s.Texts(row, "label", m_defaultLang);
          item.help = s.Texts(row, "hint", m_defaultLang);
          item.role = ParseItemRole(s.Get(row, "manyi_role")).value_or(ItemRole::kNone);
          item.required = Yes(s.Get(row, "required"));
          Section& sec = CurrentSectionFor(stack);
          sec.items.push_back(std::move(item));
          gridSection = SectionIndexFor(stack);
          gridItem = sec.items.size() - 1;
          grid = &sec.items.back();
          Pending p{gridSection, gridItem, GroupConditions(stack), "", row.number};
          if (!f.relevant.empty()) p.relevant.emplace_back(f.relevant, row.number);
          m_pending.push_back(std::move(p));
        } else if (stack.empty() || std::none_of(stack.begin(), stack.end(), [](const Frame& x) { return x.isSection; })) {
          f.isSection = true;
          Section sec;
          sec.id = name.empty() ? "group" + std::to_string(row.number) : name;
          for (int k = 2; std::any_of(m_q.sections.begin(), m_q.sections.end(), [&](const Section& x) { return x.id == sec.id; }); ++k)
            sec.id = (name.empty() ? "group" : name) + "_" + std::to_string(k);
          sec.title = s.Texts(row, "label", m_defaultLang);
          m_q.sections.push_back(std::move(sec));
          m_openImplicit = -1;
          m_sectionRelevant.push_back({m_q.sections.size() - 1, f.relevant, row.number});
        } else {
          Note(At(s, row.number, s.Letter("type"), Message(N_("group \"{0}\" inside another group is flattened into its section; "
                                                               "its condition is added to each of its questions.")).Arg(name)));
        }
        stack.push_back(std::move(f));
        continue;
      }
      if (key2 == "end group" || head == "end_group" || key2 == "end repeat" || head == "end_repeat") {
        if (stack.empty()) {
          Note(At(s, row.number, s.Letter("type"), Message(N_("\"{0}\" closes no open group; the row is ignored.")).Arg(typeRaw)));
          continue;
        }
        if (stack.back().isGrid) grid = nullptr;
        if (stack.back().isSection) m_openImplicit = -1;
        stack.pop_back();
        continue;
      }
      // Rows of an exported grid: each row is an attribute (or its importance rating).
      if (grid) {
        AddGridRow(*grid, s, row, words, manyiType);
        continue;
      }
      if (name.empty() && head != "note") {
        Note(At(s, row.number, s.Letter("name"), Message(N_("the question of type \"{0}\" has no name; it is skipped.")).Arg(typeRaw)));
        continue;
      }
      Item item;
      std::optional<ItemType> t = ItemTypeFor(words, s, row, item, typeRaw);
      if (!t) continue;
      item.type = *t;
      item.id = SafeId(name.empty() ? "note" + std::to_string(row.number) : name, s, row.number);
      item.text = s.Texts(row, "label", m_defaultLang);
      if (item.text.Empty()) {
        item.text.byLang[m_defaultLang] = name.empty() ? item.id : name;
        Note(At(s, row.number, s.Letter("label"), Message(N_("question \"{0}\" has no label; its name is used as its text.")).Arg(item.id)));
      }
      item.help = s.Texts(row, "hint", m_defaultLang);
      item.required = Yes(s.Get(row, "required"));
      item.constraintMessage = s.Texts(row, "constraint_message", m_defaultLang);
      ApplyManyiColumns(item, s, row, manyiType);
      for (const char* col : {"choice_filter", "default", "calculation", "read_only", "repeat_count", "trigger"}) {
        const std::string v = s.Get(row, col);
        if (!v.empty() && !(std::string(col) == "read_only" && !Yes(v)))
          Note(At(s, row.number, s.Letter(col), Message(N_("{0} \"{1}\" of question \"{2}\" is not supported and was not imported.")).Arg(col).Arg(v).Arg(item.id)));
      }
      for (const Column& c : s.columns)
        if ((c.base == "image" || c.base == "audio" || c.base == "video" || c.base == "big-image" || c.base == "media") &&
            !row.Text(c.index).empty() && reportedColumns.insert(c.header).second)
          Note(At(s, row.number, ColumnLetters(c.index + s.table->columnOffset),
                  Message(N_("media column \"{0}\" (pictures, sound, video) is not imported.")).Arg(c.header)));
      Section& sec = CurrentSectionFor(stack);
      sec.items.push_back(std::move(item));
      Pending p{SectionIndexFor(stack), sec.items.size() - 1, GroupConditions(stack), s.Get(row, "constraint"), row.number};
      if (std::string rel = s.Get(row, "relevant"); !rel.empty()) p.relevant.emplace_back(rel, row.number);
      m_pending.push_back(std::move(p));
    }
    if (!stack.empty())
      Note(At(s, stack.back().row, s.Letter("type"), Message(N_("group \"{0}\" is never closed with \"end group\".")).Arg(stack.back().name)));
    m_survey = s;
  }

  Section& CurrentSectionFor(const std::vector<Frame>& stack) {
    if (std::any_of(stack.begin(), stack.end(), [](const Frame& f) { return f.isSection; })) return m_q.sections.back();
    return CurrentSection();
  }
  size_t SectionIndexFor(const std::vector<Frame>& stack) {
    CurrentSectionFor(stack);
    if (std::any_of(stack.begin(), stack.end(), [](const Frame& f) { return f.isSection; })) return m_q.sections.size() - 1;
    return static_cast<size_t>(m_openImplicit);
  }
  /// Conditions of the enclosing groups below the section level (flattened groups).
  std::vector<std::pair<std::string, int64_t>> GroupConditions(const std::vector<Frame>& stack) const {
    std::vector<std::pair<std::string, int64_t>> out;
    for (const Frame& f : stack)
      if (!f.isSection && !f.isGrid && !f.relevant.empty()) out.emplace_back(f.relevant, f.row);
    return out;
  }

  void AddGridRow(Item& grid, const Sheet& s, const SheetRow& row, const std::vector<std::string>& words, const std::string& manyiType) {
    const std::string list = words.size() > 1 ? words.back() : "";
    if (manyiType == "importance") {
      if (!grid.rows.empty()) grid.rows.back().importanceId = s.Get(row, "name");
      if (!grid.importanceScale) grid.importanceScale = ScaleFromList(list, s.Get(row, "manyi_scale"));
      return;
    }
    GridRow gr;
    gr.id = SafeId(s.Get(row, "name"), s, row.number);
    gr.text = s.Texts(row, "label", m_defaultLang);
    gr.role = ParseItemRole(s.Get(row, "manyi_role")).value_or(ItemRole::kAttributeSatisfaction);
    gr.reversed = Yes(s.Get(row, "manyi_reversed"));
    if (!grid.scale) grid.scale = ScaleFromList(list, s.Get(row, "manyi_scale"));
    grid.rows.push_back(std::move(gr));
  }

  /// A rating scale from an exported choice list: points min..max (labelled where the label is
  /// not just the number) and missing codes (manyi_missing).
  Scale ScaleFromList(const std::string& list, const std::string& range) {
    Scale sc;
    const size_t dots = range.find("..");
    if (dots != std::string::npos) {
      sc.min = ParseNumber(range.substr(0, dots)).value_or(1);
      sc.max = ParseNumber(range.substr(dots + 2)).value_or(5);
    }
    auto it = m_lists.find(list);
    if (it == m_lists.end()) return sc;
    for (const Choice& c : it->second) {
      auto v = ParseNumber(c.name);
      if (!v) continue;
      if (!c.missing.empty()) {
        MissingCode m;
        m.value = *v;
        m.kind = ParseMissingKind(c.missing).value_or(MissingKind::kDontKnow);
        m.label = c.label;
        sc.missing.push_back(std::move(m));
        continue;
      }
      const bool justNumber = std::all_of(c.label.byLang.begin(), c.label.byLang.end(), [&](const auto& kv) { return kv.second == c.name; });
      // Point labels are keyed by whole points; a fractional or enormous code labels no point.
      if (!justNumber && !c.label.Empty() && std::abs(*v) < 1e9 && *v == std::floor(*v)) sc.pointLabels[static_cast<int>(*v)] = c.label;
    }
    return sc;
  }

  void ApplyManyiColumns(Item& item, const Sheet& s, const SheetRow& row, const std::string& manyiType) {
    if (auto role = ParseItemRole(s.Get(row, "manyi_role"))) item.role = *role;
    item.attribute = s.Get(row, "manyi_attribute");
    item.reversed = Yes(s.Get(row, "manyi_reversed"));
    if (auto v = ParseNumber(s.Get(row, "manyi_min"))) item.min = *v;
    if (auto v = ParseNumber(s.Get(row, "manyi_max"))) item.max = *v;
    if (auto v = ParseNumber(s.Get(row, "manyi_decimals")); v && *v >= 0 && *v <= 15) item.decimals = static_cast<int>(*v);
    if (auto t = ParseItemType(manyiType); t && (*t == ItemType::kRating || *t == ItemType::kNps) && item.type == ItemType::kSingle) {
      item.type = *t;
      const std::string list = m_itemLists[item.id];
      const std::string range = s.Get(row, "manyi_scale");
      if (!range.empty()) item.scale = ScaleFromList(list, range);
      item.codes.clear();
    } else if (t && *t == ItemType::kLongText && item.type == ItemType::kShortText) {
      item.type = *t;
    }
  }

  std::optional<ItemType> ItemTypeFor(const std::vector<std::string>& words, const Sheet& s, const SheetRow& row, Item& item,
                                      const std::string& typeRaw) {
    const std::string& head = words[0];
    auto skip = [&](Message why) -> std::optional<ItemType> {
      Note(At(s, row.number, s.Letter("type"), std::move(why)));
      return std::nullopt;
    };
    // select_one L / select one from L / select_multiple L / select all that apply from L / rank L
    std::string list;
    std::optional<ItemType> sel;
    bool orOther = false;
    std::vector<std::string> w = words;
    if (!w.empty() && w.back() == "or_other") {
      orOther = true;
      w.pop_back();
    }
    if ((head == "select_one" || head == "select1") && w.size() == 2) sel = ItemType::kSingle, list = w[1];
    else if (head == "select_multiple" && w.size() == 2) sel = ItemType::kMultiple, list = w[1];
    else if (head == "rank" && w.size() == 2) sel = ItemType::kRanking, list = w[1];
    else if (w.size() == 4 && head == "select" && w[1] == "one" && w[2] == "from") sel = ItemType::kSingle, list = w[3];
    else if (w.size() == 6 && head == "select" && w[1] == "all" && w[2] == "that" && w[3] == "apply" && w[4] == "from") sel = ItemType::kMultiple, list = w[5];
    else if (w.size() == 5 && head == "select" && w[1] == "multiple" && w[2] == "from") sel = ItemType::kMultiple, list = w[3];
    if (sel) {
      // The choice list may have been written with other capitals in the type cell.
      if (!m_lists.count(list))
        for (const auto& [k, v] : m_lists)
          if (Lower(k) == list) list = k;
      // words[] are lower-cased; find the list as written.
      std::string original = typeRaw;
      for (const auto& [k, v] : m_lists)
        if (Lower(k) == Lower(list)) list = k;
      auto codes = Codes(list, s, row.number);
      if (!codes) return std::nullopt;
      item.codes = std::move(*codes);
      item.allowOther = orOther;
      m_itemLists[s.Get(row, "name")] = list;
      m_itemLists[SafeIdPreview(s.Get(row, "name"))] = list;
      if (orOther && sel == ItemType::kRanking) item.allowOther = false;
      return sel;
    }
    static const std::map<std::string, ItemType> simple = {
        {"integer", ItemType::kNumeric}, {"int", ItemType::kNumeric}, {"decimal", ItemType::kNumeric}, {"text", ItemType::kShortText},
        {"string", ItemType::kShortText}, {"date", ItemType::kDate}, {"note", ItemType::kNote}, {"range", ItemType::kNumeric}};
    if (auto it = simple.find(head); it != simple.end() && words.size() == 1) {
      if (head == "decimal") item.decimals = 2;
      if ((head == "text" || head == "string") && Lower(s.Get(row, "appearance")).find("multiline") != std::string::npos) return ItemType::kLongText;
      if (head == "range") return RangeType(s, row, item);
      return it->second;
    }
    static const std::set<std::string> metadata = {"start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber",
                                                   "username", "email", "audit", "uri:deviceid", "uri:email", "uri:username",
                                                   "uri:phonenumber", "uri:simserial", "uri:subscriberid", "start-geopoint",
                                                   "background-geopoint", "background-audio", "instanceid"};
    if (metadata.count(head))
      return skip(Message(N_("metadata field \"{0}\" ({1}) is recorded by the phone, not asked; it is not imported.")).Arg(s.Get(row, "name")).Arg(typeRaw));
    if (head == "calculate" || head == "hidden")
      return skip(Message(N_("calculation \"{0}\" is not supported and was not imported.")).Arg(s.Get(row, "name")));
    if (head.rfind("select_one_from_file", 0) == 0 || head.rfind("select_multiple_from_file", 0) == 0 || head == "select_one_external" ||
        head == "select_multiple_external")
      return skip(Message(N_("question \"{0}\" ({1}) takes its options from an external file; it is not imported.")).Arg(s.Get(row, "name")).Arg(typeRaw));
    return skip(Message(N_("question \"{0}\" of type \"{1}\" has no Manyi equivalent and was not imported.")).Arg(s.Get(row, "name")).Arg(typeRaw));
  }

  std::string SafeIdPreview(const std::string& name) const {
    if (!name.empty() && !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_' || static_cast<unsigned char>(name[0]) >= 0x80))
      return "_" + name;
    return name;
  }

  ItemType RangeType(const Sheet& s, const SheetRow& row, Item& item) {
    double start = 1, end = 10, step = 1;
    std::istringstream in(s.Get(row, "parameters"));
    for (std::string kv; in >> kv;) {
      const size_t eq = kv.find('=');
      if (eq == std::string::npos) continue;
      const std::string k = Lower(kv.substr(0, eq));
      auto v = ParseNumber(kv.substr(eq + 1));
      if (!v) continue;
      if (k == "start") start = *v;
      if (k == "end") end = *v;
      if (k == "step") step = *v;
    }
    if (step == 1 && start == std::floor(start) && end == std::floor(end) && end > start && end - start <= 20 &&
        std::abs(start) < 1e9 && std::abs(end) < 1e9) {
      Scale sc;
      sc.min = start;
      sc.max = end;
      sc.pointLabels[static_cast<int>(start)].byLang[m_defaultLang] = FormatNumber(start);
      sc.pointLabels[static_cast<int>(end)].byLang[m_defaultLang] = FormatNumber(end);
      item.scale = sc;
      return ItemType::kRating;
    }
    item.min = std::min(start, end);
    item.max = std::max(start, end);
    item.decimals = step == std::floor(step) ? 0 : 2;
    return ItemType::kNumeric;
  }

  ExprMapping Mapping(const std::string& self) {
    ExprMapping m;
    m.self = self;
    m.item = [this](const std::string& name) -> std::optional<std::string> {
      auto it = m_renamed.find(name);
      if (it == m_renamed.end()) return std::nullopt;
      return it->second;
    };
    m.code = [this](const std::string& item, const std::string& value) -> std::optional<std::string> {
      const Item* it = m_q.FindItem(item);
      if (!it) return std::nullopt;
      for (const Code& c : it->codes)
        if (!c.key.empty() && c.key == value) return FormatNumber(c.value);
      if (auto v = ParseNumber(value)) return FormatNumber(*v);
      if (!it->codes.empty())
        for (const Code& c : it->codes)
          if (c.key.empty()) return std::nullopt;
      return std::nullopt;
    };
    return m;
  }

  std::optional<std::string> Convert(const std::string& text, const std::string& self, const std::string& what, const std::string& where,
                                     const std::string& column, int64_t row) {
    auto r = ConvertExpression(text, ExprDialect::kXlsForm, ExprDialect::kManyi, Mapping(self));
    if (auto* s = std::get_if<std::string>(&r)) return *s;
    Note(At(m_survey, row, m_survey.Letter(column),
            Message(N_("the {0} condition \"{1}\" of {2} cannot be converted ({3}); it was left out. Add it again in Manyi's "
                       "expression language if it is needed.")).Arg(what).Arg(text).Arg(where).Arg(std::get<Message>(r))));
    return std::nullopt;
  }

  void ConvertExpressions() {
    for (const auto& [sec, text, row] : m_sectionRelevant) {
      if (text.empty()) continue;
      if (auto c = Convert(text, "", "relevant", "group \"" + m_q.sections[sec].id + "\"", "relevant", row)) m_q.sections[sec].relevant = *c;
    }
    for (const Pending& p : m_pending) {
      Item& item = m_q.sections[p.section].items[p.item];
      std::vector<std::string> parts;
      for (const auto& [text, row] : p.relevant)
        if (auto c = Convert(text, item.id, "relevant", "question \"" + item.id + "\"", "relevant", row)) parts.push_back(*c);
      if (parts.size() == 1) item.relevant = parts[0];
      else
        for (const std::string& part : parts) item.relevant += (item.relevant.empty() ? "" : " and ") + ("(" + part + ")");
      if (!p.constraint.empty())
        if (auto c = Convert(p.constraint, item.id, "constraint", "question \"" + item.id + "\"", "constraint", p.row)) item.constraint = *c;
    }
  }

  void FinishLanguages() {
    std::set<std::string> langs;
    auto collect = [&](const LocalText& t) {
      for (const auto& [l, v] : t.byLang) langs.insert(l);
    };
    collect(m_q.title);
    for (const Section& s : m_q.sections) {
      collect(s.title);
      for (const Item& i : s.items) {
        collect(i.text);
        for (const Code& c : i.codes) collect(c.label);
        for (const GridRow& r : i.rows) collect(r.text);
      }
    }
    if (langs.empty()) langs.insert(m_defaultLang);
    m_q.languages.clear();
    for (const char* l : {"zh", "en"})
      if (langs.count(l)) m_q.languages.push_back(l);
    for (const std::string& l : langs)
      if (l != "zh" && l != "en") m_q.languages.push_back(l);
    if (m_q.id.empty()) m_q.id = m_fallbackId;
    if (m_q.title.Empty()) m_q.title.byLang[m_defaultLang] = m_q.id;
    for (Section& s : m_q.sections)
      if (s.title.Empty()) s.title = m_q.title;
  }

 public:
  std::string m_fallbackId;

 private:
  Book m_book;
  Questionnaire m_q;
  std::vector<Message> m_report;
  std::string m_defaultLang = "en";
  std::string m_formTitle;
  LocalText m_titles, m_formTitleText;
  std::map<std::string, std::vector<Choice>> m_lists;
  std::map<std::string, std::string> m_itemLists;  // item name → choice list
  std::set<std::string> m_warnedDuplicates, m_ids;
  std::map<std::string, std::string> m_renamed;    // XLSForm name → item id
  std::vector<Pending> m_pending;
  std::vector<std::tuple<size_t, std::string, int64_t>> m_sectionRelevant;
  int m_openImplicit = -1, m_implicitCount = 0;
  Sheet m_survey;
};

std::string StemOf(const std::string& origin) { return std::filesystem::path(origin).stem().string(); }

Result<std::string> ReadWhole(const std::filesystem::path& file, size_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{Message(N_("{0} cannot be opened. Check that the file exists and that you may read it.")).Arg(file.string())};
  std::string out;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<size_t>(in.gcount()));
    if (out.size() > limit)
      return Error{Message(N_("{0} is larger than {1} MB, far larger than a questionnaire definition. Check that this is the right file."))
                       .Arg(file.string()).Arg(static_cast<long long>(limit >> 20))};
  }
  return out;
}

}  // namespace

Result<ImportedForm> ImportXlsFormBytes(const std::string& bytes, bool csv, const std::string& origin) {
  Book book;
  if (csv) {
    book = ReadCsvForm(bytes, origin);
  } else {
    auto wb = OpenXlsxBytes(bytes, origin);
    if (!wb) return Error{wb.GetError()};
    auto b = ReadWorkbook(*wb.Value());
    if (!b) return Error{b.GetError()};
    book = std::move(b.Value());
  }
  XlsFormImporter importer(std::move(book));
  importer.m_fallbackId = StemOf(origin);
  return importer.Run();
}

Result<ImportedForm> ImportXlsForm(const std::filesystem::path& file) {
  const FormFormat f = DetectFormFormat(file);
  const std::string origin = file.filename().string();
  Book book;
  if (f == FormFormat::kXlsx || f == FormFormat::kXls) {
    auto wb = f == FormFormat::kXlsx ? OpenXlsx(file) : OpenXls(file);
    if (!wb) return Error{wb.GetError()};
    auto b = ReadWorkbook(*wb.Value());
    if (!b) return Error{b.GetError()};
    book = std::move(b.Value());
  } else {
    auto text = ReadWhole(file, size_t(64) << 20);
    if (!text) return Error{text.GetError()};
    if (!IsValidUtf8(text.Value()))
      return Error{Message(N_("{0} is not UTF-8 text. Save the CSV form as UTF-8 (in Excel: \"CSV UTF-8\").")).Arg(origin)};
    book = ReadCsvForm(text.Value(), origin);
  }
  book.origin = origin;
  XlsFormImporter importer(std::move(book));
  importer.m_fallbackId = file.stem().string();
  return importer.Run();
}

// ---------------------------------------------------------------------------------------------
// Export

namespace {

using Grid = std::vector<std::vector<std::string>>;

std::string LanguageHeader(const std::string& code) {
  static const std::map<std::string, std::string> names = {
      {"zh", "Chinese"}, {"en", "English"}, {"sw", "Swahili"}, {"fr", "French"}, {"es", "Spanish"}, {"pt", "Portuguese"},
      {"de", "German"}, {"ar", "Arabic"}, {"hi", "Hindi"}, {"ru", "Russian"}, {"ja", "Japanese"}, {"ko", "Korean"},
      {"it", "Italian"}, {"nl", "Dutch"}, {"et", "Estonian"}};
  auto it = names.find(code);
  return (it != names.end() ? it->second : code) + " (" + code + ")";
}

/// A sheet being written: named columns, rows filled by column name.
struct OutSheet {
  std::vector<std::string> header;
  Grid rows;
  size_t Col(const std::string& name) {
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    header.push_back(name);
    return header.size() - 1;
  }
  void Set(std::vector<std::string>& row, const std::string& col, const std::string& value) {
    if (value.empty()) return;
    const size_t c = Col(col);
    if (row.size() <= c) row.resize(c + 1);
    row[c] = value;
  }
  Grid Rows() const {
    Grid g{header};
    for (const auto& r : rows) {
      auto row = r;
      row.resize(header.size());
      g.push_back(std::move(row));
    }
    return g;
  }
};

class XlsFormExporter {
 public:
  explicit XlsFormExporter(const Questionnaire& q) : m_q(q) {
    for (const std::string& l : q.languages) m_langs.push_back(l);
    if (m_langs.empty()) m_langs.push_back("en");
    // Fixed column order so that files are stable and readable.
    for (const char* c : {"type", "name"}) m_survey.Col(c);
    for (const std::string& l : m_langs) m_survey.Col("label::" + LanguageHeader(l));
    for (const std::string& l : m_langs) m_survey.Col("hint::" + LanguageHeader(l));
    for (const char* c : {"required", "relevant", "constraint"}) m_survey.Col(c);
    for (const std::string& l : m_langs) m_survey.Col("constraint_message::" + LanguageHeader(l));
    m_survey.Col("appearance");
    for (const char* c : {"list_name", "name"}) m_choices.Col(c);
    for (const std::string& l : m_langs) m_choices.Col("label::" + LanguageHeader(l));
  }

  void Run() {
    for (const Section& s : m_q.sections) {
      auto& row = NewRow(m_survey);
      m_survey.Set(row, "type", "begin group");
      m_survey.Set(row, "name", s.id);
      Texts(m_survey, row, "label", s.title);
      m_survey.Set(row, "relevant", Xpath(s.relevant, "", "section " + s.id));
      for (const Item& item : s.items) WriteItem(item);
      m_survey.Set(NewRow(m_survey), "type", "end group");
    }
    auto& set = NewRow(m_settings);
    m_settings.Set(set, "form_title", m_q.title.Get(m_langs[0]));
    m_settings.Set(set, "form_id", m_q.id);
    m_settings.Set(set, "version", std::to_string(m_q.version));
    m_settings.Set(set, "default_language", LanguageHeader(m_langs[0]));
    Texts(m_settings, set, "manyi_title", m_q.title);
  }

  std::vector<std::pair<std::string, Grid>> Sheets() const {
    return {{"survey", m_survey.Rows()}, {"choices", m_choices.Rows()}, {"settings", m_settings.Rows()}};
  }
  std::vector<Message> report;

 private:
  static std::vector<std::string>& NewRow(OutSheet& s) {
    s.rows.emplace_back();
    return s.rows.back();
  }
  void Texts(OutSheet& sheet, std::vector<std::string>& row, const std::string& base, const LocalText& t) {
    for (const auto& [lang, text] : t.byLang) sheet.Set(row, base + "::" + LanguageHeader(lang), text);
  }

  std::string Xpath(const std::string& expr, const std::string& self, const std::string& where) {
    if (expr.empty()) return {};
    ExprMapping m;
    m.self = self;
    m.code = [this](const std::string& item, const std::string& value) -> std::optional<std::string> {
      const Item* it = m_q.FindItem(item);
      auto v = ParseNumber(value);
      if (!it || !v) return std::nullopt;
      for (const Code& c : it->codes)
        if (c.value == *v) return c.key.empty() ? FormatNumber(c.value) : c.key;
      return FormatNumber(*v);
    };
    auto r = ConvertExpression(expr, ExprDialect::kManyi, ExprDialect::kXlsForm, m);
    if (auto* s = std::get_if<std::string>(&r)) return *s;
    report.push_back(Message(N_("{0}: the condition \"{1}\" cannot be written in XLSForm ({2}); it is written unchanged."))
                         .Arg(where).Arg(expr).Arg(std::get<Message>(r)));
    return expr;
  }

  static std::string CodeName(const Code& c) { return c.key.empty() ? FormatNumber(c.value) : c.key; }

  std::string WriteList(const std::string& wanted, const std::vector<Code>& codes) {
    std::string name = wanted;
    for (int k = 2; m_lists.count(name); ++k) name = wanted + "_" + std::to_string(k);
    m_lists.insert(name);
    for (const Code& c : codes) {
      auto& row = NewRow(m_choices);
      m_choices.Set(row, "list_name", name);
      m_choices.Set(row, "name", CodeName(c));
      Texts(m_choices, row, "label", c.label);
      if (!c.key.empty()) m_choices.Set(row, "manyi_code", FormatNumber(c.value));
    }
    return name;
  }

  std::string WriteScale(const std::string& wanted, const Scale& sc) {
    std::string name = wanted;
    for (int k = 2; m_lists.count(name); ++k) name = wanted + "_" + std::to_string(k);
    m_lists.insert(name);
    for (double p = sc.min; p <= sc.max && p - sc.min <= 100; p += 1) {
      auto& row = NewRow(m_choices);
      m_choices.Set(row, "list_name", name);
      m_choices.Set(row, "name", FormatNumber(p));
      auto it = sc.pointLabels.find(static_cast<int>(p));
      for (const std::string& l : m_langs) {
        std::string label = FormatNumber(p);
        if (it != sc.pointLabels.end() && it->second.Has(l)) label = it->second.byLang.at(l);
        m_choices.Set(row, "label::" + LanguageHeader(l), label);
      }
    }
    for (const MissingCode& m : sc.missing) {
      auto& row = NewRow(m_choices);
      m_choices.Set(row, "list_name", name);
      m_choices.Set(row, "name", FormatNumber(m.value));
      Texts(m_choices, row, "label", m.label);
      m_choices.Set(row, "manyi_missing", MissingKindKey(m.kind));
    }
    return name;
  }

  static std::string Range(const Scale& sc) { return FormatNumber(sc.min) + ".." + FormatNumber(sc.max); }

  void Common(std::vector<std::string>& row, const Item& item) {
    m_survey.Set(row, "name", item.id);
    Texts(m_survey, row, "label", item.text);
    Texts(m_survey, row, "hint", item.help);
    if (item.required) m_survey.Set(row, "required", "yes");
    m_survey.Set(row, "relevant", Xpath(item.relevant, item.id, "item " + item.id));
    m_survey.Set(row, "constraint", Xpath(item.constraint, item.id, "item " + item.id));
    Texts(m_survey, row, "constraint_message", item.constraintMessage);
    if (item.role != ItemRole::kNone) m_survey.Set(row, "manyi_role", ItemRoleKey(item.role));
    m_survey.Set(row, "manyi_attribute", item.attribute);
    if (item.reversed) m_survey.Set(row, "manyi_reversed", "yes");
  }

  void WriteItem(const Item& item) {
    if (item.type == ItemType::kGrid) return WriteGrid(item);
    auto& row = NewRow(m_survey);
    Common(row, item);
    switch (item.type) {
      case ItemType::kSingle:
      case ItemType::kMultiple:
      case ItemType::kRanking: {
        const std::string list = WriteList(item.codeListRef.empty() ? item.id : item.codeListRef, item.codes);
        const char* head = item.type == ItemType::kSingle ? "select_one " : item.type == ItemType::kMultiple ? "select_multiple " : "rank ";
        m_survey.Set(row, "type", head + list + (item.allowOther && item.type != ItemType::kRanking ? " or_other" : ""));
        break;
      }
      case ItemType::kRating:
      case ItemType::kNps: {
        Scale sc = item.scale.value_or(Scale{0, 10, {}, {}});
        if (!item.scale && item.type == ItemType::kRating) sc = Scale{};
        const std::string list = WriteScale("scale_" + item.id, sc);
        m_survey.Set(row, "type", "select_one " + list);
        m_survey.Set(row, "appearance", "likert");
        m_survey.Set(row, "manyi_type", ItemTypeKey(item.type));
        if (item.scale) m_survey.Set(row, "manyi_scale", Range(*item.scale));
        break;
      }
      case ItemType::kNumeric:
        m_survey.Set(row, "type", item.decimals > 0 ? "decimal" : "integer");
        if (item.decimals > 0 && item.decimals != 2) m_survey.Set(row, "manyi_decimals", std::to_string(item.decimals));
        if (item.min) m_survey.Set(row, "manyi_min", FormatNumber(*item.min));
        if (item.max) m_survey.Set(row, "manyi_max", FormatNumber(*item.max));
        break;
      case ItemType::kShortText: m_survey.Set(row, "type", "text"); break;
      case ItemType::kLongText:
        m_survey.Set(row, "type", "text");
        m_survey.Set(row, "appearance", "multiline");
        m_survey.Set(row, "manyi_type", "long_text");
        break;
      case ItemType::kDate: m_survey.Set(row, "type", "date"); break;
      case ItemType::kNote: m_survey.Set(row, "type", "note"); break;
      case ItemType::kGrid: break;
    }
  }

  void WriteGrid(const Item& item) {
    auto& begin = NewRow(m_survey);
    m_survey.Set(begin, "type", "begin group");
    Common(begin, item);
    m_survey.Set(begin, "appearance", "field-list");
    m_survey.Set(begin, "manyi_type", "grid");
    const Scale sc = item.scale.value_or(Scale{});
    const std::string list = WriteScale("scale_" + item.id, sc);
    std::string importance;
    if (item.importanceScale) importance = WriteScale("importance_" + item.id, *item.importanceScale);
    for (const GridRow& r : item.rows) {
      auto& row = NewRow(m_survey);
      m_survey.Set(row, "type", "select_one " + list);
      m_survey.Set(row, "name", r.id);
      Texts(m_survey, row, "label", r.text);
      m_survey.Set(row, "appearance", "likert");
      m_survey.Set(row, "manyi_role", ItemRoleKey(r.role));
      if (r.reversed) m_survey.Set(row, "manyi_reversed", "yes");
      if (item.required) m_survey.Set(row, "required", "yes");
      m_survey.Set(row, "manyi_scale", Range(sc));
      if (item.importanceScale && !r.importanceId.empty()) {
        auto& imp = NewRow(m_survey);
        m_survey.Set(imp, "type", "select_one " + importance);
        m_survey.Set(imp, "name", r.importanceId);
        Texts(m_survey, imp, "label", r.text);
        m_survey.Set(imp, "appearance", "likert");
        m_survey.Set(imp, "manyi_type", "importance");
        m_survey.Set(imp, "manyi_scale", Range(*item.importanceScale));
      }
    }
    m_survey.Set(NewRow(m_survey), "type", "end group");
  }

  const Questionnaire& m_q;
  std::vector<std::string> m_langs;
  OutSheet m_survey, m_choices, m_settings;
  std::set<std::string> m_lists;
};

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos && (s.empty() || (s.front() != ' ' && s.back() != ' '))) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// Runs f with the C numeric locale for this thread (libxlsxwriter formats numbers with it).
template <typename F>
auto WithCLocale(F&& f) {
  locale_t c = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  locale_t old = uselocale(c);
  struct Restore {
    locale_t old, c;
    ~Restore() {
      uselocale(old);
      freelocale(c);
    }
  } restore{old, c};
  return f();
}

}  // namespace

std::vector<Message> ExportXlsForm(const Questionnaire& form, const std::filesystem::path& file) {
  XlsFormExporter ex(form);
  ex.Run();
  const auto sheets = ex.Sheets();
  std::string ext = Lower(file.extension().string());
  if (ext == ".csv") {
    std::ofstream out(file, std::ios::binary);
    if (!out) throw UserError(Message(N_("{0} cannot be written. Check that the folder exists and that you may write there.")).Arg(file.string()));
    for (const auto& [name, rows] : sheets) {
      out << name << ",\n";
      for (const auto& row : rows) {
        out << "";
        for (const std::string& cell : row) out << "," << CsvField(cell);
        out << "\n";
      }
    }
    out.close();
    if (!out) throw UserError(Message(N_("{0} could not be written completely (disk full?).")).Arg(file.string()));
    return std::move(ex.report);
  }
  if (ext != ".xlsx")
    throw UserError(Message(N_("{0}: an XLSForm is written as .xlsx or .csv; choose a file name ending in one of them.")).Arg(file.string()));
  const lxw_error rc = WithCLocale([&] {
    lxw_workbook* wb = workbook_new(file.c_str());
    if (!wb) return LXW_ERROR_CREATING_XLSX_FILE;
    lxw_format* bold = workbook_add_format(wb);
    format_set_bold(bold);
    for (const auto& [name, rows] : sheets) {
      lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
      for (size_t r = 0; r < rows.size(); ++r)
        for (size_t c = 0; c < rows[r].size(); ++c)
          if (!rows[r][c].empty())
            worksheet_write_string(ws, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), rows[r][c].c_str(), r == 0 ? bold : nullptr);
      worksheet_freeze_panes(ws, 1, 0);
    }
    return workbook_close(wb);
  });
  if (rc != LXW_NO_ERROR)
    throw UserError(Message(N_("{0} cannot be written ({1}). Check that the folder exists, that you may write there and that the "
                               "file is not open in Excel.")).Arg(file.string()).Arg(lxw_strerror(rc)));
  return std::move(ex.report);
}

// ---------------------------------------------------------------------------------------------
// Detection

FormFormat DetectFormFormat(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return FormFormat::kUnknown;
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (HasOle2Signature(head)) return FormFormat::kXls;
  if (head.rfind("PK\x03\x04", 0) == 0 || head.rfind("PK\x05\x06", 0) == 0) {
    auto zip = ZipArchive::Open(file);
    if (!zip) return FormFormat::kUnknown;
    if (zip->Has("xl/workbook.xml")) return FormFormat::kXlsx;
    for (const std::string& n : zip->Names())
      if (n.size() > 4 && Lower(n.substr(n.size() - 4)) == ".lss") return FormFormat::kLimeSurveyLsa;
    return FormFormat::kUnknown;
  }
  size_t i = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  if (head.compare(i, 1, "<") == 0) {
    // The root element, after the declaration and comments.
    size_t p = i;
    while (p < head.size()) {
      p = head.find('<', p);
      if (p == std::string::npos || p + 1 >= head.size()) break;
      if (head[p + 1] == '?' || head[p + 1] == '!') {
        ++p;
        continue;
      }
      size_t e = p + 1;
      while (e < head.size() && !std::isspace(static_cast<unsigned char>(head[e])) && head[e] != '>' && head[e] != '/') ++e;
      const std::string root = head.substr(p + 1, e - p - 1);
      if (root == "document") return FormFormat::kLimeSurveyLss;
      if (root == "questionnaire") return FormFormat::kQueXml;
      return FormFormat::kUnknown;
    }
    return FormFormat::kUnknown;
  }
  const std::string firstLine = head.substr(i, head.find_first_of("\r\n", i) - i);
  if (firstLine.rfind("class\t", 0) == 0 || firstLine.rfind("\"class\"\t", 0) == 0) return FormFormat::kLimeSurveyTxt;
  if (firstLine.find(',') != std::string::npos || firstLine.find("survey") != std::string::npos ||
      Lower(firstLine).find("survey") != std::string::npos)
    return FormFormat::kXlsFormCsv;
  return FormFormat::kUnknown;
}

Result<ImportedForm> ImportForm(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Error{Message(N_("{0} does not exist or is not a file. Check the path.")).Arg(file.string())};
  switch (DetectFormFormat(file)) {
    case FormFormat::kXlsx:
    case FormFormat::kXls:
    case FormFormat::kXlsFormCsv: return ImportXlsForm(file);
    case FormFormat::kLimeSurveyLss:
    case FormFormat::kLimeSurveyTxt:
    case FormFormat::kLimeSurveyLsa:
    case FormFormat::kQueXml: return ImportLimeSurvey(file);
    case FormFormat::kUnknown: break;
  }
  return Error{Message(N_("{0} is not a questionnaire format Manyi can import. Manyi reads XLSForm (.xlsx, .xls, CSV form) and "
                          "LimeSurvey survey structures (.lss, .lsa, tab-separated .txt).")).Arg(file.filename().string())};
}

}  // namespace manyi::io
