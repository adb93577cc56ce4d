#include "query/web/html.h"

#include <cstdio>

#include "kb/text.h"

namespace kb {
namespace {

void append_escaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t cp = utf8_next(text, i);
    switch (cp) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F) break;
        if (cp == 0xFFFD) utf8_append(out, cp);
        else out.append(text.substr(start, i - start));
    }
  }
}

}  // namespace

std::string html_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_escaped(out, text);
  return out;
}

std::string html_attr(std::string_view value) { return html_text(value); }

std::string url_component(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string html_snippet(std::string_view snippet) {
  std::string escaped = html_text(snippet);
  std::string out;
  std::size_t at = 0;
  while (true) {
    std::size_t open = escaped.find("**", at);
    std::size_t close = open == std::string::npos ? open : escaped.find("**", open + 2);
    if (close == std::string::npos) break;
    out.append(escaped, at, open - at).append("<mark>").append(escaped, open + 2, close - open - 2).append("</mark>");
    at = close + 2;
  }
  return out.append(escaped, at, std::string::npos);
}

std::string json_string(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_number_float()) return format_score(value.get<double>());
  return json_text(value, -1);
}

std::string design_class(const std::string& design) {
  if (design == "rct" || design == "meta_analysis" || design == "systematic_review") return "design-trial";
  if (design == "prospective_cohort" || design == "phase2_trial") return "design-prospective";
  if (design == "retrospective_cohort" || design == "registry_analysis" || design == "case_control")
    return "design-observational";
  if (design == "case_series") return "design-series";
  return "design-other";
}

std::string design_words(const std::string& design) {
  if (design == "rct") return "Randomised trial";
  if (design == "meta_analysis") return "Meta-analysis";
  if (design == "systematic_review") return "Systematic review";
  if (design == "prospective_cohort") return "Prospective cohort";
  if (design == "phase2_trial") return "Phase 2 trial";
  if (design == "retrospective_cohort") return "Retrospective cohort";
  if (design == "registry_analysis") return "Registry analysis";
  if (design == "case_control") return "Case-control";
  if (design == "case_series") return "Case series";
  if (design == "review") return "Review or guideline";
  return "Design not stated";
}

std::string provenance_badge(const std::string& link, const Json& score) {
  std::string words, title;
  if (link == "cited") {
    words = "cited";
    title = "a citation marker in the guideline's text";
  } else if (link == "curated") {
    words = "curated";
    title = "asserted in a curated links file";
  } else if (link == "inferred") {
    words = "inferred " + json_string(score);
    title = "proposed by the indexer, score " + json_string(score) + "; not a citation";
  } else {
    words = link;
    title = link;
  }
  return "<span class=\"badge link-" + html_attr(link) + "\" data-link=\"" + html_attr(link) + "\" title=\"" +
         html_attr(title) + "\">" + html_text(words) + "</span>";
}

const std::string& page_style() {
  static const std::string css = R"css(
:root{--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0b5cad;
--trial:#1a7f37;--prospective:#4d8f1f;--observational:#9a6700;--series:#bc4c00;--other:#6e7781}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)} a:focus,button:focus,input:focus,summary:focus{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-999px} .skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:2}
header{background:var(--soft);border-bottom:1px solid var(--line);padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
header .home{font-weight:600;text-decoration:none;color:var(--ink)}
form.search{display:flex;flex:1 1 20rem;gap:.4rem} form.search input{flex:1;min-width:0;font:inherit;padding:.4rem .6rem;border:1px solid var(--line);border-radius:6px}
form.search button{font:inherit;padding:.4rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:6px}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;line-height:1.25;margin:.4rem 0 .8rem} h2{font-size:1.15rem;margin:1.6rem 0 .5rem;border-bottom:1px solid var(--line)} h3{font-size:1rem;margin:1rem 0 .3rem}
.muted,.note{color:var(--muted)} .note{font-size:.92rem}
.bottom-line{border-left:5px solid var(--accent);background:var(--soft);padding:.6rem .9rem;margin:.6rem 0;border-radius:0 6px 6px 0}
.bottom-line p{margin:.25rem 0} .statement{font-size:1.1rem;font-weight:600}
.direction{font-weight:600;text-transform:uppercase;font-size:.78rem;letter-spacing:.04em;padding:.05rem .4rem;border-radius:4px;border:1px solid currentColor}
.direction-for{color:var(--trial)} .direction-against{color:#b42318} .direction-conditional{color:var(--observational)}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:1.1rem;border-left:2px solid var(--line)} ul.tree{padding-left:.6rem}
ul.tree li{margin:.35rem 0} .node-if{color:var(--muted)} .node-then{font-weight:600}
table{border-collapse:collapse;width:100%} th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
.scroll{overflow-x:auto}
.badge{display:inline-block;font-size:.78rem;padding:0 .45rem;border-radius:999px;white-space:nowrap;border:1px solid}
.link-cited{background:#0b5cad;color:#fff;border-color:#0b5cad} .link-curated{background:#6639ba;color:#fff;border-color:#6639ba}
.link-inferred{background:#fff;color:#57606a;border-style:dashed;border-color:#57606a}
.link-question,.link-cited_by_passage{background:#fff;color:#57606a;border-color:#d0d7de}
.design{display:inline-block;font-size:.78rem;padding:0 .4rem;border-radius:4px;color:#fff}
.design-trial{background:var(--trial)} .design-prospective{background:var(--prospective)} .design-observational{background:var(--observational)}
.design-series{background:var(--series)} .design-other{background:var(--other)}
.evidence li{margin:.4rem 0} .why{font-size:.9rem;color:var(--muted)}
mark{background:#fff3b0;color:inherit}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem} dl.fields dt{color:var(--muted)} dl.fields dd{margin:0}
.matrix td,.matrix th{text-align:center;padding:.2rem;min-width:1.8rem} .matrix th.rec{text-align:left;white-space:nowrap}
.matrix a{display:block;text-decoration:none;color:#fff;border-radius:3px}
.bar{display:flex;height:1.1rem;border-radius:3px;overflow:hidden;min-width:8rem} .bar span{display:block}
footer{max-width:60rem;margin:2rem auto;padding:0 1rem;color:var(--muted);font-size:.85rem}
@media (max-width:40rem){main{padding:.6rem} dl.fields{grid-template-columns:1fr} h1{font-size:1.25rem}}
@media print{header,form.search,.skip,.downloads{display:none} a{color:inherit;text-decoration:none} main{max-width:none}
.badge,.design{border:1px solid #000;color:#000!important;background:#fff!important} details>*{display:block}}
)css";
  return css;
}

std::string render_page(const Page& page) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" + html_text(page.title) + " · evidence KB</title>\n<style>" + page_style() + "</style>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n";
  if (page.with_search) {
    out += "<header><a class=\"home\" href=\"/\">Evidence KB</a>"
           "<form class=\"search\" role=\"search\" method=\"get\" action=\"/ask\">"
           "<label class=\"skip\" for=\"q\">Question or citation search</label>"
           "<input id=\"q\" name=\"q\" type=\"search\" maxlength=\"1000\" value=\"" + html_attr(page.search) +
           "\" placeholder=\"What supports surgery here?  or  Soran[au] 2018[dp]\" aria-label=\"Question, or a citation search with field tags\">"
           "<button type=\"submit\">Ask</button></form></header>\n";
  }
  out += "<main id=\"main\">\n<h1>" + html_text(page.title) + "</h1>\n" + page.body + "\n</main>\n";
  out += "<footer>Every link to a study says where it comes from: <strong>cited</strong> (a marker in the "
         "guideline's text), <strong>curated</strong> (a links file) or <strong>inferred</strong> (the "
         "indexer's proposal, with its score). Read-only; nothing here leaves this machine.</footer>\n</body>\n</html>\n";
  return out;
}

}  // namespace kb
