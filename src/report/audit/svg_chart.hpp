#pragma once
#include <string>
#include <vector>

// Horizontal stacked bar charts as inline SVG, drawn without scripts or external resources so
// that a report prints and archives as one file.
namespace infralint::audit {

struct ChartSeries {
  std::string name;
  std::string color;  // CSS colour
};

struct ChartRow {
  std::string label;
  std::vector<double> values;  // one per series
};

// `title` is the accessible name. Each row is one bar, its segments in series order, its total
// written after it; the legend lists the series.
std::string stacked_bar_chart(const std::string& title, const std::vector<ChartSeries>& series,
                              const std::vector<ChartRow>& rows);

std::string escape_html(std::string_view text);

}  // namespace infralint::audit
