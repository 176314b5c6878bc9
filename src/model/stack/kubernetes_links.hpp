#pragma once
#include "model/stack/stack.hpp"

namespace infralint::stack {

// Links the Kubernetes objects of a stack whose scopes are computed: Service selectors and
// PodDisruptionBudgets to workloads, Ingress backends to Services, HorizontalPodAutoscalers to
// their targets, pod templates to the ServiceAccounts, ConfigMaps, Secrets and claims they
// name. Objects relate within one scope and one namespace.
void link_kubernetes(Stack& stack);

}  // namespace infralint::stack
