// Mistakes in policy files: each at its line and column in the policy file, with a hint, and
// the other policies of the file still load.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "policy_support.hpp"

using infralint::testing::policy_errors;
using Lines = std::vector<std::string>;

TEST_CASE("policy errors: unknown keys get a did-you-mean") {
  CHECK(policy_errors(R"Y(policies:
  - id: a
    match: {kubernetes: {}}
    requires: {path: x, exists: true}
)Y") == Lines{"4:5: unknown key `requires` in a policy; did you mean `require`?",
              "2:5: a policy needs `require:` (the condition every matched object must meet)"});
  CHECK(policy_errors(R"Y(policies:
  - id: a
    description: text
    match: {kubernetes: {kind: Deployment}}
    require: {path: x, exsits: true}
)Y") == Lines{"3:5: unknown key `description` in a policy; did you mean `docs`?",
              "5:24: unknown key `exsits` in a condition; did you mean `exists`?",
              "5:14: a condition on a path needs an operator: `exists: true`, `equals`, `in`, "
              "`matches`, `lt`, `le`, `gt`, `ge`, `all`, `any` or `not`"});
  CHECK(policy_errors("polices: []\n") ==
        Lines{"1:1: unknown key `polices` at the top of a policy file; did you mean `policies`?",
              "1:1: no `policies:` list in this file"});
}

TEST_CASE("policy errors: bad path syntax points into the path") {
  CHECK(policy_errors(R"Y(policies:
  - id: a
    match: {kubernetes: {}}
    require: {path: metadata..labels, exists: true}
)Y") == Lines{"4:30: empty key in the path (two dots, or a leading dot)"});
  CHECK(policy_errors(R"Y(policies:
  - id: a
    match: {kubernetes: {}}
    require: {path: "containers[x].image", exists: true}
)Y") == Lines{"4:33: `[x]` in a path must be an index (`[0]`), `[*]` or a quoted key "
              "(`[\"app.kubernetes.io/name\"]`)"});
  CHECK(policy_errors(R"Y(policies:
  - id: a
    message: "{{ metadata..name }} and {{ $vaule }}"
    match: {kubernetes: {}}
    require: {path: x, exists: true}
)Y") == Lines{"3:27: empty key in the path (two dots, or a leading dot)",
              "3:43: unknown placeholder `$vaule`; did you mean `$value`?"});
}

TEST_CASE("policy errors: an invalid regex is reported with RE2's reason") {
  CHECK(policy_errors(R"Y(policies:
  - id: a
    match: {kubernetes: {}}
    require: {path: x, matches: 'ab(c'}
)Y") == Lines{"4:34: invalid regular expression: missing ): ab(c (RE2 syntax)"});
}

TEST_CASE("policy errors: wrong types") {
  CHECK(
      policy_errors(R"Y(policies:
  - id: a
    severity: fatal
    categories: [security, secrity]
    match: {kubernetes: {}}
    require:
      all:
        - {path: x, exists: yes}
        - {path: y, in: web}
        - {path: z, equals: [a]}
        - {path: w, lt: 5m}
        - {path: v, lt: fast}
        - not: [a]
)Y") ==
      Lines{
          "3:15: unknown severity `fatal` (expected one of `error`, `warning`, `info`)",
          "4:28: unknown category `secrity`; did you mean `security`?",
          "8:29: `exists` takes `true` or `false`", "9:25: `in` takes a non-empty list of values",
          "10:29: `equals` takes a single value (a string, number or boolean)",
          "11:25: `5m` is both a duration (minutes) and a quantity (thousandths): add `as: "
          "duration` or `as: quantity`",
          "12:25: `lt: fast` is not a number, a duration (`5m`, `1h30m`) or a quantity "
          "(`500m`, `1Gi`)",
          "13:16: a condition is a mapping such as `{path: metadata.labels.team, exists: true}`"});
}

TEST_CASE("policy errors: unknown targets, kinds and formats") {
  CHECK(policy_errors(R"Y(policies:
  - id: a
    match: {kubernets: {}}
    require: {path: x, exists: true}
  - id: b
    match: {kubernetes: {kind: [Deploymnet, Certificate]}}
    require: {path: x, exists: true}
  - id: c
    match: {container: {format: [compose, nginx, helm]}}
    require: {path: x, exists: true}
  - id: d
    match: {nginx-directive: {context: sever}}
    require: {path: x, exists: true}
)Y") == Lines{"3:13: unknown target `kubernets`; did you mean `kubernetes`?",
              "6:33: unknown Kubernetes kind `Deploymnet`; did you mean `Deployment`?",
              "9:43: `container` has no container in nginx files",
              "9:50: unknown format `helm` (expected one of `dockerfile`, `compose`, `kubernetes`, "
              "`nginx`, `railway`, `prometheus-rules`, `prometheus-config`)",
              "12:40: unknown nginx context `sever`; did you mean `server`?"});
}

TEST_CASE("policy errors: ids, and the other policies still load") {
  infralint::policy::PolicySet set;
  auto errors = infralint::policy::load_policy_text("p.yaml", R"Y(policies:
  - id: Bad_Id
    match: {kubernetes: {}}
    require: {path: x, exists: true}
  - id: good
    match: {kubernetes: {}}
    require: {path: x, exists: true}
  - id: good
    match: {kubernetes: {}}
    require: {path: x, exists: true}
  - match: {kubernetes: {}}
    require: {path: x, exists: true}
)Y",
                                                    set);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].to_string() ==
        "p.yaml:2:9: error: policy id `Bad_Id` must be lowercase words joined by `-`, e.g. "
        "`require-team-label`");
  CHECK(errors[1].to_string() == "p.yaml:8:9: error: policy id `good` is defined twice");
  CHECK(errors[2].to_string() ==
        "p.yaml:11:5: error: a policy needs an `id` (its findings carry `policy/<id>`)");
  REQUIRE(set.policies.size() == 1);
  CHECK(set.policies[0].rule_id == "policy/good");
  CHECK(set.policies[0].line == 5);

  CHECK(policy_errors("policies:\n  - id: a\n    match: {kubernetes: {}\n") ==
        Lines{"3:12: flow mapping '{' is never closed with '}'"});
}

TEST_CASE("policy loading: in a config file only `policies:` is read, file paths are left") {
  infralint::policy::PolicySet set;
  auto errors = infralint::policy::load_policy_text(".infralint.yaml", R"Y(select: [security]
policies:
  - policies/team.yaml
  - id: inline
    match: {kubernetes: {}}
    require: {path: metadata.labels.team, exits: true}
  - id: inline-ok
    match: {kubernetes: {}}
    require: {path: metadata.labels.team, exists: true}
)Y",
                                                    set, true);
  REQUIRE(errors.size() == 2);  // and: the condition has no operator left
  CHECK(errors[0].to_string() ==
        ".infralint.yaml:6:43: error: unknown key `exits` in a condition; did you mean `exists`?");
  REQUIRE(set.policies.size() == 1);
  CHECK(set.policies[0].id == "inline-ok");
  CHECK(infralint::policy::load_policy_text(".infralint.yaml", "select: [security]\n", set, true)
            .empty());
}

TEST_CASE("policy errors: odd shapes are errors, never crashes") {
  for (const char* text : {"", "policies:", "policies: 3", "policies: [1, x, null]", "- id: a\n",
                           "policies:\n  - id: a\n    match: []\n    require: []\n",
                           "policies:\n  - id: a\n    match: {kubernetes: 3}\n    require: {}\n",
                           "policies:\n  - id: a\n    match: {kubernetes: {}, image: {}}\n"
                           "    require: {all: []}\n",
                           "policies:\n  - id: a\n    match: {image: {}}\n    require: {not: {}}\n",
                           "policies:\n  - id: a\n    match: {image: {}}\n"
                           "    require: {path: '[', exists: true}\n",
                           "policies:\n  - id: a\n    match: {image: {}}\n"
                           "    require: {path: x, exists: true, as: duration}\n",
                           "policies:\n  - {id: [a], match: {image: {format: [1]}}, require: "
                           "{path: x, matches: [a]}}\n",
                           "policies:\n  - id: a\n    message: '{{'\n    match: {image: {}}\n"
                           "    require: {path: x, exists: true}\n",
                           "a: &x [*x]\n", "---\npolicies: []\n---\npolicies: []\n"}) {
    CAPTURE(text);
    CHECK(!policy_errors(text).empty());
  }
}
