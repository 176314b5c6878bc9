#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/kind.hpp"
#include "core/line_index.hpp"
#include "core/span.hpp"

namespace infralint {

// What a parser could not make sense of; the rule meta/syntax-error reports it.
struct ParseError {
  Span span;
  std::string message;
  bool operator==(const ParseError&) const = default;
};

// Base of each format's syntax tree, so a Document can own any of them.
struct SyntaxTree {
  virtual ~SyntaxTree() = default;
};

// Base of the unified-model entities built from a document (src/model), so that the
// Document owns them and rules read them without rebuilding.
struct DocumentModel {
  virtual ~DocumentModel() = default;
};

// What a parser keeps of one version of a file so that it parses the next version faster (an
// editor's buffer, edited a line at a time). Each parser keeps its own kind of memo.
struct ParseMemo {
  virtual ~ParseMemo() = default;
};

// One file: its path, format, text (owned once; everything else views it), line index, syntax
// tree and parse errors. Neither copyable nor movable, because views point into the text.
class Document {
 public:
  Document(std::string path, std::string text, Kind kind)
      : path_(std::move(path)), text_(std::move(text)), kind_(kind), lines_(text_) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& path() const { return path_; }
  std::string_view text() const { return text_; }
  std::string_view slice(Span s) const { return std::string_view(text_).substr(s.begin, s.size()); }
  Kind kind() const { return kind_; }
  const LineIndex& lines() const { return lines_; }

  const std::vector<ParseError>& errors() const { return errors_; }
  void add_error(Span span, std::string message) { errors_.push_back({span, std::move(message)}); }

  // Set when the file was not parsed at all (binary, too large); the reason is reported.
  const std::string& skipped_reason() const { return skipped_reason_; }
  void set_skipped(std::string reason) { skipped_reason_ = std::move(reason); }

  // A new tree drops the model: the model points into the tree it was built from.
  void set_tree(std::unique_ptr<SyntaxTree> tree) {
    tree_ = std::move(tree);
    model_.reset();
  }
  template <class Tree>
  const Tree* tree() const {
    return dynamic_cast<const Tree*>(tree_.get());
  }

  // Where the parser finds and leaves its memo of the previous version (see ParseMemo);
  // the slot belongs to whoever keeps the versions (the language server, per buffer).
  void set_parse_memo_slot(std::shared_ptr<ParseMemo>* slot) { memo_slot_ = slot; }
  std::shared_ptr<ParseMemo>* parse_memo_slot() const { return memo_slot_; }

  void set_model(std::unique_ptr<DocumentModel> model) { model_ = std::move(model); }
  // Frees the syntax tree and the model once the rules have run: a report needs only the text
  // and the line index, and a run over thousands of files must not keep every tree alive.
  void release_analysis() {
    tree_.reset();
    model_.reset();
  }
  template <class Model>
  const Model* model() const {
    return dynamic_cast<const Model*>(model_.get());
  }

 private:
  std::string path_;
  std::string text_;
  Kind kind_;
  LineIndex lines_;
  std::vector<ParseError> errors_;
  std::string skipped_reason_;
  std::unique_ptr<SyntaxTree> tree_;
  std::unique_ptr<DocumentModel> model_;
  std::shared_ptr<ParseMemo>* memo_slot_ = nullptr;
};

}  // namespace infralint
