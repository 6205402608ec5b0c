import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinMapping } from '../../../../../adapters/sources/index.ts';
import { PRIMERO_REFERRAL_STATUS, primeroFields } from '../../../../../adapters/sources/primero/push.ts';
import { normaliseRecord } from '../../../../../core/records/normalise-record.ts';
import { recordIdFor } from '../../../../../core/records/record-id.ts';
import { ReferralStatus } from '../../../../../schemas/canonical/referral.ts';
import type { CanonicalRecord } from '../../../../../schemas/canonical/index.ts';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../adapters/sources/primero/fixtures/${name}.json`, import.meta.url), 'utf8'),
  ) as {
    data: Record<string, unknown>;
  };

function mapped(payload: unknown) {
  const result = normaliseRecord(builtinMapping('primero'), payload, { receivedAt: '2026-03-01T00:00:00.000Z' });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.record;
}

describe('canonical records in Primero field names', () => {
  it.each(['bukavu-case', 'goma-unaccompanied-estimated'])(
    '%s: read back by the built-in Primero mapping, gives the same person and case',
    (name) => {
      const source = fixture(name);
      const first = mapped(source);
      const record: CanonicalRecord = {
        schemaVersion: '1',
        id: recordIdFor('src_primero', first.sourceRecordId),
        organisationId: 'org_alpha',
        person: first.person,
        case: first.case,
        ...(first.unmappedCodes ? { unmappedCodes: first.unmappedCodes } : {}),
        provenance: {
          sourceId: 'src_primero',
          sourceRecordId: first.sourceRecordId,
          mappingVersion: 'builtin-1',
          receivedAt: '2026-03-01T00:00:00.000Z',
          contentHash: 'a'.repeat(64),
        },
        storedAt: '2026-03-01T00:00:00.000Z',
      };
      // What Primero would answer for the case Relais wrote: its fields, and Primero's own.
      const { id, case_id_display, last_updated_at } = source.data;
      const back = mapped({ data: { ...primeroFields(record), id, case_id_display, last_updated_at } });
      expect(back.person).toEqual(first.person);
      expect(back.case).toEqual(first.case);
      expect(back.unmappedCodes).toEqual(first.unmappedCodes);
    },
  );

  it('leaves out what Relais does not hold, so that a PATCH erases nothing', () => {
    const fields = primeroFields({
      schemaVersion: '1',
      id: recordIdFor('src_x', 'x-1'),
      organisationId: 'org_alpha',
      person: { name: { given: 'Aline' }, sex: 'female' },
      case: { status: 'open' },
      provenance: {
        sourceId: 'src_x',
        sourceRecordId: 'x-1',
        mappingVersion: '1',
        receivedAt: '2026-03-01T00:00:00.000Z',
        contentHash: 'a'.repeat(64),
      },
      storedAt: '2026-03-01T00:00:00.000Z',
    });
    expect(fields).toEqual({ name_first: 'Aline', sex: 'female', status: 'open' });
  });

  it('says every Relais referral status as a Primero one, or as none where Primero has no such state', () => {
    expect(Object.keys(PRIMERO_REFERRAL_STATUS).sort()).toEqual([...ReferralStatus.options].sort());
    expect(PRIMERO_REFERRAL_STATUS).toMatchObject({
      requested: 'in_progress',
      completed: 'done',
      cancelled: 'revoked',
    });
    expect(PRIMERO_REFERRAL_STATUS['on-hold']).toBeUndefined();
    expect(PRIMERO_REFERRAL_STATUS.failed).toBeUndefined();
  });
});
