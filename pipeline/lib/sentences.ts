/**
 * Sentences of English prose. A full stop ends a sentence unless it closes
 * an abbreviation this journal uses ("Sept.", "St.", "Gen.", "No.", "U.S.")
 * or an initial; a sentence ends before a capital, an opening quotation mark
 * or a bracket.
 */
const ABBREVIATIONS = /(?:\b(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|St|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Prof|No|Nos|Vol|pp|vs|etc|Jr|Sr|U\.S|U\.N|e\.g|i\.e)|\b[A-Z])\.$/;
const END = /[.!?]["”’)]?(?=\s+[A-Z“"(\[*])/g;

/** [start, end) UTF-16 ranges of the sentences of a text (a paragraph). */
export function sentenceRanges(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  END.lastIndex = 0;
  for (let m = END.exec(text); m; m = END.exec(text)) {
    const end = m.index + m[0].length;
    if (ABBREVIATIONS.test(text.slice(start, end).replace(/["”’)]$/, ''))) continue;
    out.push([start, end]);
    start = end;
    while (start < text.length && /\s/.test(text[start]!)) start++;
  }
  if (start < text.trimEnd().length) out.push([start, text.trimEnd().length]);
  return out;
}

export function firstSentence(text: string): string {
  const [first] = sentenceRanges(text);
  return first ? text.slice(first[0], first[1]) : text;
}
