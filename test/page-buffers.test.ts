/**
 * The page's buffers: the one sent out when the rows held pass the budget is
 * the one a scan of every buffer picks (the fullest, the first met of
 * several as full, the buffer just added to when it is as full as any), so
 * the parts and their numbering do not depend on how it is found.
 */
import { describe, expect, it } from 'vitest';
import { Fullest } from '../pipeline/export/html.ts';

describe('the fullest of the page buffers', () => {
  it('is the one a scan of them all picks, through growth past the foreseen number', () => {
    let seed = 7;
    const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const fullness = new Fullest(8); // fewer than the buffers met, so the tree grows
    const lengths = new Map<string, number>();
    const place = new Map<string, number>();
    for (let step = 0; step < 20_000; step++) {
      const name = `b-${random(40)}`;
      if (!place.has(name)) {
        place.set(name, fullness.add(name));
        lengths.set(name, 0);
      }
      lengths.set(name, lengths.get(name)! + 1);
      fullness.set(place.get(name)!, lengths.get(name)!);
      if (random(3) === 0) {
        let scanned = name;
        for (const [k, v] of lengths) if (v > lengths.get(scanned)!) scanned = k;
        const picked = fullness.max() > lengths.get(name)! ? fullness.first() : name;
        expect(picked).toBe(scanned);
        lengths.set(picked, 0);
        fullness.set(place.get(picked)!, 0);
      }
    }
  });
});
