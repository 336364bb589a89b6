import { msUntilNextUtcDay, retryDelayMs, withJitterMs } from './backoff';

const policy = { baseMs: 1000, capMs: 60_000 };

describe('retryDelayMs', () => {
  it('grows the ceiling exponentially from the base', () => {
    const almostOne = () => 0.999999;
    expect(retryDelayMs(1, policy, almostOne)).toBe(999);
    expect(retryDelayMs(2, policy, almostOne)).toBe(1999);
    expect(retryDelayMs(4, policy, almostOne)).toBe(7999);
  });

  it('never waits longer than the cap', () => {
    expect(retryDelayMs(30, policy, () => 0.999999)).toBe(59_999);
    expect(retryDelayMs(500, policy, () => 0.999999)).toBe(59_999);
  });

  it('spreads delays uniformly below the ceiling (full jitter)', () => {
    expect(retryDelayMs(3, policy, () => 0)).toBe(0);
    expect(retryDelayMs(3, policy, () => 0.5)).toBe(2000);
  });
});

describe('withJitterMs', () => {
  it('adds up to the fraction of the pause', () => {
    expect(withJitterMs(2000, 0.2, () => 0)).toBe(2000);
    expect(withJitterMs(2000, 0.2, () => 0.5)).toBe(2200);
    expect(withJitterMs(2000, 0.2, () => 0.999999)).toBe(2399);
  });

  it('keeps the jitter under its cap, so a pause until a daily reset ends within a minute of it', () => {
    const sixHours = 6 * 3_600_000;
    expect(withJitterMs(sixHours, 0.2, () => 0.999999, 60_000)).toBe(sixHours + 59_999);
    expect(withJitterMs(2000, 0.2, () => 0.5, 60_000)).toBe(2200);
  });
});

describe('msUntilNextUtcDay', () => {
  it('counts to the next UTC midnight', () => {
    expect(msUntilNextUtcDay(new Date('2026-12-03T23:59:00.000Z'))).toBe(60_000);
    expect(msUntilNextUtcDay(new Date('2026-12-31T00:00:00.000Z'))).toBe(86_400_000);
  });
});
