import { describe, expect, it } from 'vitest';
import { benchFhirPush } from '../../../bench/fhir/push.ts';

describe('bench/fhir/push.ts', () => {
  it('measures push, replay, bare and raw rates on servers holding the same resources, each stored once', async () => {
    const r = await benchFhirPush(3);
    expect(r.stored).toEqual({ Patient: 23, ServiceRequest: 23, Task: 23, Consent: 23, Organization: 2 });
    for (const rate of [r.push, r.replay, r.bare, r.raw]) {
      expect(rate.wall).toBeGreaterThan(0);
      expect(rate.cpu).toBeGreaterThan(0);
    }
    expect(r.ratio).toBeCloseTo(r.push.wall / r.raw.wall);
    expect(r.clientRatio).toBeCloseTo(r.push.wall / r.bare.wall);
  });
});
