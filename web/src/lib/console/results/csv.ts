/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, a field with a
 * comma, quote or line break inside double quotes with its quotes doubled. Text that a
 * spreadsheet would run as a formula (starting with = + - @ or a tab) gets a leading
 * apostrophe, as OWASP advises for CSV files opened in Excel ("CSV Injection"): a player
 * named "=HYPERLINK(…)" stays a name. Hand-written: twenty lines, and a library for it would
 * be most of the export's weight.
 */
export type Cell = string | number | boolean | null;

const FORMULA = /^[=+\-@\t\r]/;

export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  const text = FORMULA.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/**
 * Reads CSV back (RFC 4180, as toCsv writes it): the tests use it to check a download, and it
 * is small enough to keep beside the writer.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
