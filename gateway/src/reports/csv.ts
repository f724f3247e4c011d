/** Byte order mark: spreadsheet programs read the file as UTF-8 only when it starts with one. */
export const UTF8_BOM = "\uFEFF";

/** A plain number as a spreadsheet would type it: such a cell is safe even when it starts with "-". */
const PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/** Characters a spreadsheet reads as the start of a formula (or, tab and CR, that hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell, safe to open in a spreadsheet: a text that would start a formula (= + - @, or a tab or
 * carriage return before one) gets a leading single quote, so it is shown as text and never run
 * (OWASP, "CSV injection"); a plain number is left as it is. Then RFC 4180 quoting: a cell with a
 * comma, a double quote, CR or LF is enclosed in double quotes, its quotes doubled.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value == null) return "";
  let text = String(value);
  if (typeof value !== "number" && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF after every record (the last one too), UTF-8 with a byte order mark. */
export function csvDocument(records: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return UTF8_BOM + records.map((record) => record.map(csvCell).join(",") + "\r\n").join("");
}
