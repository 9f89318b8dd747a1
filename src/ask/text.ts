/**
 * Text helpers for Ask: one normal form for questions and lexicon entries (lower case, accents and
 * punctuation dropped, so "Educación Especial" and "educacion especial" are the same words), and the
 * edit distance used to forgive misspellings. No Node APIs.
 */

/** Scripts written without spaces between words: split into words with Intl.Segmenter (ICU dictionaries). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Khmer}\p{Script=Thai}\p{Script=Lao}\p{Script=Myanmar}]/u;
let segmenter: Intl.Segmenter | null | undefined;

function spaceWords(text: string): string {
  if (!UNSPACED.test(text)) return text;
  segmenter ??= typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
  if (!segmenter) return text;
  return [...segmenter.segment(text)].map((s) => (s.isWordLike ? ` ${s.segment} ` : s.segment)).join('');
}

/**
 * Lower case, no accents on Latin and Cyrillic letters (other scripts keep their marks: they are letters
 * there), punctuation → spaces, single spaces; words of Chinese, Japanese, Khmer and Thai text separated.
 * Hyphens and slashes between digits stay ("2023-24").
 */
export function normalize(text: string): string {
  return spaceWords(
    text
      .normalize('NFC')
      // Digits as typed on Farsi and Arabic keyboards (۲۰۲۴, ٢٠٢٤) are years and amounts like any other.
      .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
      .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
      // Armenian marks the stressed vowel of a question word inside the word (որքա՞ն): drop the marks.
      .replace(/[\u055B-\u055E]/g, ''),
  )
    .normalize('NFKD')
    .replace(/([\p{Script=Latin}\p{Script=Cyrillic}])\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/(\d)\s*[-–—/]\s*(\d)/g, '$1-$2')
    .replace(/(\p{L})[’'`]s(?=\P{L}|$)/gu, '$1')
    .replace(/[’'`]/g, '')
    // Arabic short-vowel marks are optional in writing: drop them. Other combining marks belong to
    // their letters (Khmer, Armenian, Devanagari…): keep them, or words fall apart into fragments.
    .replace(/[\u064B-\u065F\u0670]/g, '')
    .replace(/[^\p{L}\p{M}\p{N}-]+/gu, ' ')
    .replace(/(^|\s)-+|-+(?=\s|$)/g, ' ')
    .replace(/(\p{L})-(\p{L})/gu, '$1 $2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a normalized text. */
export function words(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}

/** Optimal-string-alignment distance (Levenshtein plus adjacent swaps), giving up past `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/**
 * How many typos a word of this length may carry and still count as the lexicon's word: none for short
 * words (too many short words are one letter apart), one from 6 letters, two from 9.
 */
export function allowedTypos(word: string): number {
  if (/\d/.test(word)) return 0;
  if (word.length >= 9) return 2;
  if (word.length >= 6) return 1;
  return 0;
}

/** Whether a question word is the lexicon word, allowing for typos (and a plural "s"/"es"). */
export function sameWord(question: string, lexicon: string): boolean {
  if (question === lexicon) return true;
  // Plurals, but not for short words: Spanish "el" is not "els" (English learners).
  if (question.length >= 4 && lexicon.length >= 4 && (question === `${lexicon}s` || question === `${lexicon}es` || lexicon === `${question}s`)) return true;
  const max = Math.min(allowedTypos(question), allowedTypos(lexicon));
  if (max === 0) return false;
  // The first letter is rarely the misspelled one; insisting on it avoids most false friends.
  if (question[0] !== lexicon[0]) return false;
  return editDistance(question, lexicon, max) <= max;
}

/** Splits a "a|b|c" message into its normalized phrases (empty ones dropped). */
export function phrases(list: string | undefined): string[] {
  if (!list) return [];
  return list.split('|').map((p) => normalize(p)).filter((p) => p.length > 0);
}
