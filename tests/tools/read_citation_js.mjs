// Reads an export back with citation-js (@citation-js/core and its RIS, BibTeX and CSL
// plugins) and prints what it understood as JSON, for the export round-trip test.
//
//   node read_citation_js.mjs ris|bibtex|csl-json FILE
//
// Prints {"reader": "citation-js <version> <format>", "records": [{"authors": [{"family",
// "given", "suffix", "literal"}], "title", "journal", "year", "volume", "issue", "pages",
// "doi", "pmid", "note"}]}: citation-js's own CSL data, mapped field for field and never
// cleaned up, so that the test sees exactly what a citation-js user would get. A name's
// particles ("de", "van de") are joined to its family name, as the KB prints them.
// Exit status 2 for a usage error, 1 when the file cannot be read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Cite, version } from '@citation-js/core';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';

const inputTypes = { ris: '@ris/file', bibtex: '@biblatex/text', 'csl-json': '@csl/list+object' };
const [format, file] = process.argv.slice(2);
if (!inputTypes[format] || !file) {
  console.error('usage: node read_citation_js.mjs ris|bibtex|csl-json FILE');
  process.exit(2);
}

const text = readFileSync(file, 'utf8');
const input = format === 'csl-json' ? JSON.parse(text) : text;
const cite = new Cite(input, { forceType: inputTypes[format] });

const joined = (...parts) => parts.filter((p) => p).join(' ');
const records = cite.data.map((item) => ({
  authors: (item.author || []).map((a) => ({
    family: joined(a['dropping-particle'], a['non-dropping-particle'], a.family),
    given: a.given || '',
    suffix: a.suffix || '',
    literal: a.literal || '',
  })),
  title: item.title || '',
  journal: item['container-title'] || '',
  year: item.issued && item.issued['date-parts'] ? item.issued['date-parts'][0][0] : null,
  volume: item.volume == null ? '' : String(item.volume),
  issue: item.issue == null ? '' : String(item.issue),
  pages: item.page == null ? '' : String(item.page),
  doi: item.DOI || '',
  pmid: item.PMID || '',
  note: item.note || '',
}));
const require = createRequire(import.meta.url);
const pluginVersion = require('@citation-js/core/package.json').version;
console.log(JSON.stringify({ reader: `citation-js ${version || pluginVersion} ${format}`, records }));
