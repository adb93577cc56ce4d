#include "kb/study_key.h"

#include <cctype>

#include "kb/text.h"
#include "kb/tokenizer.h"

namespace kb {

namespace {

std::string alnum_lower(std::string_view s) {
  std::string out;
  for (char c : ascii_lower(fold_diacritics(s)))
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  return out;
}

bool is_initials(std::string_view word) {
  if (word.empty() || word.size() > 4) return false;
  for (char c : word)
    if (!std::isupper(static_cast<unsigned char>(c)) && c != '.' && c != '-') return false;
  return true;
}

}  // namespace

std::string journal_key(std::string_view journal) { return alnum_lower(journal); }

std::string surname_key(std::string_view author) {
  author = trim(author);
  std::size_t last_space = author.rfind(' ');
  if (last_space != std::string_view::npos && is_initials(author.substr(last_space + 1)))
    author = author.substr(0, last_space);
  return alnum_lower(author);
}

std::string author_key(std::string_view author) {
  author = trim(author);
  std::string key = surname_key(author);
  std::size_t last_space = author.rfind(' ');
  if (last_space != std::string_view::npos && is_initials(author.substr(last_space + 1)))
    key.append("|").append(1, static_cast<char>(std::tolower(static_cast<unsigned char>(author[last_space + 1]))));
  return key;
}

std::string first_page(std::string_view pages) {
  pages = trim(pages);
  std::size_t dash = pages.find('-');
  if (dash != std::string_view::npos && dash > 0) pages = pages.substr(0, dash);
  return alnum_lower(pages);
}

std::string citation_key(const Reference& ref) {
  if (ref.authors.empty() || ref.year <= 0) return {};
  std::string volume = alnum_lower(ref.volume);
  std::string page = first_page(ref.pages);
  if (volume.empty() && page.empty()) return {};
  std::string key = surname_key(ref.authors.front());
  if (key.empty()) return {};
  key.append("|").append(std::to_string(ref.year)).append("|").append(journal_key(ref.journal));
  key.append("|").append(volume).append("|").append(page);
  return key;
}

}  // namespace kb
