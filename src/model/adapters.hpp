#pragma once
#include "core/document.hpp"
#include "model/editor.hpp"
#include "model/entities.hpp"

namespace infralint {

// One adapter per format: reads the document's syntax tree into the unified model.
void adapt_compose(const Document& doc, Model& model);
void adapt_kubernetes(const Document& doc, Model& model);
void adapt_dockerfile(const Document& doc, Model& model);
// Rule files, prometheus.yml, and PrometheusRule objects among Kubernetes manifests.
void adapt_prometheus(const Document& doc, Model& model);
void adapt_railway(const Document& doc, Model& model);

// Each format's editor, which turns hardening steps into edits of its own syntax.
const ContainerEditor& compose_editor();
const ContainerEditor& kubernetes_editor();
const ContainerEditor& dockerfile_editor();

// Builds the document's model (after parsing) and attaches it to the document.
void build_model(Document& doc);

}  // namespace infralint
