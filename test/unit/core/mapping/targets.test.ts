import { describe, expect, it } from 'vitest';
import { compile } from '../../../../core/mapping/compile.ts';
import { parseMapping } from '../../../../core/mapping/load.ts';
import { preview } from '../../../../core/mapping/preview.ts';
import { listTargetLeaves, resolveTarget } from '../../../../core/mapping/targets.ts';
import { MappedReferral } from '../../../../schemas/canonical/referral.ts';

const yaml = (...lines: string[]) => lines.join('\n') + '\n';
const referralMapping = (...fieldLines: string[]) =>
  yaml(
    'id: test-referral',
    'tool: kobotoolbox-referral',
    'target: referral',
    'fields:',
    '  /sourceRecordId: { from: _uuid }',
    '  /reason: { from: motif }',
    '  /priority: { value: normal }',
    ...fieldLines,
  );

function issuesOf(text: string) {
  const result = parseMapping(text);
  if (result.ok) throw new Error('expected the mapping to be refused');
  return result.issues;
}

describe('the referral target, walked from MappedReferral', () => {
  it('offers the fields of ReferralInput, the child as a person, and the submission id', () => {
    expect(resolveTarget('/sourceRecordId', MappedReferral)?.type).toEqual({ kind: 'string' });
    expect(resolveTarget('/priority', MappedReferral)?.type).toEqual({
      kind: 'enum',
      values: ['emergency', 'urgent', 'normal'],
    });
    expect(resolveTarget('/to/serviceType', MappedReferral)?.type.kind).toBe('enum');
    expect(resolveTarget('/child/person/name/given', MappedReferral)?.type).toEqual({ kind: 'string' });
    expect(resolveTarget('/child/person/caregivers/0/phone', MappedReferral)?.segments).toEqual([
      'child',
      'person',
      'caregivers',
      0,
      'phone',
    ]);
  });

  it('walks into the consent union: its discriminator lists both bases, and each option’s own fields are there', () => {
    expect(resolveTarget('/consent/basis', MappedReferral)?.type).toEqual({
      kind: 'enum',
      values: ['consent', 'override'],
    });
    expect(resolveTarget('/consent/recipients', MappedReferral)?.type).toEqual({
      kind: 'array',
      element: { kind: 'string' },
    });
    expect(resolveTarget('/consent/givenAt', MappedReferral)?.type).toEqual({ kind: 'string', format: 'datetime' });
    expect(resolveTarget('/consent/justification', MappedReferral)?.type.kind).toBe('string');
    expect(resolveTarget('/consent/nothing', MappedReferral)).toBeUndefined();
  });

  it('is not the record: a record field is no referral field, and the other way round', () => {
    expect(resolveTarget('/person/sex', MappedReferral)).toBeUndefined();
    expect(resolveTarget('/case/status', MappedReferral)).toBeUndefined();
    expect(resolveTarget('/priority')).toBeUndefined();
  });

  it('lists every leaf for coverage, the consent options merged, and no group as a leaf', () => {
    const leaves = listTargetLeaves(MappedReferral);
    expect(leaves).toEqual(
      expect.arrayContaining([
        '/sourceRecordId',
        '/to/serviceId',
        '/to/choose',
        '/child/recordId',
        '/child/person/birthDate',
        '/consent/basis',
        '/consent/validUntil',
        '/consent/justification',
      ]),
    );
    expect(leaves.filter((l) => l === '/consent/basis')).toHaveLength(1);
    expect(leaves).not.toContain('/consent');
  });
});

describe('a mapping with target: referral', () => {
  it('is valid with the submission id, a reason and a priority, and compiles to a referral target', () => {
    const checked = parseMapping(referralMapping('  /to/serviceType: { value: psychosocial }'));
    expect(checked).toMatchObject({ ok: true });
    if (checked.ok) expect(compile(checked.mapping).target).toBe('referral');
  });

  it('must name which payload field identifies the submission, and a reason and priority', () => {
    const messages = issuesOf(
      yaml(
        'id: no-id',
        'tool: kobotoolbox-referral',
        'target: referral',
        'fields:',
        '  /to/serviceType: { value: food }',
      ),
    ).map((i) => i.message.en);
    expect(messages).toEqual(
      expect.arrayContaining([
        '/sourceRecordId must be mapped: every referral needs it',
        '/reason must be mapped: every referral needs it',
        '/priority must be mapped: every referral needs it',
      ]),
    );
  });

  it('refuses record fields, and codes that are not the referral’s', () => {
    const issues = issuesOf(
      referralMapping(
        '  /person/sex: { value: male }',
        '  /to/serviceType:',
        '    from: service',
        '    transforms: [{ map: { values: { psy: counselling }, default: null, unmapped: reject } }]',
      ),
    );
    expect(issues.map((i) => [i.pointer, i.code])).toEqual(
      expect.arrayContaining([
        ['/fields/~1person~1sex', 'mapping.unknown-target'],
        ['/fields/~1to~1serviceType/transforms/0/map/values/psy', 'mapping.code-not-in-list'],
      ]),
    );
    expect(issues.find((i) => i.code === 'mapping.unknown-target')?.message.fr).toContain('une référence');
  });

  it('is previewed against ReferralInput: a referral without its routing is refused, pointed at ReferralInput', () => {
    const checked = parseMapping(referralMapping('  /child/person/sex: { from: sexe }'));
    if (!checked.ok) throw new Error('expected a valid mapping');
    const [sample] = preview(checked.mapping, [{ _uuid: 'u-1', motif: 'Besoin d’un abri', sexe: 'female' }]);
    expect(sample!.ok).toBe(false);
    expect(sample!.output).toMatchObject({ sourceRecordId: 'u-1', to: {}, child: { person: { sex: 'female' } } });
    expect(sample!.errors.map((e) => e.target)).toEqual(expect.arrayContaining(['/to/serviceId']));
  });

  it('leaves every record mapping as it was: no target means record', () => {
    const checked = parseMapping(
      yaml(
        'id: plain',
        'tool: csv',
        'fields:',
        '  /sourceRecordId: { from: id }',
        '  /person/sex: { value: unknown }',
        '  /case/status: { value: open }',
      ),
    );
    if (!checked.ok) throw new Error('expected a valid mapping');
    expect(checked.mapping.target).toBeUndefined();
    expect(compile(checked.mapping).target).toBe('record');
  });
});
