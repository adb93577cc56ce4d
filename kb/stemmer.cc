#include "kb/stemmer.h"

#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <unordered_map>

namespace kb {
namespace {

// SQLite passes longer tokens through unstemmed (FTS5_PORTER_MAX_TOKEN).
constexpr std::size_t kMaxStemmed = 64;
// Nor does it stem tokens shorter than this.
constexpr std::size_t kMinStemmed = 3;
// Stems remembered per thread (a few MiB).
constexpr std::size_t kRememberedStems = 50000;

// The condition a rule puts on the stem left in front of its suffix.
enum class Cond {
  kNone,       // always
  kMGt0,       // (m > 0)
  kMGt1,       // (m > 1)
  kMGt1AndST,  // (m > 1 and (*S or *T))
};

struct Rule {
  std::string_view suffix;
  std::string_view replacement;
  Cond cond;
};

// Rules of one step, tried in order: the first suffix that ends the word is the only
// one considered, whether or not its condition holds. Where one suffix ends another the
// longer comes first, which is the paper's "longest match".
constexpr std::array kStep2 = {
    Rule{"ational", "ate", Cond::kMGt0}, Rule{"tional", "tion", Cond::kMGt0},
    Rule{"enci", "ence", Cond::kMGt0},   Rule{"anci", "ance", Cond::kMGt0},
    Rule{"izer", "ize", Cond::kMGt0},    Rule{"logi", "log", Cond::kMGt0},
    Rule{"bli", "ble", Cond::kMGt0},     Rule{"alli", "al", Cond::kMGt0},
    Rule{"entli", "ent", Cond::kMGt0},   Rule{"eli", "e", Cond::kMGt0},
    Rule{"ousli", "ous", Cond::kMGt0},   Rule{"ization", "ize", Cond::kMGt0},
    Rule{"ation", "ate", Cond::kMGt0},   Rule{"ator", "ate", Cond::kMGt0},
    Rule{"alism", "al", Cond::kMGt0},    Rule{"iveness", "ive", Cond::kMGt0},
    Rule{"fulness", "ful", Cond::kMGt0}, Rule{"ousness", "ous", Cond::kMGt0},
    Rule{"aliti", "al", Cond::kMGt0},    Rule{"iviti", "ive", Cond::kMGt0},
    Rule{"biliti", "ble", Cond::kMGt0},
};

constexpr std::array kStep3 = {
    Rule{"icate", "ic", Cond::kMGt0}, Rule{"ative", "", Cond::kMGt0},
    Rule{"alize", "al", Cond::kMGt0}, Rule{"iciti", "ic", Cond::kMGt0},
    Rule{"ical", "ic", Cond::kMGt0},  Rule{"ful", "", Cond::kMGt0},
    Rule{"ness", "", Cond::kMGt0},
};

constexpr std::array kStep4 = {
    Rule{"al", "", Cond::kMGt1},   Rule{"ance", "", Cond::kMGt1},
    Rule{"ence", "", Cond::kMGt1}, Rule{"er", "", Cond::kMGt1},
    Rule{"ic", "", Cond::kMGt1},   Rule{"able", "", Cond::kMGt1},
    Rule{"ible", "", Cond::kMGt1}, Rule{"ant", "", Cond::kMGt1},
    Rule{"ement", "", Cond::kMGt1}, Rule{"ment", "", Cond::kMGt1},
    Rule{"ent", "", Cond::kMGt1},  Rule{"ion", "", Cond::kMGt1AndST},
    Rule{"ou", "", Cond::kMGt1},   Rule{"ism", "", Cond::kMGt1},
    Rule{"ate", "", Cond::kMGt1},  Rule{"iti", "", Cond::kMGt1},
    Rule{"ous", "", Cond::kMGt1},  Rule{"ive", "", Cond::kMGt1},
    Rule{"ize", "", Cond::kMGt1},
};

// Step 1b's repairs after 'ed' or 'ing' went: at -> ate, bl -> ble, iz -> ize.
constexpr std::array kStep1b2 = {
    Rule{"at", "ate", Cond::kNone},
    Rule{"bl", "ble", Cond::kNone},
    Rule{"iz", "ize", Cond::kNone},
};

bool is_aeiou(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// A word being stemmed, in a fixed buffer: no step makes it more than one byte longer.
class Word {
 public:
  explicit Word(std::string_view w) : n_(w.size()) { std::memcpy(b_, w.data(), n_); }

  std::string str() const { return std::string(b_, n_); }

  void stem() {
    step1a();
    if (step1b()) step1b_repair();
    step1c();
    apply_first(kStep2);
    apply_first(kStep3);
    apply_first(kStep4);
    step5a();
    step5b();
  }

 private:
  char last() const { return b_[n_ - 1]; }

  // Consonant per Porter: not a, e, i, o, u, and not a 'y' that follows a consonant.
  // Any other byte (digit, non-ASCII) is a consonant.
  static bool consonant(char c, bool prev_consonant) {
    return !(is_aeiou(c) || (c == 'y' && prev_consonant));
  }

  // m of the first LEN bytes: how many times a vowel is followed by a consonant.
  int measure(std::size_t len) const {
    int m = 0;
    bool prev_cons = false;
    bool prev_vowel = false;
    for (std::size_t i = 0; i < len; ++i) {
      const bool cons = consonant(b_[i], prev_cons);
      if (cons && prev_vowel) ++m;
      prev_cons = cons;
      prev_vowel = !cons;
    }
    return m;
  }

  // *v*: the first LEN bytes hold a vowel.
  bool has_vowel(std::size_t len) const {
    for (std::size_t i = 0; i < len; ++i) {
      if (is_aeiou(b_[i]) || (i > 0 && b_[i] == 'y')) return true;
    }
    return false;
  }

  // *o: the first LEN bytes end consonant-vowel-consonant, the last not w, x or y.
  bool ends_cvc(std::size_t len) const {
    if (len < 3) return false;
    const char c = b_[len - 1];
    if (c == 'w' || c == 'x' || c == 'y') return false;
    bool prev_cons = false;
    bool kinds[3] = {false, false, false};  // consonant? for len-3, len-2, len-1
    for (std::size_t i = 0; i < len; ++i) {
      prev_cons = consonant(b_[i], prev_cons);
      if (i + 3 >= len) kinds[i + 3 - len] = prev_cons;
    }
    return kinds[0] && !kinds[1] && kinds[2];
  }

  // The suffix must leave at least one byte in front of it, as in SQLite.
  bool ends_with(std::string_view suffix) const {
    return n_ > suffix.size() && std::memcmp(b_ + n_ - suffix.size(), suffix.data(), suffix.size()) == 0;
  }

  bool holds(Cond cond, std::size_t stem_len) const {
    switch (cond) {
      case Cond::kNone: return true;
      case Cond::kMGt0: return measure(stem_len) > 0;
      case Cond::kMGt1: return measure(stem_len) > 1;
      case Cond::kMGt1AndST:
        return (b_[stem_len - 1] == 's' || b_[stem_len - 1] == 't') && measure(stem_len) > 1;
    }
    return false;
  }

  void replace_tail(std::size_t stem_len, std::string_view replacement) {
    std::memcpy(b_ + stem_len, replacement.data(), replacement.size());
    n_ = stem_len + replacement.size();
  }

  // Applies the first rule whose suffix ends the word, if its condition holds. Returns
  // whether the word changed.
  template <std::size_t N>
  bool apply_first(const std::array<Rule, N>& rules) {
    for (const Rule& r : rules) {
      if (!ends_with(r.suffix)) continue;
      const std::size_t stem_len = n_ - r.suffix.size();
      if (!holds(r.cond, stem_len)) return false;
      replace_tail(stem_len, r.replacement);
      return true;
    }
    return false;
  }

  // sses -> ss, ies -> i, ss -> ss, s -> ''.
  void step1a() {
    if (last() != 's') return;
    const char before = b_[n_ - 2];  // n_ >= 3 here
    if (before == 'e') {
      n_ -= (ends_with("sses") || ends_with("ies")) ? 2 : 1;
    } else if (before != 's') {
      n_ -= 1;
    }
  }

  // (m>0) eed -> ee; (*v*) ed -> ''; (*v*) ing -> ''. True when 'ed' or 'ing' went.
  bool step1b() {
    if (ends_with("eed")) {
      if (measure(n_ - 3) > 0) n_ -= 1;
      return false;
    }
    for (const std::string_view suffix : {std::string_view("ed"), std::string_view("ing")}) {
      if (ends_with(suffix)) {
        if (!has_vowel(n_ - suffix.size())) return false;
        n_ -= suffix.size();
        return true;
      }
    }
    return false;
  }

  void step1b_repair() {
    if (apply_first(kStep1b2)) return;
    const char c = last();
    // (*d and not (*L or *S or *Z)) -> single letter; 'y' counts as a consonant here.
    if (n_ >= 2 && !is_aeiou(c) && c != 'l' && c != 's' && c != 'z' && c == b_[n_ - 2]) {
      --n_;
    } else if (measure(n_) == 1 && ends_cvc(n_)) {  // (m=1 and *o) -> e
      b_[n_++] = 'e';
    }
  }

  // (*v*) y -> i
  void step1c() {
    if (last() == 'y' && has_vowel(n_ - 1)) b_[n_ - 1] = 'i';
  }

  // (m>1) e -> ''; (m=1 and not *o) e -> ''
  void step5a() {
    if (last() != 'e') return;
    const int m = measure(n_ - 1);
    if (m > 1 || (m == 1 && !ends_cvc(n_ - 1))) --n_;
  }

  // (m>1 and *d and *L) -> single letter
  void step5b() {
    if (n_ > 1 && b_[n_ - 1] == 'l' && b_[n_ - 2] == 'l' && measure(n_ - 1) > 1) --n_;
  }

  char b_[kMaxStemmed + 8];
  std::size_t n_;
};

}  // namespace

std::string porter_stem(std::string_view word) {
  if (word.size() < kMinStemmed || word.size() > kMaxStemmed) return std::string(word);
  // A text's words repeat: each thread remembers the stems it made, up to a bound that keeps
  // memory flat whatever the corpus (a medical vocabulary is far larger than the words in use).
  thread_local std::unordered_map<std::string, std::string> stems;
  if (auto it = stems.find(std::string(word)); it != stems.end()) return it->second;
  Word w(word);
  w.stem();
  std::string stem = w.str();
  if (stems.size() < kRememberedStems) stems.emplace(word, stem);
  return stem;
}

}  // namespace kb
