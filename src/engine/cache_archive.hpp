#pragma once
// A compact binary encoding for the analysis cache: each structure lists its fields once, in a
// `describe(archive, value)` overload, and the same list writes and reads it. Integers are
// LEB128 varints, strings are length-prefixed. Not a stable format: cache entries are keyed by
// the binary's build id, so an entry is only ever read by the build that wrote it.
#include <concepts>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/span.hpp"

namespace infralint::archive {

class Writer {
 public:
  template <class... T>
  void operator()(const T&... values) {
    (put(values), ...);
  }
  const std::string& bytes() const { return out_; }

 private:
  void put_unsigned(std::uint64_t v) {
    do {
      unsigned char byte = v & 0x7f;
      v >>= 7;
      out_.push_back(static_cast<char>(v ? byte | 0x80 : byte));
    } while (v);
  }
  void put(bool v) { out_.push_back(v ? 1 : 0); }
  template <std::integral T>
  void put(T v) {
    if constexpr (std::is_signed_v<T>)  // zigzag: small negatives stay small
      put_unsigned((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    else
      put_unsigned(v);
  }
  template <class T>
    requires std::is_enum_v<T>
  void put(T v) {
    put_unsigned(static_cast<std::uint64_t>(v));
  }
  void put(double v) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    put_unsigned(bits);
  }
  void put(std::string_view s) {
    put_unsigned(s.size());
    out_.append(s);
  }
  void put(const std::string& s) { put(std::string_view(s)); }
  void put(const Span& s) { (*this)(s.begin, s.end); }
  template <class T>
  void put(const std::vector<T>& items) {
    put_unsigned(items.size());
    for (const T& item : items) put(item);
  }
  template <class T>
  void put(const std::optional<T>& v) {
    put(v.has_value());
    if (v) put(*v);
  }
  template <class A, class B>
  void put(const std::pair<A, B>& p) {
    (*this)(p.first, p.second);
  }
  template <class K, class V, class C>
  void put(const std::map<K, V, C>& m) {
    put_unsigned(m.size());
    for (const auto& [k, v] : m) (*this)(k, v);
  }
  template <class... T>
  void put(const std::variant<T...>& v) {
    put_unsigned(v.index());
    std::visit([&](const auto& alternative) { put(alternative); }, v);
  }
  // A structure: its describe() names the fields, for reading and writing alike; writing
  // does not change them.
  template <class T>
    requires std::is_class_v<T>
  void put(const T& v) {
    describe(*this, const_cast<T&>(v));
  }

  std::string out_;
};

// Reads what Writer wrote. Any mismatch (truncated or foreign bytes) sets !ok(); the caller
// then treats the entry as absent.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class... T>
  void operator()(T&... values) {
    (get(values), ...);
  }
  bool ok() const { return ok_; }
  bool at_end() const { return in_.empty(); }
  void fail() { ok_ = false; }

 private:
  std::uint64_t get_unsigned() {
    std::uint64_t v = 0;
    for (int shift = 0; ok_ && shift < 64; shift += 7) {
      if (in_.empty()) break;
      auto byte = static_cast<unsigned char>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  // Counts of elements come from the file: never trust one beyond the bytes left.
  std::size_t get_count() {
    std::uint64_t n = get_unsigned();
    if (n > in_.size()) ok_ = false;
    return ok_ ? static_cast<std::size_t>(n) : 0;
  }
  void get(bool& v) { v = get_unsigned() != 0; }
  template <std::integral T>
  void get(T& v) {
    std::uint64_t u = get_unsigned();
    if constexpr (std::is_signed_v<T>)
      v = static_cast<T>(static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1));
    else
      v = static_cast<T>(u);
  }
  template <class T>
    requires std::is_enum_v<T>
  void get(T& v) {
    v = static_cast<T>(get_unsigned());
  }
  void get(std::string& s) {
    std::size_t n = get_count();
    s.assign(in_.substr(0, n));
    in_.remove_prefix(n);
  }
  // String views of cached structures are rule ids: they must view the registry's own text.
  void get(std::string_view& id);
  void get(Span& s) { (*this)(s.begin, s.end); }
  template <class T>
  void get(std::vector<T>& items) {
    std::size_t n = get_count();
    items.clear();
    items.reserve(n);
    for (std::size_t i = 0; i < n && ok_; ++i) get(items.emplace_back());
  }
  template <class T>
  void get(std::optional<T>& v) {
    bool present = false;
    get(present);
    v.reset();
    if (present) get(v.emplace());
  }
  template <class A, class B>
  void get(std::pair<A, B>& p) {
    (*this)(p.first, p.second);
  }
  template <class K, class V, class C>
  void get(std::map<K, V, C>& m) {
    std::size_t n = get_count();
    m.clear();
    for (std::size_t i = 0; i < n && ok_; ++i) {
      std::pair<K, V> entry;
      get(entry);
      m.insert(std::move(entry));
    }
  }
  template <class T>
    requires std::is_class_v<T>
  void get(T& v) {
    describe(*this, v);
  }

  std::string_view in_;
  bool ok_ = true;
};

}  // namespace infralint::archive
