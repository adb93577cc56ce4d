#include "kb/identifiers.h"

#include "kb/text.h"

namespace kb {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The length of the resolver prefix S starts with, 0 when none: an optional "https://" or
// "http://", an optional "www." or "dx.", then "doi.org/"; any case.
std::size_t resolver_prefix(std::string_view s) {
  std::size_t at = 0;
  for (std::string_view scheme : {"https://", "http://"})
    if (starts_with_ci(s, scheme)) {
      at = scheme.size();
      break;
    }
  for (std::string_view host : {"www.", "dx."})
    if (starts_with_ci(s.substr(at), host)) {
      at += host.size();
      break;
    }
  return starts_with_ci(s.substr(at), "doi.org/") ? at + 8 : 0;
}

// The length of the "doi:" or "doi " label S starts with, 0 when none.
std::size_t doi_label(std::string_view s) {
  return starts_with_ci(s, "doi:") || starts_with_ci(s, "doi ") ? 4 : 0;
}

// The digits ending at END (exclusive) in TEXT, after skipping spaces before END.
std::string_view digits_before(std::string_view text, std::size_t end) {
  while (end > 0 && text[end - 1] == ' ') --end;
  std::size_t start = end;
  while (start > 0 && is_digit(text[start - 1])) --start;
  return text.substr(start, end - start);
}

}  // namespace

std::string clean_doi(std::string_view value) {
  value = trim(value);
  for (;;) {  // "doi: https://doi.org/10.1/x" has two
    std::size_t len = resolver_prefix(value);
    if (len == 0) len = doi_label(value);
    if (len == 0) break;
    value = trim(value.substr(len));
  }
  while (!value.empty() && (value.back() == '.' || value.back() == ',' || value.back() == ';'))
    value.remove_suffix(1);
  return std::string(trim(value));
}

bool looks_like_doi(std::string_view doi) {
  return starts_with_ci(doi, "10.") && doi.find('/') != std::string_view::npos &&
         doi.find(' ') == std::string_view::npos;
}

std::string doi_from_url(std::string_view url) {
  const std::size_t at = ascii_lower(url).find("doi.org/");
  if (at == std::string::npos) return {};
  return clean_doi(url.substr(at + 8));
}

std::string normalized_doi(std::string_view doi) { return ascii_lower(clean_doi(doi)); }

std::string pmid_from_url(std::string_view url) {
  const std::string lower = ascii_lower(url);
  for (std::string_view site : {std::string_view("pubmed.ncbi.nlm.nih.gov/"), std::string_view("ncbi.nlm.nih.gov/pubmed/")}) {
    const std::size_t at = lower.find(site);
    if (at == std::string::npos) continue;
    const std::size_t start = at + site.size();
    std::size_t end = start;
    while (end < url.size() && is_digit(url[end])) ++end;
    if (end > start && (end == url.size() || url[end] == '/' || url[end] == '?' || url[end] == '#'))
      return std::string(url.substr(start, end - start));
  }
  return {};
}

std::string pmid_from_text(std::string_view text) {
  const std::string lower = ascii_lower(text);
  for (std::size_t at = lower.find("pmid"); at != std::string::npos; at = lower.find("pmid", at + 4)) {
    // "PMID: 123", "PMID 123": the word, then the digits.
    std::size_t j = at + 4;
    while (j < lower.size() && (lower[j] == ':' || lower[j] == ' ')) ++j;
    std::size_t k = j;
    while (k < lower.size() && is_digit(lower[k])) ++k;
    if (k > j && (at == 0 || !is_ascii_letter(lower[at - 1]))) return std::string(text.substr(j, k - j));
    // "123[pmid]", "123 [PMID]": the digits, then the tag.
    if (at >= 1 && lower[at - 1] == '[' && at + 4 < lower.size() && lower[at + 4] == ']') {
      const std::string_view digits = digits_before(text, at - 1);
      if (!digits.empty()) return std::string(digits);
    }
  }
  return {};
}

}  // namespace kb
