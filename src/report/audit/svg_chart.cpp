#include "report/audit/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace infralint::audit {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string stacked_bar_chart(const std::string& title, const std::vector<ChartSeries>& series,
                              const std::vector<ChartRow>& rows) {
  constexpr double kLabel = 150, kBar = 380, kRow = 24, kTop = 8, kLegendRow = 20;
  constexpr double kWidth = kLabel + kBar + 60;
  double max_total = 0;
  for (const ChartRow& row : rows)
    max_total = std::max(max_total, std::accumulate(row.values.begin(), row.values.end(), 0.0));
  double legend_y = kTop + kRow * static_cast<double>(rows.size()) + 10;
  double height = legend_y + kLegendRow + 6;
  std::string svg = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">\n",
      kWidth, height, kWidth, height, escape_html(title));
  svg += fmt::format("<title>{}</title>\n", escape_html(title));
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const ChartRow& row = rows[r];
    double y = kTop + kRow * static_cast<double>(r);
    svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"label\">{}</text>\n",
                       kLabel - 8, y + 15, escape_html(row.label));
    double x = kLabel, total = 0;
    for (std::size_t s = 0; s < row.values.size() && s < series.size(); ++s) {
      double v = row.values[s];
      total += v;
      if (v <= 0 || max_total <= 0) continue;
      double w = kBar * v / max_total;
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\">"
          "<title>{}: {:g}</title></rect>\n",
          x, y + 3, w, kRow - 6, series[s].color, escape_html(series[s].name), v);
      x += w;
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" class=\"value\">{:g}</text>\n", x + 6, y + 15,
                       total);
  }
  double lx = 8;
  for (const ChartSeries& s : series) {
    svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/>"
                       "<text x=\"{}\" y=\"{}\" class=\"legend\">{}</text>\n",
                       lx, legend_y, s.color, lx + 16, legend_y + 10, escape_html(s.name));
    lx += 16 + 7.0 * static_cast<double>(s.name.size()) + 18;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace infralint::audit
