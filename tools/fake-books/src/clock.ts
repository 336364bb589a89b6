/**
 * The server's notion of "now" for token expiry and rate-limit windows.
 * NOTE: tests move it forward through the admin API instead of sleeping, so they never depend on
 * wall-clock speed; the request log keeps real wall-clock times.
 */
export class Clock {
  private offsetMs = 0;

  /** `source` is the underlying time; tests may pass a frozen one. */
  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/** Zoho-style timestamp, e.g. "2024-05-01T10:20:30+0000". */
export function formatZohoTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** Zoho-style date, e.g. "2024-05-01". */
export function formatZohoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
