#include <fmt/format.h>

#include "engine/container_rule.hpp"

namespace infralint {
namespace {

constexpr std::string_view kDocs = R"md(
## What it finds
A container nothing checks the health of:
- a Dockerfile whose final image (its stage or the stages it is built `FROM`) has no
  `HEALTHCHECK`, or ends with `HEALTHCHECK NONE`;
- a compose service without `healthcheck`, or whose healthcheck is disabled (`disable: true`,
  `test: ["NONE"]`). A service with `build:` and no `healthcheck` is skipped: its Dockerfile's
  `HEALTHCHECK` applies and is judged there;
- a Kubernetes container without `livenessProbe`. Init and ephemeral containers, and the
  containers of Jobs and CronJobs, which run to completion, are not judged;
- a Railway service (railway.toml / railway.json) without `deploy.healthcheckPath`. Railway
  then routes traffic to a new deployment as soon as its process starts, before it answers.
  Cron services (`cronSchedule`) and one-shot tasks (`restartPolicyType = "NEVER"`) run to
  completion and are not judged.

## Why it matters
A process can hang, deadlock or lose its database connection without exiting. Without a health
check the runtime sees it as running: compose cannot order `depends_on: condition:
service_healthy`, Swarm and Kubernetes do not restart it, and nothing tells you.

On Railway the healthcheck gates deploys only (a new deployment gets traffic once the path
answers 200 on `$PORT`); it is not probed afterwards.

Severity info: a missing check breaks nothing by itself, and a badly chosen liveness probe
(one that fails under load, or that checks a dependency) restarts healthy containers and turns
a slowdown into an outage. Images used with `image:` may bring their own `HEALTHCHECK`, which
a static check cannot see.

## Example
```yaml
services:
  api:
    image: example/api:1.4.2
```

## Fixed
```yaml
services:
  api:
    image: example/api:1.4.2
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://localhost:8080/healthz"]
      interval: 30s
      timeout: 5s
      retries: 3
```

No automatic fix: only you know which endpoint or command tells that the process works.
)md";

const RuleMeta kMeta{
    .id = "container/no-health-check",
    .title = "Container has no health check",
    .severity = Severity::info,
    .categories = {Category::reliability},
    .compliance = {"CIS-Docker-1.6:4.6", "CIS-Docker-1.6:5.27"},
    .aliases = {"hadolint:DL3057", "trivy:DS-0026", "checkov:CKV_DOCKER_2", "checkov:CKV_K8S_8",
                "kube-linter:no-liveness-probe", "polaris:livenessProbeMissing",
                "kics:Healthcheck Not Set", "kics:Healthcheck Instruction Missing"},
    .fix = FixAvailability::none,
    .kinds = {Kind::dockerfile, Kind::compose, Kind::kubernetes, Kind::railway},
    .docs = kDocs,
};

bool runs_to_completion(const Container& c) {
  return c.workload.starts_with("Job/") || c.workload.starts_with("CronJob/");
}

class NoHealthCheck final : public ContainerRule {
 public:
  NoHealthCheck() : ContainerRule(kMeta) {}

 protected:
  void check(const Document&, const Container& c, FindingSink& sink) const override {
    switch (c.source) {
      case ContainerSource::kubernetes_container:
        if (c.liveness_probe.present() || c.init_container || c.ephemeral_container ||
            runs_to_completion(c))
          return;
        sink.report(c.span, fmt::format("{} has no `livenessProbe`, so Kubernetes does not "
                                        "restart it when it hangs; add one that checks the "
                                        "process itself, not its dependencies",
                                        describe(c)));
        return;
      case ContainerSource::compose_service:
        if (c.healthcheck.present()) {
          if (!*c.healthcheck.value)
            sink.report(c.healthcheck.span,
                        fmt::format("{} disables its healthcheck, so a hung process looks "
                                    "healthy; give it a `test` instead",
                                    describe(c)));
          return;
        }
        if (c.has_build) return;  // the Dockerfile's HEALTHCHECK applies; judged there
        sink.report(c.span, fmt::format("{} has no `healthcheck`, so a hung process looks "
                                        "healthy; add a `healthcheck` with a `test`",
                                        describe(c)));
        return;
      case ContainerSource::dockerfile_image:
        if (!c.healthcheck.present()) {
          sink.report(c.span,
                      "the final image has no HEALTHCHECK, so a hung process looks "
                      "healthy; add a HEALTHCHECK (or a probe where the image runs)");
        } else if (!*c.healthcheck.value) {
          sink.report(c.healthcheck.span,
                      "`HEALTHCHECK NONE` disables the final image's health "
                      "check, so a hung process looks healthy");
        }
        return;
      case ContainerSource::railway_service:
        if (c.healthcheck.present() || c.schedule.present() || c.runs_once) return;
        sink.report(c.span,
                    "the Railway service has no `healthcheckPath`, so Railway sends traffic to "
                    "a new deployment before it answers; set `deploy.healthcheckPath` to an "
                    "endpoint that returns 200 on `$PORT` (for a worker that serves no HTTP, "
                    "ignore this finding)");
        return;
    }
  }
};

INFRALINT_REGISTER_RULE(NoHealthCheck);

}  // namespace
}  // namespace infralint
