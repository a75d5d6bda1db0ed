import { percentile } from './stats.js';

/**
 * Outcomes of one kind of operation: latency of those answered with success,
 * refusals the rules call for (a full activity, say) apart from errors.
 */
export class OpStats {
  readonly latenciesMs: number[] = [];
  issued = 0;
  refused = 0;
  errors = 0;
  readonly codes = new Map<string, number>();

  constructor(
    readonly name: string,
    /** Problem codes that are a correct answer under load, not a failure. */
    private readonly expectedRefusals: string[] = [],
  ) {}

  succeeded(latencyMs: number): void {
    this.latenciesMs.push(latencyMs);
  }

  failed(code: string): void {
    if (this.expectedRefusals.some((c) => code.endsWith(c))) this.refused += 1;
    else this.errors += 1;
    this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
  }

  get answered(): number {
    return this.latenciesMs.length + this.refused + this.errors;
  }

  summary(seconds: number): Record<string, number | string> {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    return {
      ok: sorted.length,
      '/s': sorted.length / seconds,
      p50: `${percentile(sorted, 50).toFixed(1)} ms`,
      p99: `${percentile(sorted, 99).toFixed(1)} ms`,
      refused: this.refused,
      errors: this.errors,
      unanswered: this.issued - this.answered,
      ...(this.codes.size > 0
        ? {
            codes: [...this.codes]
              .map(([code, n]) => `${n}× ${code}`)
              .slice(0, 4)
              .join('; '),
          }
        : {}),
    };
  }
}

/** Calls `fire(n)` for operation n at start + n / rate (open loop), for `seconds`. */
export async function openLoop(
  schedules: { rate: number; fire: (dueAt: number) => void }[],
  seconds: number,
): Promise<void> {
  const start = performance.now();
  const sent = schedules.map(() => 0);
  const totals = schedules.map((s) => Math.round(s.rate * seconds));
  for (;;) {
    const elapsed = performance.now() - start;
    let pending = false;
    schedules.forEach((schedule, i) => {
      const due = Math.min(totals[i]!, Math.floor((elapsed * schedule.rate) / 1000) + 1);
      for (; sent[i]! < due; sent[i]! += 1) schedule.fire(start + (sent[i]! * 1000) / schedule.rate);
      if (sent[i]! < totals[i]!) pending = true;
    });
    if (!pending) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
