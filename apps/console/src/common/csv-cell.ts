/** One CSV cell: quoted when needed, and a leading formula character neutralised (spreadsheet formula injection). */
export const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV text (CRLF lines) of a header and rows of cells. */
export const csvText = (header: readonly string[], rows: readonly unknown[][]): string =>
  [header.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
