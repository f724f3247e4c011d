/** Person names refuse digits: numbered test people get letters instead (0 → "a", 12 → "bc"). */
export function letters(n: number): string {
  return String(n).replace(/\d/g, (d) => "abcdefghij"[Number(d)]);
}
