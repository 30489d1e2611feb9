#include "transliterate.h"

#include <unicode/parseerr.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

#include "lexicon.h"

namespace isnad {
namespace {

constexpr const char* kRulesFile = "latin_transliteration.tsv";

// Compiles the rule rows of the TSV (one ICU rule line each) into a transliterator.
std::unique_ptr<icu::Transliterator> compile_rules() {
  std::string rules;
  for (const TsvRow& row : lexicon_rows(kRulesFile)) {
    for (std::size_t i = 0; i < row.size(); ++i) rules += (i ? "\t" : "") + row[i];
    rules += '\n';
  }
  UParseError where{};
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> compiled(icu::Transliterator::createFromRules(
      "isnad-Arabic-Latin", icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, where, status));
  if (U_FAILURE(status) || !compiled) {
    std::string before, after;
    icu::UnicodeString(where.preContext).toUTF8String(before);
    icu::UnicodeString(where.postContext).toUTF8String(after);
    throw std::runtime_error(std::string(kRulesFile) + ": ICU rejects the rules (" + u_errorName(status) +
                             ") near '" + before + "' ⟨here⟩ '" + after + "'");
  }
  return compiled;
}

// The compiled rules, built on first use (C++ guarantees thread-safe initialisation of a static).
const icu::Transliterator& shared_rules() {
  static const std::unique_ptr<icu::Transliterator> rules = compile_rules();
  return *rules;
}

// ICU transliterators must not run transliterate() concurrently on one instance: one clone per thread.
icu::Transliterator& thread_rules() {
  thread_local const std::unique_ptr<icu::Transliterator> rules(shared_rules().clone());
  return *rules;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string latin_label(std::string_view arabic_utf8) {
  // Trimming first lets the rules treat the start of the text as the start of the label ("Al-" there).
  std::string_view input = trim(arabic_utf8);
  if (input.empty()) return "";
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(input.data(), input.size()));
  thread_rules().transliterate(text);
  std::string out;
  text.toUTF8String(out);
  return std::string(trim(out));
}

}  // namespace isnad
