// Settings given on the command line (--kube-version, --default-requests, --default-limits):
// through the real binary, against the configuration file's settings they override.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "fixture_support.hpp"

namespace fs = std::filesystem;
using infralint::testing::read_file;
using infralint::testing::run_shell;
using infralint::testing::shell_quote;
using infralint::testing::TempDir;

namespace {

const std::string kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api # the web API
          image: example/api:1.4.2
)";

fs::path write(const TempDir& dir, const std::string& name, const std::string& text) {
  fs::path p = dir.path / name;
  std::ofstream(p, std::ios::binary) << text;
  return p;
}

std::string command(const std::string& args) {
  return shell_quote(INFRALINT_BINARY) + " " + args;
}

const std::string kResourceRules =
    "--select container/no-cpu-limits,container/no-memory-limit --isolated ";

}  // namespace

TEST_CASE("setting options: --default-requests and --default-limits are what the fixes write") {
  TempDir dir;
  fs::path file = write(dir, "deploy.yaml", kDeployment);
  auto fixed = run_shell(command("fix --unsafe-fixes " + kResourceRules +
                                   "--default-requests cpu=250m,memory=256Mi "
                                   "--default-limits memory=1Gi " +
                                   shell_quote(file.string()) + " 2>&1"));
  CHECK(fixed.exit_code == 0);
  // CPU: the request given, and the same as the limit (none given); memory: the limit given.
  CHECK(read_file(file) == kDeployment +
                               "          resources:\n"
                               "            requests:\n"
                               "              cpu: 250m\n"
                               "            limits:\n"
                               "              cpu: 250m\n"
                               "              memory: 1Gi\n");

  // Without the options: the documented placeholders.
  write(dir, "deploy.yaml", kDeployment);
  run_shell(command("fix --unsafe-fixes " + kResourceRules + shell_quote(file.string()) +
                      " 2>&1"));
  CHECK(read_file(file).find("              cpu: 100m\n") != std::string::npos);
  CHECK(read_file(file).find("              memory: 512Mi\n") != std::string::npos);
}

TEST_CASE("setting options: a written request is never undercut by a smaller default limit") {
  TempDir dir;
  std::string with_request = kDeployment +
                             "          resources:\n"
                             "            requests:\n"
                             "              cpu: \"2\"\n";
  fs::path file = write(dir, "deploy.yaml", with_request);
  run_shell(command("fix --unsafe-fixes " + kResourceRules + "--default-limits cpu=500m " +
                      shell_quote(file.string()) + " 2>&1"));
  CHECK(read_file(file).find("            limits:\n              cpu: 2\n") != std::string::npos);
  write(dir, "deploy.yaml", with_request);
  run_shell(command("fix --unsafe-fixes " + kResourceRules + "--default-limits cpu=4 " +
                      shell_quote(file.string()) + " 2>&1"));
  CHECK(read_file(file).find("            limits:\n              cpu: 4\n") != std::string::npos);
}

TEST_CASE("setting options: the configuration's settings apply, and the command line wins") {
  TempDir dir;
  fs::path file = write(dir, "deploy.yaml", kDeployment);
  write(dir, ".infralint.yaml",
        "select: [container/no-cpu-limits]\n"
        "settings:\n"
        "  default-requests: {cpu: 300m}\n");
  auto diff = run_shell(command("fix --unsafe-fixes --diff " + shell_quote(file.string())));
  CHECK(diff.out.find("+              cpu: 300m\n") != std::string::npos);
  diff = run_shell(command("fix --unsafe-fixes --diff --default-requests cpu=700m " +
                             shell_quote(file.string())));
  CHECK(diff.out.find("+              cpu: 700m\n") != std::string::npos);
  CHECK(diff.out.find("300m") == std::string::npos);

  write(dir, ".infralint.yaml", "settings:\n  default-requests: {cpu: lots, gpu: 1}\n");
  auto bad = run_shell(command("check " + shell_quote(file.string()) + " 2>&1"));
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("cpu `lots` is not a positive Kubernetes quantity") != std::string::npos);
  CHECK(bad.out.find("unknown resource `gpu`") != std::string::npos);
}

TEST_CASE("setting options: invalid values are usage errors naming the option") {
  TempDir dir;
  fs::path file = write(dir, "deploy.yaml", kDeployment);
  for (const auto& [args, message] :
       {std::pair{"--default-requests cpu", "`cpu` is not RESOURCE=QUANTITY"},
        std::pair{"--default-limits memory=-1Gi", "memory `-1Gi` is not a positive"},
        std::pair{"--kube-version latest", "--kube-version must be a version"}}) {
    CAPTURE(args);
    auto r = run_shell(command("check --isolated " + std::string(args) + " " +
                                 shell_quote(file.string()) + " 2>&1"));
    CHECK(r.exit_code == 2);
    CHECK(r.out.find(message) != std::string::npos);
  }
}

TEST_CASE("setting options: --kube-version judges API versions for that release") {
  TempDir dir;
  fs::path file = write(dir, "cron.yaml",
                        "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n");
  std::string args = "check -q --isolated --select kubernetes/deprecated-api-version ";
  auto removed = run_shell(command(args + shell_quote(file.string())));
  CHECK(removed.out.find("was removed in Kubernetes 1.25") != std::string::npos);
  auto deprecated = run_shell(command(args + "--kube-version 1.22 " + shell_quote(file.string())));
  CHECK(deprecated.out.find("is deprecated and will be removed in Kubernetes 1.25") !=
        std::string::npos);
  auto before = run_shell(command(args + "--kube-version 1.20 " + shell_quote(file.string())));
  CHECK(before.exit_code == 0);
  CHECK(before.out.empty());
}
