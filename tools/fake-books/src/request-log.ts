import type { FaultKind } from './faults';

/** One request the fake received (admin calls are not logged, so tests can count API calls). */
export interface RequestLogEntry {
  readonly seq: number;
  readonly method: string;
  /** Path without the query string (which may carry OAuth secrets). */
  readonly path: string;
  readonly organizationId?: string;
  /** Status sent, or the status the handler produced before the answer was dropped. */
  status?: number;
  /** False when the connection was reset or dropped instead of answered. */
  answered: boolean;
  /** Wall-clock epoch milliseconds. */
  readonly startedAt: number;
  endedAt?: number;
  fault?: FaultKind;
  /** Injected delay in milliseconds (0 when none). */
  latencyMs: number;
  /** Zoho `code` of the answer, when it had one. */
  code?: number;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private nextSeq = 1;

  start(method: string, path: string, organizationId: string | undefined): RequestLogEntry {
    const entry: RequestLogEntry = {
      seq: this.nextSeq++,
      method,
      path,
      organizationId,
      answered: false,
      startedAt: Date.now(),
      latencyMs: 0,
    };
    this.entries.push(entry);
    return entry;
  }

  list(): readonly RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.entries = [];
    this.nextSeq = 1;
  }
}
