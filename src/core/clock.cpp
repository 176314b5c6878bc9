#include "core/clock.hpp"

#include "core/consulted.hpp"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <string_view>

namespace infralint {

bool is_iso_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (std::size_t i = 0; i < date.size(); ++i)
    if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  return true;
}

std::string current_date() {
  if (const char* forced = std::getenv("INFRALINT_TODAY"); forced && is_iso_date(forced))
    return forced;
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char buffer[11];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &utc);
  return buffer;
}

std::string today() {
  std::string date = current_date();
  note_consultation(Consultation::Question::today, "", date);
  return date;
}

}  // namespace infralint
