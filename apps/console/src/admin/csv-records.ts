/** Splits CSV text into records (quote-aware: newlines inside quotes stay in the record). */
export function csvRecords(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let start = 0, line = 1, startLine = 1, quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' && !quoted) || i === text.length) {
      const rec = text.slice(start, i).replace(/\r$/, '');
      if (rec.trim() !== '') out.push({ line: startLine, text: rec });
      start = i + 1;
      startLine = line + 1;
    }
    if (c === '\n') line++;
  }
  return out;
}
