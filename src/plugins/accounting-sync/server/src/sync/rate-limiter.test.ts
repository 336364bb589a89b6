import fc from 'fast-check';
import { decideWindowSlot, parseRecentRequests } from './rate-limiter';

describe('decideWindowSlot', () => {
  const limits = { requestsPerWindow: 3, windowMs: 1000 }; // a span of 1,100 ms with the margin

  it('takes a slot while fewer than the limit were sent within the span', () => {
    expect(decideWindowSlot([], 5_000, limits)).toEqual({ isTaken: true, recent: [5_000] });
    expect(decideWindowSlot([3_800, 4_500, 4_600], 5_000, limits)).toEqual({
      isTaken: true,
      recent: [4_500, 4_600, 5_000], // 3,800 is more than 1,100 ms ago
    });
  });

  it('waits until the request that fills the window leaves the span', () => {
    expect(decideWindowSlot([4_200, 4_500, 4_900], 5_000, limits)).toEqual({
      isTaken: false,
      waitMs: 300, // 4,200 + 1,100 − 5,000
    });
  });

  it('counts the requests of an instance whose clock runs ahead, in any order they were stored', () => {
    // 5,300 and 5,200 were stamped by a clock 400 ms ahead of this one.
    expect(decideWindowSlot([5_300, 4_700, 5_200], 5_000, limits)).toEqual({
      isTaken: false,
      waitMs: 800, // 4,700 + 1,100 − 5,000
    });
    expect(decideWindowSlot([5_300, 4_700], 5_000, limits)).toEqual({
      isTaken: true,
      recent: [4_700, 5_000, 5_300],
    });
  });

  it('counts a time far ahead as one span ahead, so a clock far off stalls nothing for long', () => {
    // An instance's clock an hour ahead, or a corrupt value: the wait is at most two spans.
    expect(decideWindowSlot([5_000 + 3_600_000, 4_900, 4_950], 5_000, limits)).toEqual({
      isTaken: false,
      waitMs: 1_000, // 4,900 + 1,100 − 5,000: the hour-ahead time counts as 6,100
    });
    expect(
      decideWindowSlot([5_000 + 3_600_000, 5_000 + 3_600_000, 5_000 + 3_600_000], 5_000, limits),
    ).toEqual({
      isTaken: false,
      waitMs: 2_200, // 6,100 + 1,100 − 5,000
    });
  });

  it('never lets a window of the provider hold more than the limit, whatever its phase', () => {
    // Requests offered at uneven times: a fixed window of ours would let one sent late in it
    // and the whole of the next land in one window of the provider's.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 60 }), (gaps) => {
        const sent: number[] = [];
        let now = 0;
        for (const gap of gaps) {
          now += gap;
          const decision = decideWindowSlot(sent, now, limits);
          if (decision.isTaken) {
            sent.push(now);
          }
        }
        for (const start of sent) {
          const inWindow = sent.filter((time) => time >= start && time < start + 1000);
          expect(inWindow.length).toBeLessThanOrEqual(3);
        }
      }),
    );
  });

  it('reads the stored times, ignoring what is not one', () => {
    expect(parseRecentRequests('1700000000000,1700000000500')).toEqual([
      1_700_000_000_000, 1_700_000_000_500,
    ]);
    expect(parseRecentRequests(null)).toEqual([]);
    expect(parseRecentRequests('x,,12.5')).toEqual([]);
  });
});
