#include "query/pubmed_query.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <utility>

#include "kb/design.h"
#include "kb/publication_types.h"
#include "kb/text.h"
#include "kb/tokenizer.h"
#include "query/reference_store.h"

namespace kb {
namespace {

constexpr std::size_t kNoPosition = std::string::npos;

// A reading error: where (a byte offset in the query, or kNoPosition for an option) and what.
struct QueryError {
  std::size_t at = kNoPosition;
  std::string message;
};

std::string single_quoted(std::string_view s) {
  std::string out = "'";
  out.append(s);
  out.append("'");
  return out;
}

std::string number(std::size_t n) { return std::to_string(n); }

// ---------------------------------------------------------------------------------------
// Field tags.

struct TagName {
  std::string_view name;  // lower case, spaces removed
  Field field;
};

constexpr std::array<TagName, 33> kTagNames = {{
    {"all", Field::All},
    {"allfields", Field::All},
    {"au", Field::Author},
    {"auth", Field::Author},
    {"author", Field::Author},
    {"1au", Field::FirstAuthor},
    {"author-first", Field::FirstAuthor},
    {"firstauthor", Field::FirstAuthor},
    {"lastau", Field::LastAuthor},
    {"author-last", Field::LastAuthor},
    {"lastauthor", Field::LastAuthor},
    {"ti", Field::Title},
    {"title", Field::Title},
    {"tiab", Field::TitleAbstract},
    {"title/abstract", Field::TitleAbstract},
    {"ta", Field::Journal},
    {"jour", Field::Journal},
    {"journal", Field::Journal},
    {"dp", Field::Date},
    {"pdat", Field::Date},
    {"publicationdate", Field::Date},
    {"date-publication", Field::Date},
    {"vi", Field::Volume},
    {"volume", Field::Volume},
    {"pg", Field::Page},
    {"page", Field::Page},
    {"pagination", Field::Page},
    {"pt", Field::PublicationType},
    {"ptyp", Field::PublicationType},
    {"publicationtype", Field::PublicationType},
    {"design", Field::PublicationType},
    {"year", Field::Date},
    {"tw", Field::TitleAbstract},
}};

std::optional<Field> field_from_tag(std::string_view tag) {
  std::string key;
  for (char c : tag)
    if (!std::isspace(static_cast<unsigned char>(c))) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const TagName& t : kTagNames)
    if (t.name == key) return t.field;
  return std::nullopt;
}

bool is_author_field(Field f) { return f == Field::Author || f == Field::FirstAuthor || f == Field::LastAuthor; }

// ---------------------------------------------------------------------------------------
// Publication types: the contract's design names, and PubMed's names for the same designs
// (the types of kb/publication_types.h whose names name a design).

std::string design_names() {
  std::string out;
  for (Design d : kAllDesigns) {
    if (!out.empty()) out += ", ";
    out += to_string(d);
  }
  return out;
}

std::optional<Design> design_from_words(std::string_view text) {
  std::string folded;
  for (const Token& t : tokenize(text)) {
    if (!folded.empty()) folded += '_';
    folded += t.word;
  }
  if (auto d = design_from_string(folded)) return d;
  if (const PublicationType* type = find_publication_type(text); type && type->names_design) return type->design;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------
// Building terms from what was typed.

// A whitespace-separated piece of a term as typed, with its byte offset in the query.
struct RawWord {
  std::string text;
  std::size_t at = kNoPosition;
};

std::size_t offset(std::size_t base, std::size_t delta) { return base == kNoPosition ? kNoPosition : base + delta; }

QueryNode term_node(Field field, std::vector<std::string> words, bool prefix, std::size_t column) {
  QueryNode n;
  n.field = field;
  n.words = std::move(words);
  n.prefix = prefix;
  n.column = column;
  return n;
}

QueryNode compound(QueryNode::Kind kind, std::vector<QueryNode> children) {
  if (children.size() == 1) return std::move(children.front());
  QueryNode n;
  n.kind = kind;
  for (QueryNode& c : children) {
    if (c.kind == kind && kind != QueryNode::Kind::Not) {
      for (QueryNode& g : c.children) n.children.push_back(std::move(g));
    } else {
      n.children.push_back(std::move(c));
    }
  }
  return n;
}

// Combines LEFT OP RIGHT the way PubMed reads them: left to right, AND and OR chains flat,
// "a NOT b NOT c" as one NOT with two exclusions.
QueryNode combine(QueryNode::Kind op, QueryNode left, QueryNode right) {
  if (op == QueryNode::Kind::Not) {
    if (left.kind == QueryNode::Kind::Not) {
      left.children.push_back(std::move(right));
      return left;
    }
    QueryNode n;
    n.kind = op;
    n.children.push_back(std::move(left));
    n.children.push_back(std::move(right));
    return n;
  }
  std::vector<QueryNode> both;
  both.push_back(std::move(left));
  both.push_back(std::move(right));
  return compound(op, std::move(both));
}

bool is_hyphen_run(std::string_view sep) {
  if (sep.empty()) return false;
  std::size_t i = 0;
  while (i < sep.size()) {
    char32_t cp = utf8_next(sep, i);
    if (cp != U'-' && cp != U'\u2010' && cp != U'\u2011') return false;
  }
  return true;
}

class TermBuilder {
 public:
  // HOW names the field as the user gave it ("[ti]", "--title") for messages.
  TermBuilder(std::string_view how, std::vector<std::string>& notes) : how_(how), notes_(notes) {}

  // A truncation mark is only allowed at the very end of the term; it is taken off TEXT.
  bool strip_truncation(std::string& text, std::size_t at, bool allowed) const {
    std::size_t star = text.find('*');
    if (star == std::string::npos) return false;
    if (star + 1 != text.size())
      throw QueryError{offset(at, star), "'*' truncates only at the end of a word, as in surg*"};
    if (!allowed) throw QueryError{offset(at, star), "truncation with '*' does not apply to " + how_};
    text.pop_back();
    return true;
  }

  std::vector<std::string> words_of(std::string_view text) const {
    std::vector<std::string> out;
    for (const Token& t : tokenize(text)) out.push_back(t.word);
    return out;
  }

  // One typed word of a word field: a word, or a phrase when punctuation splits it, with
  // the closed-up variant when hyphens split it (radio-frequency: "radio frequency" or
  // radiofrequency). Nullopt when it holds no letter or digit.
  std::optional<QueryNode> word_term(Field field, RawWord raw, std::size_t column) {
    bool prefix = strip_truncation(raw.text, raw.at, true);
    std::vector<Token> tokens = tokenize(raw.text);
    if (tokens.empty()) {
      if (prefix) throw QueryError{raw.at, "'*' needs the start of a word before it, as in surg*"};
      return std::nullopt;
    }
    std::vector<std::string> words;
    bool hyphenated = tokens.size() > 1;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      words.push_back(tokens[i].word);
      if (i > 0) {
        std::string_view sep = std::string_view(raw.text).substr(tokens[i - 1].end, tokens[i].begin - tokens[i - 1].end);
        if (!is_hyphen_run(sep)) hyphenated = false;
      }
    }
    QueryNode spaced = term_node(field, words, prefix, column);
    if (!hyphenated) return spaced;
    std::string joined;
    for (const std::string& w : words) joined += w;
    std::vector<QueryNode> variants;
    variants.push_back(std::move(spaced));
    variants.push_back(term_node(field, {joined}, prefix, column));
    return compound(QueryNode::Kind::Or, std::move(variants));
  }

  // Consecutive typed words of a word field: each word must occur (AND); stop words are
  // left out unless nothing else is left.
  QueryNode words_term(Field field, const std::vector<RawWord>& raw, std::size_t column) {
    std::vector<QueryNode> kept;
    std::vector<QueryNode> all;
    std::vector<std::string> dropped;
    for (const RawWord& r : raw) {
      auto node = word_term(field, r, column);
      if (!node) continue;
      bool stop = node->kind == QueryNode::Kind::Term && node->words.size() == 1 && !node->prefix &&
                  is_stopword(node->words.front());
      if (stop) dropped.push_back(node->words.front());
      else kept.push_back(*node);
      all.push_back(std::move(*node));
    }
    if (all.empty()) {
      std::string typed;
      for (const RawWord& r : raw) typed += (typed.empty() ? "" : " ") + r.text;
      throw QueryError{raw.front().at, single_quoted(typed) + " holds no letter or digit to search for"};
    }
    if (kept.empty()) return compound(QueryNode::Kind::And, std::move(all));
    if (!dropped.empty()) {
      std::string list;
      for (const std::string& d : dropped) list += (list.empty() ? "" : ", ") + d;
      notes_.push_back("stop words left out: " + list);
    }
    return compound(QueryNode::Kind::And, std::move(kept));
  }

  // A quoted phrase of a word field: its words in order; every hyphenated word in it gives
  // a spaced and a closed-up variant.
  QueryNode phrase_term(Field field, std::string text, std::size_t at, std::size_t column) {
    // Split into typed pieces to find the hyphenated ones.
    struct Piece {
      std::vector<std::string> words;
      std::string joined;
      bool hyphenated = false;
    };
    std::vector<Piece> pieces;
    bool prefix = false;
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      std::size_t start = i;
      while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
      if (start == i) break;
      std::string piece = text.substr(start, i - start);
      std::size_t star = piece.find('*');
      if (star != std::string::npos) {
        bool last = text.find_first_not_of(" \t\r\n\f\v", i) == std::string::npos;
        if (star + 1 != piece.size() || !last)
          throw QueryError{offset(at, 1 + start + star), "'*' truncates only the end of a phrase's last word, as in \"primary tum*\""};
        prefix = true;
        piece.pop_back();
      }
      std::optional<QueryNode> node = word_term(field, RawWord{piece, offset(at, 1 + start)}, column);
      if (!node) continue;
      Piece p;
      if (node->kind == QueryNode::Kind::Or) {
        p.words = node->children[0].words;
        p.joined = node->children[1].words.front();
        p.hyphenated = true;
      } else {
        p.words = node->words;
      }
      pieces.push_back(std::move(p));
    }
    if (pieces.empty()) throw QueryError{at, "the phrase " + single_quoted("\"" + text + "\"") + " holds no word to search for"};
    std::size_t hyphenated = 0;
    for (const Piece& p : pieces) hyphenated += p.hyphenated ? 1 : 0;
    // Every combination of spaced and closed-up hyphenated words, up to 8; beyond that the
    // all-spaced and the all-closed-up forms.
    std::vector<std::vector<std::string>> variants;
    auto build = [&](auto choose) {
      std::vector<std::string> words;
      std::size_t k = 0;
      for (const Piece& p : pieces) {
        if (p.hyphenated && choose(k++)) words.push_back(p.joined);
        else words.insert(words.end(), p.words.begin(), p.words.end());
      }
      if (std::find(variants.begin(), variants.end(), words) == variants.end()) variants.push_back(words);
    };
    if (hyphenated <= 3) {
      for (std::size_t mask = 0; mask < (std::size_t{1} << hyphenated); ++mask)
        build([mask](std::size_t k) { return ((mask >> k) & 1U) != 0; });
    } else {
      build([](std::size_t) { return false; });
      build([](std::size_t) { return true; });
    }
    std::vector<QueryNode> nodes;
    for (auto& v : variants) nodes.push_back(term_node(field, std::move(v), prefix, column));
    return compound(QueryNode::Kind::Or, std::move(nodes));
  }

  // A name: an author ("Soran A", "Soran") or a journal ("Ann Surg Oncol"), whole.
  QueryNode name_term(Field field, std::vector<RawWord> raw, std::size_t column) {
    bool prefix = false;
    std::vector<std::string> words;
    for (std::size_t i = 0; i < raw.size(); ++i) {
      std::size_t star = raw[i].text.find('*');
      if (star != std::string::npos && i + 1 != raw.size())
        throw QueryError{offset(raw[i].at, star), "'*' truncates only the end of a name, as in Sor*" };
      if (strip_truncation(raw[i].text, raw[i].at, true)) prefix = true;
      for (std::string& w : words_of(raw[i].text)) words.push_back(std::move(w));
    }
    if (words.empty()) {
      const char* what = is_author_field(field) ? "an author's name, as in Soran A" : "a journal, as in Ann Surg Oncol";
      throw QueryError{raw.front().at, how_ + " needs " + what};
    }
    return term_node(field, std::move(words), prefix, column);
  }

  static std::optional<int> parse_year(std::string_view s) {
    if (s.size() != 4) return std::nullopt;
    int y = 0;
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      y = y * 10 + (c - '0');
    }
    return y;
  }

  QueryNode date_term(const std::vector<RawWord>& raw, std::size_t column) {
    std::string text;
    for (const RawWord& r : raw) text += r.text;
    std::optional<int> from;
    std::optional<int> to;
    std::size_t sep = text.find_first_of(":-");
    if (sep == std::string::npos) {
      from = to = parse_year(text);
    } else {
      from = parse_year(std::string_view(text).substr(0, sep));
      to = parse_year(std::string_view(text).substr(sep + 1));
    }
    if (!from || !to)
      throw QueryError{raw.front().at, how_ + " takes a year (2016) or a range of years (" +
                                           (how_.rfind("--", 0) == 0 ? "2010-2011" : "2000:2010") + "), not " +
                                           single_quoted(text) + "; the KB records years only"};
    QueryNode n = term_node(Field::Date, {}, false, column);
    n.year_from = std::min(*from, *to);
    n.year_to = std::max(*from, *to);
    return n;
  }

  QueryNode value_term(Field field, const std::vector<RawWord>& raw, std::size_t column) {
    std::string text;
    for (const RawWord& r : raw) {
      std::string piece = r.text;
      strip_truncation(piece, r.at, false);
      text += (text.empty() ? "" : " ") + piece;
    }
    if (text.empty()) throw QueryError{raw.front().at, how_ + " needs a value"};
    QueryNode n = term_node(field, {}, false, column);
    n.value = text;
    return n;
  }

  QueryNode type_term(const std::vector<RawWord>& raw, std::size_t column) {
    std::string text;
    for (const RawWord& r : raw) {
      std::string piece = r.text;
      strip_truncation(piece, r.at, false);
      text += (text.empty() ? "" : " ") + piece;
    }
    std::optional<Design> design = design_from_words(text);
    if (!design)
      throw QueryError{raw.front().at, "unknown publication type " + single_quoted(text) + "; " + how_ +
                                           " takes a design: " + design_names() +
                                           " (or PubMed's \"randomized controlled trial\", \"meta-analysis\", "
                                           "\"systematic review\", \"review\")"};
    QueryNode n = term_node(Field::PublicationType, {}, false, column);
    n.value = to_string(*design);
    return n;
  }

  // A term of FIELD from the typed words RAW; PHRASE when they were quoted.
  QueryNode make(Field field, const std::vector<RawWord>& raw, bool phrase, std::size_t column) {
    switch (field) {
      case Field::All:
      case Field::Title:
      case Field::TitleAbstract:
        if (phrase) return phrase_term(field, raw.front().text, raw.front().at, column);
        return words_term(field, raw, column);
      case Field::Author:
      case Field::FirstAuthor:
      case Field::LastAuthor:
      case Field::Journal: {
        std::vector<RawWord> pieces = raw;
        if (phrase) pieces = split_phrase(raw.front());
        if (pieces.empty()) throw QueryError{raw.front().at, how_ + " needs a value"};
        return name_term(field, std::move(pieces), column);
      }
      case Field::Date:
      case Field::Volume:
      case Field::Page:
      case Field::PublicationType: {
        std::vector<RawWord> pieces = raw;
        if (phrase) pieces = split_phrase(raw.front());
        if (pieces.empty()) throw QueryError{raw.front().at, how_ + " needs a value"};
        if (field == Field::Date) return date_term(pieces, column);
        if (field == Field::PublicationType) return type_term(pieces, column);
        return value_term(field, pieces, column);
      }
    }
    throw QueryError{raw.front().at, "unknown field"};
  }

  // A quoted phrase's words as typed pieces (AT is the opening quote's offset).
  static std::vector<RawWord> split_phrase(const RawWord& phrase) {
    std::vector<RawWord> out;
    std::size_t i = 0;
    const std::string& t = phrase.text;
    while (i < t.size()) {
      while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
      std::size_t start = i;
      while (i < t.size() && !std::isspace(static_cast<unsigned char>(t[i]))) ++i;
      if (i > start) out.push_back({t.substr(start, i - start), offset(phrase.at, 1 + start)});
    }
    return out;
  }

 private:
  std::string how_;
  std::vector<std::string>& notes_;
};

// ---------------------------------------------------------------------------------------
// The query's tokens.

enum class Tok { Word, Phrase, Tag, LParen, RParen, And, Or, Not, End };

struct QToken {
  Tok kind = Tok::End;
  std::string text;       // a word as typed, a phrase's inside, a tag's inside
  std::size_t begin = 0;  // byte offsets in the query
  std::size_t end = 0;
};

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

std::vector<QToken> lex(std::string_view q) {
  std::vector<QToken> out;
  std::size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '(' || c == ')') {
      out.push_back({c == '(' ? Tok::LParen : Tok::RParen, std::string(1, c), i, i + 1});
      ++i;
      continue;
    }
    if (c == '"') {
      std::size_t close = q.find('"', i + 1);
      if (close == std::string_view::npos)
        throw QueryError{i, "unterminated phrase: the '\"' here has no closing '\"'"};
      out.push_back({Tok::Phrase, std::string(q.substr(i + 1, close - i - 1)), i, close + 1});
      i = close + 1;
      continue;
    }
    if (c == '[') {
      std::size_t close = q.find(']', i + 1);
      if (close == std::string_view::npos)
        throw QueryError{i, "unterminated field tag " + single_quoted(q.substr(i, 20)) + ": close it with ']'"};
      out.push_back({Tok::Tag, std::string(q.substr(i + 1, close - i - 1)), i, close + 1});
      i = close + 1;
      continue;
    }
    if (c == ']') throw QueryError{i, "unexpected ']': no field tag is open"};
    std::size_t start = i;
    while (i < q.size() && !is_space(q[i]) && q[i] != '(' && q[i] != ')' && q[i] != '"' && q[i] != '[' && q[i] != ']')
      ++i;
    std::string word(q.substr(start, i - start));
    Tok kind = word == "AND" ? Tok::And : word == "OR" ? Tok::Or : word == "NOT" ? Tok::Not : Tok::Word;
    out.push_back({kind, std::move(word), start, i});
  }
  out.push_back({Tok::End, "", q.size(), q.size()});
  return out;
}

bool is_operator(Tok t) { return t == Tok::And || t == Tok::Or || t == Tok::Not; }

// ---------------------------------------------------------------------------------------
// The recursive-descent parser.

constexpr std::size_t kMaxDepth = 100;  // parentheses within parentheses
constexpr std::size_t kMaxTerms = 250;  // SQLite refuses expressions much deeper than that

class Parser {
 public:
  Parser(std::string_view q, std::vector<std::string>& notes) : q_(q), toks_(lex(q)), notes_(notes) {}

  QueryNode parse() {
    QueryNode root = expr(nullptr);
    const QToken& t = peek();
    if (t.kind == Tok::RParen) throw QueryError{t.begin, "unexpected ')': no '(' is open"};
    return root;
  }

 private:
  const QToken& peek() const { return toks_[pos_]; }
  const QToken& previous() const { return toks_[pos_ - 1]; }
  std::size_t column(std::size_t byte) const { return utf8_chars(q_, byte) + 1; }

  QueryNode expr(const QToken* open) {
    QueryNode left = unit(nullptr, open);
    while (true) {
      const QToken& t = peek();
      if (t.kind == Tok::End || t.kind == Tok::RParen) break;
      QueryNode::Kind op = QueryNode::Kind::And;
      const QToken* op_token = nullptr;
      if (is_operator(t.kind)) {
        op = t.kind == Tok::And ? QueryNode::Kind::And : t.kind == Tok::Or ? QueryNode::Kind::Or : QueryNode::Kind::Not;
        op_token = &t;
        ++pos_;
      }
      QueryNode right = unit(op_token, open);
      left = combine(op, std::move(left), std::move(right));
    }
    return left;
  }

  QueryNode unit(const QToken* after_op, const QToken* open) {
    const QToken& t = peek();
    switch (t.kind) {
      case Tok::LParen: {
        if (++depth_ > kMaxDepth)
          throw QueryError{t.begin, "parentheses nested more than " + number(kMaxDepth) + " deep; flatten the query"};
        ++pos_;
        if (peek().kind == Tok::RParen) throw QueryError{peek().begin, "expected a term inside '(' ... ')', found ')'"};
        std::size_t unit_begin = t.begin;
        QueryNode inner = expr(&t);
        if (peek().kind != Tok::RParen) {
          const QToken& last = previous();
          throw QueryError{last.end, "expected ')' after " + single_quoted(q_.substr(last_unit_begin_, last.end - last_unit_begin_)) +
                                         " to close the '(' at " + number(column(t.begin))};
        }
        ++pos_;
        --depth_;
        last_unit_begin_ = unit_begin;
        if (peek().kind == Tok::Tag)
          throw QueryError{peek().begin, "field tag [" + peek().text +
                                             "] follows a parenthesised group; tag each term inside it, as in "
                                             "(Soran[au] OR Badwe[au])"};
        return inner;
      }
      case Tok::Word:
      case Tok::Phrase:
        return term();
      case Tok::Tag:
        throw QueryError{t.begin, "field tag [" + t.text + "] follows no term; put it right after one, as in Soran[au]"};
      case Tok::RParen:
        if (after_op) throw QueryError{t.begin, "expected a term after " + after_op->text + ", found ')'"};
        if (open) throw QueryError{t.begin, "expected a term, found ')'"};
        throw QueryError{t.begin, "unexpected ')': no '(' is open"};
      case Tok::End:
        if (after_op) throw QueryError{after_op->end, "expected a term after " + after_op->text};
        throw QueryError{t.begin, "expected a term"};
      case Tok::And:
      case Tok::Or:
      case Tok::Not:
        if (after_op) throw QueryError{t.begin, "expected a term after " + after_op->text + ", found " + t.text};
        if (t.kind == Tok::Not)
          throw QueryError{t.begin, "expected a term before NOT: NOT keeps what comes before it without what follows, "
                                    "as in surgery NOT review[pt]"};
        throw QueryError{t.begin, "expected a term before " + t.text};
    }
    throw QueryError{t.begin, "expected a term"};
  }

  QueryNode term() {
    const QToken& first = peek();
    std::vector<RawWord> raw;
    bool phrase = first.kind == Tok::Phrase;
    if (phrase) {
      raw.push_back({first.text, first.begin});
      ++pos_;
    } else {
      while (peek().kind == Tok::Word) {
        raw.push_back({peek().text, peek().begin});
        ++pos_;
      }
    }
    Field field = Field::All;
    std::string how = "an untagged term";
    if (peek().kind == Tok::Tag) {
      const QToken& tag = peek();
      auto f = field_from_tag(tag.text);
      if (!f)
        throw QueryError{tag.begin, "unknown field tag [" + tag.text +
                                        "]; the tags are [au] [1au] [lastau] [ti] [tiab] [ta] [dp] [vi] [pg] [pt] [all]"};
      field = *f;
      how = "[" + tag.text + "]";
      ++pos_;
    }
    last_unit_begin_ = first.begin;
    TermBuilder builder(how, notes_);
    return builder.make(field, raw, phrase, column(first.begin));
  }

  std::string_view q_;
  std::vector<QToken> toks_;
  std::size_t pos_ = 0;
  std::size_t last_unit_begin_ = 0;
  std::size_t depth_ = 0;
  std::vector<std::string>& notes_;
};

// ---------------------------------------------------------------------------------------
// Options: the same terms without syntax.

std::vector<RawWord> option_words(std::string_view value) {
  std::vector<RawWord> out;
  std::size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && is_space(value[i])) ++i;
    std::size_t start = i;
    while (i < value.size() && !is_space(value[i])) ++i;
    if (i > start) out.push_back({std::string(value.substr(start, i - start)), kNoPosition});
  }
  return out;
}

QueryNode option_term(const char* option, Field field, const std::string& value, std::vector<std::string>& notes) {
  TermBuilder builder(option, notes);
  try {
    if (field == Field::Title) {
      // Words must all occur in the title; quoted pieces are phrases.
      std::vector<QueryNode> parts;
      std::size_t i = 0;
      std::string words;  // the words outside quotes, read together as one term
      while (i < value.size()) {
        if (value[i] == '"') {
          words += ' ';
          std::size_t close = value.find('"', i + 1);
          std::string inside = value.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1);
          if (!option_words(inside).empty()) parts.push_back(builder.make(field, {{inside, kNoPosition}}, true, 0));
          i = close == std::string::npos ? value.size() : close + 1;
        } else {
          words += value[i++];
        }
      }
      auto raw = option_words(words);
      if (!raw.empty()) parts.insert(parts.begin(), builder.make(field, raw, false, 0));
      if (parts.empty()) throw QueryError{kNoPosition, "needs words to find in titles"};
      return compound(QueryNode::Kind::And, std::move(parts));
    }
    std::vector<RawWord> raw = option_words(value);
    if (raw.empty()) throw QueryError{kNoPosition, "needs a value"};
    return builder.make(field, raw, false, 0);
  } catch (const QueryError& e) {
    // A message that names the option reads alone; others are prefixed with it.
    if (e.message.find(option) != std::string::npos) throw QueryError{kNoPosition, e.message};
    throw QueryError{kNoPosition, std::string(option) + " " + single_quoted(value) + ": " + e.message};
  }
}

// ---------------------------------------------------------------------------------------
// S-expressions.

bool needs_quotes(std::string_view s) {
  return s.empty() || s.find_first_of(" ()\"") != std::string_view::npos;
}

void append_sexpr(std::string& out, const QueryNode& n) {
  switch (n.kind) {
    case QueryNode::Kind::Term: {
      out.append(field_tag(n.field)).append(":");
      if (n.field == Field::Date) {
        out.append(std::to_string(n.year_from));
        if (n.year_to != n.year_from) out.append(":").append(std::to_string(n.year_to));
        return;
      }
      if (n.field == Field::Volume || n.field == Field::Page || n.field == Field::PublicationType) {
        if (needs_quotes(n.value)) out.append("\"").append(n.value).append("\"");
        else out.append(n.value);
        return;
      }
      std::string words;
      for (const std::string& w : n.words) {
        if (!words.empty()) words.append(" ");
        words.append(w);
      }
      if (n.words.size() > 1) out.append("\"").append(words).append("\"");
      else out.append(words);
      if (n.prefix) out.append("*");
      return;
    }
    case QueryNode::Kind::And: out.append("(AND"); break;
    case QueryNode::Kind::Or: out.append("(OR"); break;
    case QueryNode::Kind::Not: out.append("(NOT"); break;
  }
  for (const QueryNode& c : n.children) {
    out.append(" ");
    append_sexpr(out, c);
  }
  out.append(")");
}

// ---------------------------------------------------------------------------------------
// SQL.

std::string like_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

// The FTS5 expression of a word-field term: a column filter and one quoted phrase. The
// words are tokenizer output (letters and digits), and quotes are doubled all the same.
std::string fts_expression(const QueryNode& n) {
  std::string out = n.field == Field::All ? "{title authors journal} : \"" : "{title} : \"";
  for (std::size_t i = 0; i < n.words.size(); ++i) {
    if (i) out += ' ';
    for (char c : n.words[i]) {
      if (c == '"') out += '"';
      out += c;
    }
  }
  out += '"';
  if (n.prefix) out += " *";
  return out;
}

// Authors' and journals' names as the KB's search keys hold them, with hyphens,
// apostrophes and full stops read the way the query's tokenizer reads them.
constexpr const char* kAuthorKeys =
    "(SELECT id, replace(replace(replace(search_key, '-', ' '), '''', ' '), '.', '') AS name_key FROM authors)";
constexpr const char* kJournalKeys =
    "(SELECT id, replace(replace(search_key, '-', ' '), '.', '') AS name_key, lower(title) AS title_key FROM journals)";

class SqlCompiler {
 public:
  explicit SqlCompiler(std::vector<SqlValue>& params) : params_(params) {}

  std::string param(SqlValue v) {
    params_.push_back(std::move(v));
    std::string out = "?";
    out.append(std::to_string(params_.size()));
    return out;
  }

  std::string condition(const QueryNode& n, bool excluded) {
    switch (n.kind) {
      case QueryNode::Kind::And:
      case QueryNode::Kind::Or: {
        std::string out = "(";
        for (std::size_t i = 0; i < n.children.size(); ++i) {
          if (i) out += n.kind == QueryNode::Kind::And ? " AND " : " OR ";
          out += condition(n.children[i], excluded);
        }
        return out + ")";
      }
      case QueryNode::Kind::Not: {
        std::string out = "(" + condition(n.children[0], excluded);
        for (std::size_t i = 1; i < n.children.size(); ++i) out += " AND NOT " + condition(n.children[i], true);
        return out + ")";
      }
      case QueryNode::Kind::Term: break;
    }
    switch (n.field) {
      case Field::All:
      case Field::Title:
      case Field::TitleAbstract: {
        std::string expr = fts_expression(n);
        if (!excluded && std::find(ranking_.begin(), ranking_.end(), expr) == ranking_.end()) ranking_.push_back(expr);
        return "r.id IN (SELECT rowid FROM refs_fts WHERE refs_fts MATCH " + param(expr) + ")";
      }
      case Field::Author:
      case Field::FirstAuthor:
      case Field::LastAuthor: {
        // Parameters are numbered in the order they are added: one statement each.
        std::string name = like_escape(join_words(n.words));
        std::string match;
        if (n.prefix) {
          std::string p = param(name + "%");
          match = "a.name_key LIKE " + p + " ESCAPE '\\'";
        } else if (n.words.size() == 1) {
          // A surname alone: any initials.
          std::string whole = param(join_words(n.words));
          std::string initials = param(name + " %");
          match = "(a.name_key = " + whole + " OR a.name_key LIKE " + initials + " ESCAPE '\\')";
        } else {
          // Surname and initials: the initials typed start the initials printed (Soran A
          // finds Soran AB); or the words typed are the whole surname (de Baere).
          std::string surname = param(name + " %");
          std::string start = param(name + "%");
          std::string longer = param(name + "% %");
          match = "(a.name_key LIKE " + surname + " ESCAPE '\\' OR (a.name_key LIKE " + start +
                  " ESCAPE '\\' AND a.name_key NOT LIKE " + longer + " ESCAPE '\\'))";
        }
        if (n.field == Field::FirstAuthor) match += " AND ra.position = 1";
        if (n.field == Field::LastAuthor) match += " AND ra.is_last = 1";
        return std::string("r.id IN (SELECT ra.reference_id FROM reference_authors ra JOIN ") + kAuthorKeys +
               " a ON a.id = ra.author_id WHERE " + match + ")";
      }
      case Field::Journal: {
        std::string name = join_words(n.words);
        std::string match;
        if (n.prefix) {
          std::string p = param(like_escape(name) + "%");
          match = "j.name_key LIKE " + p + " ESCAPE '\\' OR j.title_key LIKE " + p + " ESCAPE '\\'";
        } else {
          std::string p = param(name);
          match = "j.name_key = " + p + " OR j.title_key = " + p;
        }
        return std::string("(r.journal_id IS NOT NULL AND r.journal_id IN (SELECT j.id FROM ") + kJournalKeys +
               " j WHERE " + match + "))";
      }
      case Field::Date: {
        std::string from = param(std::int64_t{n.year_from});
        if (n.year_from == n.year_to) return "r.year IS " + from;
        std::string to = param(std::int64_t{n.year_to});
        return "(r.year IS NOT NULL AND r.year BETWEEN " + from + " AND " + to + ")";
      }
      case Field::Volume:
        return "r.volume = " + param(n.value);
      case Field::Page: {
        std::string first = param(n.value);
        std::string range = param(like_escape(n.value) + "-%");
        return "(r.pages = " + first + " OR r.pages LIKE " + range + " ESCAPE '\\')";
      }
      case Field::PublicationType:
        return "r.design = " + param(n.value);
    }
    return "0";
  }

  const std::vector<std::string>& ranking() const { return ranking_; }

 private:
  std::vector<SqlValue>& params_;
  std::vector<std::string> ranking_;  // the FTS expressions of the terms that are not excluded
};

std::size_t term_count(const QueryNode& n) {
  if (n.kind == QueryNode::Kind::Term) return 1;
  std::size_t total = 0;
  for (const QueryNode& c : n.children) total += term_count(c);
  return total;
}

bool has_field(const QueryNode& n, Field f) {
  if (n.kind == QueryNode::Kind::Term) return n.field == f;
  return std::any_of(n.children.begin(), n.children.end(), [f](const QueryNode& c) { return has_field(c, f); });
}

}  // namespace

const char* field_tag(Field field) {
  switch (field) {
    case Field::All: return "all";
    case Field::Author: return "au";
    case Field::FirstAuthor: return "1au";
    case Field::LastAuthor: return "lastau";
    case Field::Title: return "ti";
    case Field::TitleAbstract: return "tiab";
    case Field::Journal: return "ta";
    case Field::Date: return "dp";
    case Field::Volume: return "vi";
    case Field::Page: return "pg";
    case Field::PublicationType: return "pt";
  }
  return "all";
}

std::string to_sexpr(const QueryNode& node) {
  std::string out;
  append_sexpr(out, node);
  return out;
}

QueryParse parse_pubmed_query(std::string_view text) {
  QueryParse result;
  if (std::all_of(text.begin(), text.end(), is_space)) {
    result.empty = true;
    return result;
  }
  try {
    Parser parser(text, result.notes);
    result.root = parser.parse();
  } catch (const QueryError& e) {
    result.column = utf8_chars(text, std::min(e.at, text.size())) + 1;
    result.error = "query:";
    result.error.append(std::to_string(result.column)).append(": ").append(e.message);
  }
  return result;
}

std::string caret_lines(std::string_view text, std::size_t column, std::string_view indent) {
  std::string line(indent);
  // Control characters (an escape sequence pasted into a query) are shown as spaces, never sent
  // to the terminal; each is one column, so the caret stays under the character at fault.
  for (char c : text) line += (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') ? ' ' : c;
  line += '\n';
  line.append(indent);
  line.append(column > 0 ? column - 1 : 0, ' ');
  line += '^';
  return line;
}

std::string describe_sql_value(const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
  std::string out = "'";
  for (char c : std::get<std::string>(value)) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

Result<ReferenceSql> compile_reference_filter(const ReferenceFilter& filter) {
  // SQLite refuses LIKE patterns over 50,000 bytes with an error of its own; no citation search
  // needs a fifth of that.
  constexpr std::size_t kMaxQueryBytes = 10000;
  const std::pair<const char*, const std::string*> texts[] = {
      {"the query", &filter.query}, {"--author", &filter.author}, {"--title", &filter.title},
      {"--journal", &filter.journal}, {"--year", &filter.year},   {"--design", &filter.design}};
  for (const auto& [what, text] : texts)
    if (text->size() > kMaxQueryBytes)
      return Status::Usage(std::string(what) + " is " + std::to_string(text->size()) + " bytes long; at most " +
                           std::to_string(kMaxQueryBytes) + " are searched for, so shorten it");
  ReferenceSql out;
  std::vector<QueryNode> parts;
  QueryParse parsed = parse_pubmed_query(filter.query);
  if (!parsed.ok()) return Status::Usage(parsed.error);
  if (!parsed.empty) parts.push_back(std::move(parsed.root));
  out.notes = parsed.notes;
  try {
    if (!filter.author.empty()) parts.push_back(option_term("--author", Field::Author, filter.author, out.notes));
    if (!filter.title.empty()) parts.push_back(option_term("--title", Field::Title, filter.title, out.notes));
    if (!filter.journal.empty()) parts.push_back(option_term("--journal", Field::Journal, filter.journal, out.notes));
    if (!filter.year.empty()) parts.push_back(option_term("--year", Field::Date, filter.year, out.notes));
    if (!filter.design.empty())
      parts.push_back(option_term("--design", Field::PublicationType, filter.design, out.notes));
  } catch (const QueryError& e) {
    return Status::Usage(e.message);
  }
  const std::string& sort = filter.sort;
  if (!sort.empty() && sort != "relevance" && sort != "year" && sort != "author" && sort != "number")
    return Status::Usage("--sort " + sort + ": sort by relevance, year, author or number");
  if (filter.limit < 0) return Status::Usage("--limit " + std::to_string(filter.limit) + ": give 0 (all) or more");

  std::optional<QueryNode> root;
  if (!parts.empty()) root = compound(QueryNode::Kind::And, std::move(parts));
  if (root && term_count(*root) > kMaxTerms)
    return Status::Usage("the query makes " + std::to_string(term_count(*root)) + " terms (variants included); at most " +
                         std::to_string(kMaxTerms) + " are searched for, so shorten it");

  std::string where = "(?1 IS NULL OR r.topic_id = ?1)";
  out.parameters.push_back(filter.topic_id ? SqlValue(*filter.topic_id) : SqlValue(nullptr));
  SqlCompiler compiler(out.parameters);
  std::string condition;
  if (root) {
    out.tree = to_sexpr(*root);
    condition = compiler.condition(*root, false);
  }
  std::string rank_join;
  std::string score = "0.0 AS score";
  if (!compiler.ranking().empty()) {
    out.ranked = true;
    std::string expr;
    if (compiler.ranking().size() == 1) {
      expr = compiler.ranking().front();
    } else {
      for (const std::string& e : compiler.ranking()) {
        if (!expr.empty()) expr += " OR ";
        expr += "(" + e + ")";
      }
    }
    rank_join = "\nLEFT JOIN (SELECT rowid AS id, bm25(refs_fts) AS rank FROM refs_fts WHERE refs_fts MATCH " +
                compiler.param(expr) + ") s ON s.id = r.id";
    score = "coalesce(-s.rank, 0.0) AS score";
  }
  if (root) where += "\n  AND " + condition;

  std::string order;
  if (sort == "year") {
    order = "r.year DESC NULLS LAST, t.slug, r.number";
    out.order = "year, newest first";
  } else if (sort == "author") {
    order = "(SELECT a.search_key FROM reference_authors ra JOIN authors a ON a.id = ra.author_id"
            " WHERE ra.reference_id = r.id AND ra.position = 1) NULLS LAST, t.slug, r.number";
    out.order = "first author";
  } else if (out.ranked && sort != "number") {
    order = "score DESC, t.slug, r.number";
    out.order = "relevance";
  } else {
    order = "t.slug, r.number";
    out.order = "topic and number";
    if (sort == "relevance" && root) out.notes.push_back("no free text to rank by relevance: topic and number order");
  }
  std::string limit = compiler.param(std::int64_t{filter.limit > 0 ? filter.limit : -1});

  out.sql = std::string("SELECT ") + kReferenceColumns + ", " + score +
            "\nFROM refs r JOIN topics t ON t.id = r.topic_id" + rank_join + "\nWHERE " + where + "\nORDER BY " + order +
            "\nLIMIT " + limit;
  // The ranking join adds no row (a LEFT JOIN on the match's rowid): the count needs only the filter.
  out.count_sql = "SELECT count(*)\nFROM refs r JOIN topics t ON t.id = r.topic_id\nWHERE " + where;

  if (root && has_field(*root, Field::TitleAbstract))
    out.notes.push_back("[tiab] searches titles only: the KB holds no abstracts");
  if (root && has_field(*root, Field::Journal))
    out.notes.push_back("[ta] matches the journal's abbreviation as printed, or its full title when one is known");
  if (out.ranked) out.notes.push_back("relevance is bm25 over refs_fts for the terms that are not excluded");
  return out;
}

}  // namespace kb
