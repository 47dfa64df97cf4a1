/** PHP `date('c')`: ISO 8601 with seconds and a `+00:00` offset. */
export function phpDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`
}
