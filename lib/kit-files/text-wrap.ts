import { textWidth, type StandardFont } from './font-metrics';

/**
 * Greedy line breaking for the kits' short paragraphs: break at spaces; a word wider than the line (a long
 * email, a grouped key) breaks after a hyphen, "@" or "." where it can, else between characters, so nothing
 * ever runs off the page. Throws UnencodableTextError for text the standard fonts cannot show.
 */
export function wrapText(text: string, font: StandardFont, size: number, maxWidth: number): string[] {
  if (!(maxWidth > 0)) throw new RangeError('maxWidth must be positive');
  const width = (s: string) => textWidth(s, font, size);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (width(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    line = '';
    for (const piece of splitWord(word, width, maxWidth)) {
      const joined = line + piece;
      if (width(joined) <= maxWidth) line = joined;
      else {
        if (line !== '') lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Pieces of one word to be laid out with no space between them: split after "-", "@" and ".", and any piece
 * still wider than the line split into characters.
 */
function splitWord(word: string, width: (s: string) => number, maxWidth: number): string[] {
  const pieces: string[] = [];
  for (const part of word.split(/(?<=[-@.])/)) {
    if (width(part) <= maxWidth) pieces.push(part);
    else pieces.push(...Array.from(part));
  }
  return pieces;
}
