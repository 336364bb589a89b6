import { z } from 'zod';

/**
 * Faults a test can queue for the next matching requests.
 * - latency: hold the request for `latencyMs`, then serve it normally (stacks with one other fault);
 * - error: answer `status` (5xx) without touching state;
 * - reset: destroy the connection with a TCP reset before anything is done;
 * - commit-then-drop: perform the request, then destroy the socket instead of answering;
 * - commit-then-error: perform the request, then answer 500 as if it had failed;
 * - rate-limit: answer 429 with Zoho's envelope (a burst, independent of the real counters).
 */
export const FAULT_KINDS = [
  'latency',
  'error',
  'reset',
  'commit-then-drop',
  'commit-then-error',
  'rate-limit',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultRequestSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    /** How many matching requests get the fault. */
    count: z.number().int().positive().default(1),
    /** Matches requests whose path starts with this (e.g. "/books/v3/invoices"). */
    path: z.string().startsWith('/').optional(),
    method: z
      .string()
      .transform((method) => method.toUpperCase())
      .optional(),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    status: z.number().int().min(500).max(599).optional(),
  })
  .strict()
  .refine((fault) => fault.kind !== 'latency' || fault.latencyMs !== undefined, {
    message: 'latencyMs is required for a latency fault',
    path: ['latencyMs'],
  });

export type FaultRequest = z.input<typeof faultRequestSchema>;

export interface Fault {
  readonly id: number;
  readonly kind: FaultKind;
  remaining: number;
  readonly path?: string;
  readonly method?: string;
  readonly latencyMs?: number;
  readonly status?: number;
}

/** What applies to one request: an optional delay plus at most one other fault. */
export interface FaultPlan {
  readonly latencyMs: number;
  readonly fault?: Fault;
}

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(request: FaultRequest): Fault {
    const parsed = faultRequestSchema.parse(request);
    const fault: Fault = {
      id: this.nextId++,
      kind: parsed.kind,
      remaining: parsed.count,
      path: parsed.path,
      method: parsed.method,
      latencyMs: parsed.latencyMs,
      status: parsed.kind === 'error' ? (parsed.status ?? 500) : undefined,
    };
    this.faults.push(fault);
    return fault;
  }

  pending(): readonly Fault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Picks (and uses up) the faults that apply to a request, oldest first. */
  take(method: string, path: string): FaultPlan {
    const latency = this.consume((fault) => fault.kind === 'latency', method, path);
    const fault = this.consume((candidate) => candidate.kind !== 'latency', method, path);
    return { latencyMs: latency?.latencyMs ?? 0, fault };
  }

  private consume(
    isWanted: (fault: Fault) => boolean,
    method: string,
    path: string,
  ): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        isWanted(candidate) &&
        (candidate.method === undefined || candidate.method === method) &&
        (candidate.path === undefined || path.startsWith(candidate.path)),
    );
    if (!fault) {
      return undefined;
    }
    fault.remaining -= 1;
    if (fault.remaining <= 0) {
      this.faults = this.faults.filter((candidate) => candidate !== fault);
    }
    return fault;
  }
}
