#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

namespace infralint {

// JSON text written as it is produced, byte for byte what nlohmann's dump(2) with
// error_handler_t::replace writes for the same values: a report of 100 000 findings was mostly
// building and freeing one small DOM per finding.
class JsonWriter {
 public:
  // Appends to `out` a value whose lines are indented `depth` levels (two spaces each).
  JsonWriter(std::string& out, std::size_t depth) : out_(out), base_depth_(depth), depth_(depth) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The key of the next value in the current object.
  void key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(const std::string& text) { value(std::string_view(text)); }
  void value(std::uint64_t number);
  void value(bool flag);
  // An arbitrary value, through nlohmann (for the parts of a report that are not hot).
  void value(const nlohmann::ordered_json& j);

  // An object of numbers, such as {"line": 3, "column": 1, "offset": 40}, in one append: a
  // report writes two per finding and two per edit. Keys are plain ASCII words.
  void numbers_object(std::initializer_list<std::pair<std::string_view, std::uint64_t>> members);

  // Members that many objects share (a rule's categories and aliases, in every finding of the
  // rule), written once by `write` into an object at `depth` and kept as text for members().
  static std::string render_members(std::size_t depth,
                                    const std::function<void(JsonWriter&)>& write);
  // Appends members rendered by render_members() at this writer's depth().
  void members(std::string_view rendered);
  // How deep the next member or element is.
  std::size_t depth() const { return depth_; }

  // "key": value
  template <class T>
  void member(std::string_view name, const T& v) {
    key(name);
    value(v);
  }

 private:
  void before_value();
  void open(char bracket);
  void close(char bracket);
  void indent(std::size_t depth);
  void string(std::string_view text);

  std::string& out_;
  std::size_t base_depth_;
  std::size_t depth_;
  bool empty_ = false;      // the innermost container has no element yet
  bool after_key_ = false;  // the next value follows a key on the same line
};

// The value to put where an array is to be streamed.
inline constexpr std::string_view kStreamedArray = "@@infralint:streamed-array@@";

// Writes `document` exactly as `dump(2)` would, except that the one value equal to
// kStreamedArray is written as an array of `count` items, each written by `item` in turn: a
// report of 100 000 findings never holds them all at once.
void dump_streaming(std::ostream& out, const nlohmann::ordered_json& document, std::size_t count,
                    const std::function<void(std::size_t, JsonWriter&)>& item);

// The same, each item produced as a value.
void dump_streaming(std::ostream& out, const nlohmann::ordered_json& document, std::size_t count,
                    const std::function<nlohmann::ordered_json(std::size_t)>& item);

}  // namespace infralint
