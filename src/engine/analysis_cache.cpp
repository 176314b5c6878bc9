#include "engine/analysis_cache.hpp"

#include <elf.h>
#include <fmt/format.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstdlib>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "engine/cache_archive.hpp"
#include "engine/rule.hpp"

namespace fs = std::filesystem;

namespace infralint {
namespace archive {

// The fields of each cached structure, once for writing and reading. A field left out here
// would come back empty from a cache hit: tests/unit/analysis_cache_test.cpp round-trips
// real documents and compares with operator==, which sees every field.
template <class A> void describe(A& a, Consultation& v) { a(v.question, v.subject, v.answer); }
template <class A> void describe(A& a, ParseError& v) { a(v.span, v.message); }
template <class A> void describe(A& a, Edit& v) { a(v.span, v.replacement); }
template <class A> void describe(A& a, NewFile& v) { a(v.path, v.text); }
template <class A> void describe(A& a, Fix& v) { a(v.title, v.edits, v.applicability, v.new_files); }
template <class A> void describe(A& a, RelatedSpan& v) { a(v.span, v.message, v.path); }
template <class A> void describe(A& a, Finding& v) {
  a(v.rule_id, v.severity, v.message, v.span, v.related, v.fix, v.suppressed_by);
}
// Rules are named by id (a pointer means nothing to another process).
template <class A> void describe(A& a, Suppression& v) {
  std::vector<std::string_view> ids;
  if constexpr (std::is_same_v<A, Writer>)
    for (const Rule* rule : v.rules) ids.push_back(rule->meta().id);
  a(ids, v.all_rules, v.unknown_ids, v.comment, v.removal, v.target, v.ours, v.used, v.reason,
    v.until, v.expired);
  if constexpr (std::is_same_v<A, Reader>) {
    v.rules.clear();
    for (std::string_view id : ids) v.rules.push_back(Registry::instance().find(id));
  }
}

namespace facts = infralint::stack;
template <class A> void describe(A& a, facts::Endpoint& v) { a(v.host, v.port, v.span, v.port_span); }
template <class A> void describe(A& a, facts::NamedRef& v) { a(v.name, v.span, v.owner); }
template <class A> void describe(A& a, facts::HealthPath& v) { a(v.path, v.span, v.source); }
template <class A> void describe(A& a, facts::ComposeService& v) {
  a(v.name, v.name_span, v.container_ports, v.ports_complete, v.builds, v.build_context,
    v.dockerfile, v.build_span, v.dockerfile_written, v.interpolated_build, v.healthcheck,
    v.depends_on, v.health, v.user_set, v.image, v.image_span);
}
template <class A> void describe(A& a, facts::NginxUpstream& v) {
  a(v.name, v.name_span, v.keepalive, v.keepalive_span, v.servers);
}
template <class A> void describe(A& a, facts::NginxPass& v) { a(v.directive, v.target, v.default_port); }
template <class A> void describe(A& a, facts::KubeService& v) {
  a(v.name, v.ns, v.describe, v.name_span, v.ports, v.selector, v.selector_span, v.ports_span);
}
template <class A> void describe(A& a, facts::KubeWorkload::Container& v) {
  a(v.name, v.image, v.image_span, v.liveness);
}
template <class A> void describe(A& a, facts::KubeWorkload& v) {
  a(v.kind, v.name, v.ns, v.name_span, v.pod_labels, v.containers);
}
template <class A> void describe(A& a, facts::KubeObject& v) { a(v.kind, v.name, v.ns, v.span); }
template <class A> void describe(A& a, facts::LabelRequirement& v) { a(v.key, v.op, v.values); }
template <class A> void describe(A& a, facts::LabelSelector& v) { a(v.labels, v.expressions); }
template <class A> void describe(A& a, facts::KubeReference& v) {
  a(v.via, v.from, v.label, v.ns, v.kind, v.name, v.span, v.port, v.port_span);
}
template <class A> void describe(A& a, facts::KubeBudget& v) {
  a(v.from, v.label, v.ns, v.selector, v.selector_span);
}
template <class A> void describe(A& a, facts::ScrapeTarget& v) { a(v.job, v.target); }
template <class A> void describe(A& a, facts::ScrapeInterval& v) { a(v.job, v.ms, v.span); }
template <class A> void describe(A& a, facts::RateRange& v) {
  a(v.function, v.metric, v.job, v.range_ms, v.span, v.editable, v.owner);
}
template <class A> void describe(A& a, facts::DocumentFacts& v) {
  a(v.kind, v.compose_services, v.compose_files, v.exposed_ports, v.image_healthcheck,
    v.image_health, v.image_user_set, v.image_span, v.upstreams, v.passes, v.upstream_names,
    v.kube_services, v.kube_workloads, v.kube_objects, v.kube_references, v.kube_budgets,
    v.rule_files, v.scrape_jobs, v.scrape_targets, v.scrape_intervals, v.job_selectors,
    v.recording_rules, v.recorded_metrics, v.jobless_metrics, v.rate_ranges,
    v.railway_dockerfiles, v.railway_health);
}
template <class A> void describe(A& a, CachedAnalysis& v) {
  a(v.consulted, v.errors, v.findings, v.suppressions, v.only_for_suppressions, v.facts,
    v.locators, v.entities);
}

// The configuration, for its fingerprint only (written, never read back).
template <class A> void describe(A& a, RuleOptions& v) { a(v.values()); }
template <class A> void describe(A& a, RuleSelection& v) {
  a(v.select, v.ignore, v.extend_select, v.profile);
}
template <class A> void describe(A& a, SeverityOverride& v) { a(v.selector, v.severity); }
template <class A> void describe(A& a, PathIgnore& v) { a(v.glob, v.selectors, v.base); }
template <class A> void describe(A& a, LintConfig& v) {
  a(v.selection, v.severities, v.path_ignores, v.rule_options, v.settings, v.keep_suppressed);
}

void Reader::get(std::string_view& id) {
  std::string text;
  get(text);
  const Rule* rule = ok_ ? Registry::instance().find(text) : nullptr;
  if (!rule || rule->meta().id != text) {
    ok_ = false;  // a rule this build does not have
    return;
  }
  id = rule->meta().id;
}

}  // namespace archive

namespace {

constexpr std::string_view kMagic = "infralint analysis cache\n";

std::string hex128(XXH128_hash_t h) { return fmt::format("{:016x}{:016x}", h.high64, h.low64); }

int find_build_id(dl_phdr_info* info, std::size_t, void* data) {
  auto* out = static_cast<std::string*>(data);
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    auto* at = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
    const unsigned char* end = at + ph.p_memsz;
    while (at + sizeof(ElfW(Nhdr)) <= end) {
      auto* note = reinterpret_cast<const ElfW(Nhdr)*>(at);
      const unsigned char* name = at + sizeof(ElfW(Nhdr));
      const unsigned char* desc = name + ((note->n_namesz + 3) & ~3u);
      if (desc + note->n_descsz > end) break;
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 &&
          std::memcmp(name, "GNU", 4) == 0) {
        for (std::size_t b = 0; b < note->n_descsz; ++b) *out += fmt::format("{:02x}", desc[b]);
        return 1;
      }
      at = desc + ((note->n_descsz + 3) & ~3u);
    }
  }
  return 1;  // the first object is the program itself: stop there
}

}  // namespace

std::string build_identity() {
  std::string id;
  dl_iterate_phdr(find_build_id, &id);
  if (!id.empty()) return id;
  struct stat st {};
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec || ::stat(self.c_str(), &st) != 0) return INFRALINT_VERSION;
  return fmt::format("{} {} {} {}", INFRALINT_VERSION, self.string(), st.st_size,
                     st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
}

std::string default_cache_directory() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return fmt::format("{}/infralint", xdg);
  const char* home = std::getenv("HOME");
  if (home && home[0] == '/') return fmt::format("{}/.cache/infralint", home);
  return "";
}

AnalysisCache::AnalysisCache(std::string directory, std::string salt)
    : directory_(std::move(directory)) {
  std::string build = build_identity();
  build_ = fmt::format("{:016x}", XXH3_64bits(build.data(), build.size()));
  identity_ = fmt::format("{}\n{}", build, salt);
  std::error_code ec;
  cwd_ = fs::current_path(ec);
  prune();
}

namespace {

bool older_than(const fs::path& p, std::chrono::hours age) {
  std::error_code ec;
  auto written = fs::last_write_time(p, ec);
  return ec || fs::file_time_type::clock::now() - written > age;
}

void touch(const fs::path& p) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  std::ofstream(p, std::ios::trunc).flush();
}

}  // namespace

void AnalysisCache::prune() {
  constexpr std::chrono::hours kDay{24};
  fs::path root(directory_);
  fs::path used = root / build_ / ".used";
  if (older_than(used, kDay)) touch(used);
  fs::path pruned = root / ".pruned";
  if (!older_than(pruned, kDay)) return;
  touch(pruned);
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(root, ec)) {
    if (!e.is_directory(ec) || e.path().filename() == build_) continue;
    // Only directories that look like a build's (16 hex digits holding .used): never
    // anything else a user put there.
    std::string name = e.path().filename().string();
    bool a_build = name.size() == 16 && name.find_first_not_of("0123456789abcdef") == std::string::npos &&
                   fs::exists(e.path() / ".used", ec);
    if (a_build && older_than(e.path() / ".used", kDay * kUnusedBuildDays))
      fs::remove_all(e.path(), ec);
  }
}

const std::string& AnalysisCache::config_fingerprint(const LintConfig& config) {
  std::lock_guard lock(mutex_);
  auto it = fingerprints_.find(&config);
  if (it != fingerprints_.end()) return it->second;
  archive::Writer writer;
  writer(config);
  return fingerprints_.emplace(&config, writer.bytes()).first->second;
}

std::string AnalysisCache::key(const Document& doc, std::string_view fs_path,
                               const LintConfig& config, std::string_view how) {
  std::string absolute = (cwd_ / fs::path(fs_path)).string();  // as fs::absolute, once
  // Each part is length-prefixed, so that no two different lists hash the same bytes.
  archive::Writer parts;
  parts(identity_, config_fingerprint(config), how, doc.kind(), doc.path(), absolute);
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  XXH3_128bits_update(state, parts.bytes().data(), parts.bytes().size());
  XXH3_128bits_update(state, doc.text().data(), doc.text().size());
  std::string key = hex128(XXH3_128bits_digest(state));
  XXH3_freeState(state);
  return key;
}

std::string AnalysisCache::path_of(const std::string& key) const {
  return fmt::format("{}/{}/{}/{}", directory_, build_, key.substr(0, 2), key.substr(2));
}

std::optional<CachedAnalysis> AnalysisCache::load(const std::string& key) const {
  std::ifstream in(path_of(key), std::ios::binary);
  if (!in) {
    ++misses_;
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string_view text = bytes.view();
  CachedAnalysis analysis;
  bool valid = text.starts_with(kMagic);
  if (valid) {
    archive::Reader reader(text.substr(kMagic.size()));
    reader(analysis);
    valid = reader.ok() && reader.at_end();
  }
  // Everything else the analysis asked (other files, the date) must answer as it did.
  for (std::size_t i = 0; valid && i < analysis.consulted.size(); ++i)
    valid = answer_now(analysis.consulted[i]) == analysis.consulted[i].answer;
  if (!valid) {
    ++misses_;
    return std::nullopt;
  }
  ++hits_;
  return analysis;
}

void AnalysisCache::store(const std::string& key, const CachedAnalysis& analysis) {
  archive::Writer writer;
  writer(analysis);
  std::string path = path_of(key);
  std::error_code ec;
  std::string parent = path.substr(0, path.rfind('/'));
  bool made;
  {
    std::lock_guard lock(made_mutex_);
    made = made_.contains(parent);
  }
  if (!made && (fs::create_directories(parent, ec), !ec)) {
    std::lock_guard lock(made_mutex_);
    made_.insert(parent);
  }
  // Written whole under a name of this process and thread, then renamed over the entry: a
  // reader sees an old entry or a new one, never half of one.
  std::string temporary = fmt::format("{}.{}.{}.tmp", path, ::getpid(),
                                      std::hash<std::thread::id>{}(std::this_thread::get_id()));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << kMagic << writer.bytes();
    if (out.flush() && ::rename(temporary.c_str(), path.c_str()) == 0) return;
  }
  int error = errno;
  fs::remove(temporary, ec);
  std::lock_guard lock(problem_mutex_);
  if (write_problem_.empty())
    write_problem_ = fmt::format("cannot write {}: {}", path, std::strerror(error));
}

std::string AnalysisCache::write_problem() const {
  std::lock_guard lock(problem_mutex_);
  return write_problem_;
}

}  // namespace infralint
