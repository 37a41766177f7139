/** RFC 4180 CSV: quote every field that needs it, CRLF line ends (what spreadsheet tools expect). */
export function toCsv(header: string[], rows: (string | number | bigint | null)[][]): string {
  const cell = (v: string | number | bigint | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
