// How plain YAML scalars read to YAML 1.1 readers, decided by hand-written scanners (the YAML
// 1.2 core schema is the YAML front-end's yaml::core_schema_type): compiling the equivalent
// regular expressions (RE2) was a fifth of a one-file run whose fix writes a number or a UID.
// Each scanner spells out the expression it replaces; tests/unit/yaml_scalar_types_test.cpp
// holds every one to that expression over all short strings of the characters that matter.
#include <algorithm>
#include <array>
#include <cctype>
#include <span>

#include "fix/yaml_writer_internal.hpp"

namespace infralint::yaml_edit::detail {

using yaml::ScalarType;

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_octal(char c) { return c >= '0' && c <= '7'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_binary(char c) { return c == '0' || c == '1'; }

// A left-to-right reader; every method consumes only on success.
class Scan {
 public:
  explicit Scan(std::string_view s) : s_(s) {}

  bool done() const { return at_ == s_.size(); }
  char peek() const { return done() ? '\0' : s_[at_]; }
  std::string_view rest() const { return s_.substr(at_); }

  bool sign() { return take_if([](char c) { return c == '-' || c == '+'; }); }
  bool minus() { return take('-'); }
  bool take(char c) {
    if (peek() != c || done()) return false;
    ++at_;
    return true;
  }
  bool take(std::string_view word) {
    if (!rest().starts_with(word)) return false;
    at_ += word.size();
    return true;
  }
  template <typename Pred>
  bool take_if(Pred pred) {
    if (done() || !pred(s_[at_])) return false;
    ++at_;
    return true;
  }
  // Characters that satisfy `pred`, greedily; how many.
  template <typename Pred>
  std::size_t run(Pred pred) {
    std::size_t from = at_;
    while (!done() && pred(s_[at_])) ++at_;
    return at_ - from;
  }

 private:
  std::string_view s_;
  std::size_t at_ = 0;
};

template <typename Pred>
bool digits_with_underscores(Scan& in, Pred pred) {
  return in.run([&](char c) { return pred(c) || c == '_'; }) > 0;
}

// [eE][-+]?[0-9]+ when `sign_optional`, else [eE][-+][0-9]+; optional as a whole.
bool exponent_then_end(Scan in, bool sign_optional) {
  if (in.done()) return true;
  if (!in.take('e') && !in.take('E')) return false;
  if (!in.sign() && !sign_optional) return false;
  return in.run(is_digit) > 0 && in.done();
}

// (:[0-5]?[0-9])+ — the sexagesimal tail of YAML 1.1 numbers.
bool sexagesimal_groups(Scan& in) {
  std::size_t groups = 0;
  while (in.take(':')) {
    char first = in.peek();
    if (!in.take_if(is_digit)) return false;
    if (first <= '5') in.take_if(is_digit);
    ++groups;
  }
  return groups > 0;
}

// The YAML 1.1 forms that are not strings, for a scalar that does not begin with a letter:
//   [-+]?0b[0-1_]+ | [-+]?0[0-7_]+ | [-+]?(0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+
//   | [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+
//   | [-+]?[0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? | [-+]?\.[0-9_]+([eE][-+][0-9]+)?
//   | [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
//   | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)? | << | =
bool yaml11_number(std::string_view s) {
  Scan start(s);
  start.sign();
  {  // base 2, 8 and 16
    Scan in = start;
    if (in.take("0b") && digits_with_underscores(in, is_binary) && in.done()) return true;
    in = start;
    if (in.take("0x") && digits_with_underscores(in, is_hex) && in.done()) return true;
    in = start;
    if (in.take('0') && digits_with_underscores(in, is_octal) && in.done()) return true;
  }
  {  // 0 | [1-9][0-9_]*, optionally sexagesimal
    Scan in = start;
    if (in.take('0') && in.done()) return true;
    in = start;
    if (in.take_if([](char c) { return c >= '1' && c <= '9'; })) {
      in.run([](char c) { return is_digit(c) || c == '_'; });
      if (in.done()) return true;
      Scan groups = in;
      if (sexagesimal_groups(groups) && groups.done()) return true;
    }
  }
  {  // floats: [0-9][0-9_]*, then sexagesimal groups or not, then `.`
    Scan in = start;
    if (in.take_if(is_digit)) {
      in.run([](char c) { return is_digit(c) || c == '_'; });
      Scan plain = in;
      if (plain.take('.')) {
        plain.run([](char c) { return is_digit(c) || c == '_'; });
        if (exponent_then_end(plain, false)) return true;
      }
      Scan groups = in;
      if (sexagesimal_groups(groups) && groups.take('.')) {
        groups.run([](char c) { return is_digit(c) || c == '_'; });
        if (groups.done()) return true;
      }
    }
    in = start;
    if (in.take('.') && in.run([](char c) { return is_digit(c) || c == '_'; }) > 0 &&
        exponent_then_end(in, false))
      return true;
  }
  return false;
}

// [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?
bool yaml11_date(std::string_view s) {
  Scan in(s);
  if (in.run(is_digit) != 4 || !in.take('-')) return false;
  std::size_t month = in.run(is_digit);
  if (month < 1 || month > 2 || !in.take('-')) return false;
  std::size_t day = in.run(is_digit);
  if (day < 1 || day > 2) return false;
  return in.done() || in.take('T') || in.take('t') || in.take(' ');
}

// Of the plain scalars that begin with a letter, only these (besides the core schema's null
// and booleans) read as anything but a string in YAML 1.1 (every number, date and special
// float begins with a digit, a sign, a dot, `<` or `=`).
constexpr std::string_view kYaml11Words[] = {"y",  "Y",  "yes", "Yes", "YES", "n",   "N",
                                             "no", "No", "NO",  "on",  "On",  "ON",  "off",
                                             "Off", "OFF"};

bool starts_with_letter(std::string_view s) {
  return !s.empty() && std::isalpha(static_cast<unsigned char>(s.front()));
}

bool one_of(std::string_view s, std::span<const std::string_view> words) {
  return std::find(words.begin(), words.end(), s) != words.end();
}

}  // namespace

bool looks_non_string(std::string_view s) {
  if (yaml::core_schema_type(s) != ScalarType::string) return true;
  if (starts_with_letter(s)) return one_of(s, kYaml11Words);
  // YAML 1.1 as its readers implement it (PyYAML, go-yaml v2): booleans, base 2/8/16/60 and
  // underscored numbers, floats, dates, and the merge and value keys.
  return s == "<<" || s == "=" || yaml11_number(s) || yaml11_date(s);
}

// true|false|-?(0|[1-9][0-9]*)|-?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?
// |-?[1-9](\.[0-9]+)?[eE][-+][0-9]+|-?\.inf|\.nan
bool canonical_typed(std::string_view s) {
  if (s == "true" || s == "false" || s == ".nan" || s == ".inf" || s == "-.inf") return true;
  Scan in(s);
  in.minus();
  Scan number = in;
  // -?(0|[1-9][0-9]*), then nothing or a fraction (with an optional exponent)
  if (number.take('0') || (number.take_if([](char c) { return c >= '1' && c <= '9'; }) &&
                           (number.run(is_digit), true))) {
    if (number.done()) return true;
    Scan fraction = number;
    if (fraction.take('.') && fraction.run(is_digit) > 0 && exponent_then_end(fraction, true))
      return true;
  }
  // -?[1-9](\.[0-9]+)?[eE][-+][0-9]+
  Scan scientific = in;
  if (!scientific.take_if([](char c) { return c >= '1' && c <= '9'; })) return false;
  if (scientific.take('.') && scientific.run(is_digit) == 0) return false;
  return !scientific.done() && exponent_then_end(scientific, false);
}

}  // namespace infralint::yaml_edit::detail
