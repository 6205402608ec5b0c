import { describe, expect, it } from 'vitest';
import { type PopulationRecord, populationSet } from '../../../../bench/dedup/population.ts';
import { ORGANISATIONS } from '../../../../bench/dedup/tool-records.ts';
import { Person } from '../../../../schemas/canonical/person.ts';

const SMALL = populationSet({ children: 2_000 });
const LARGE = populationSet({ children: 20_000 });

/** One record per child: the labels are the child's, whichever record carries them. */
function children(records: readonly PopulationRecord[]): PopulationRecord[] {
  const byEntity = new Map<string, PopulationRecord>();
  for (const r of records) if (!byEntity.has(r.entity)) byEntity.set(r.entity, r);
  return [...byEntity.values()];
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

describe('populationSet', () => {
  it('makes the same records for a seed, and others for another seed', () => {
    expect(populationSet({ children: 500, seed: 7 })).toEqual(populationSet({ children: 500, seed: 7 }));
    expect(populationSet({ children: 500, seed: 8 })).not.toEqual(populationSet({ children: 500, seed: 7 }));
  });

  it('makes exactly the children asked for, each with 1 to 4 records from different organisations, most with 1 or 2', () => {
    const kids = children(LARGE);
    expect(kids).toHaveLength(20_000);
    const perChild = countBy(LARGE, (r) => r.entity);
    expect(Math.min(...perChild.values())).toBe(1);
    expect(Math.max(...perChild.values())).toBe(4);
    const oneOrTwo = [...perChild.values()].filter((n) => n <= 2).length;
    expect(oneOrTwo / perChild.size).toBeGreaterThan(0.75);
    const orgs = countBy(LARGE, (r) => `${r.entity}|${r.organisationId}`);
    expect(Math.max(...orgs.values())).toBe(1);
  });

  it('puts 1 to 8 children in a household, with every size present', () => {
    const sizes = countBy(children(LARGE), (r) => r.household);
    expect(new Set(sizes.values())).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('has children aged 0 to 17, and siblings other than twins born at least 10 months apart', () => {
    const kids = children(LARGE);
    const day = (iso: string): number => Date.parse(iso) / 86_400_000;
    for (const c of kids) {
      expect(c.bornOn >= '2008-06-30' && c.bornOn <= '2026-06-30', c.bornOn).toBe(true);
    }
    const byHousehold = new Map<string, PopulationRecord[]>();
    for (const c of kids) byHousehold.set(c.household, [...(byHousehold.get(c.household) ?? []), c]);
    for (const group of byHousehold.values()) {
      for (const a of group)
        for (const b of group) {
          if (a === b || a.twinOf === b.entity || b.twinOf === a.entity) continue;
          if (Math.abs(day(a.bornOn) - day(b.bornOn)) < 300)
            expect.fail(`${a.entity} and ${b.entity}: ${a.bornOn}, ${b.bornOn}`);
        }
    }
  });

  it('gives twins one birth date and one household, different prénoms, in about 1-2 % of deliveries', () => {
    const kids = children(LARGE);
    const byId = new Map(kids.map((c) => [c.entity, c]));
    const twins = kids.filter((c) => c.twinOf !== undefined);
    for (const twin of twins) {
      const other = byId.get(twin.twinOf!)!;
      expect(twin.household).toBe(other.household);
      expect(twin.bornOn).toBe(other.bornOn);
      expect(twin.nameKey.split('|')[0]).not.toBe(other.nameKey.split('|')[0]);
    }
    const deliveries = kids.length - twins.length;
    expect(twins.length / deliveries).toBeGreaterThan(0.01);
    expect(twins.length / deliveries).toBeLessThan(0.02);
  });

  it('has siblings who share a prénom, born years apart', () => {
    const kids = children(LARGE);
    const byHouseholdAndName = new Map<string, PopulationRecord[]>();
    for (const c of kids) {
      const key = `${c.household}|${c.nameKey.split('|')[0]}`;
      byHouseholdAndName.set(key, [...(byHouseholdAndName.get(key) ?? []), c]);
    }
    const reused = [...byHouseholdAndName.values()].filter((g) => g.length > 1 && g.every((c) => !c.twinOf));
    expect(reused.length).toBeGreaterThan(50);
    const years = (c: PopulationRecord): number => Number(c.bornOn.slice(0, 4));
    expect(reused.some((g) => Math.abs(years(g[0]!) - years(g[1]!)) >= 2)).toBe(true);
  });

  it('makes namesakes: the same prénom and nom as a child of another household, in the same town', () => {
    const kids = children(LARGE);
    const byId = new Map(kids.map((c) => [c.entity, c]));
    // Kobo writes the town from a select list: one spelling per town.
    const towns = new Map(
      LARGE.filter((r) => r.tool === 'kobotoolbox').map((r) => [r.entity, r.person.location?.territory]),
    );
    const town = (c: PopulationRecord): string | undefined => towns.get(c.entity);
    const deliberate = kids.filter((c) => c.namesakeOf !== undefined);
    expect(deliberate.length).toBeGreaterThan(0.02 * kids.length);
    for (const namesake of deliberate) {
      const of = byId.get(namesake.namesakeOf!)!;
      expect(namesake.nameKey).toBe(of.nameKey);
      expect(namesake.household).not.toBe(of.household);
      expect(namesake.bornOn).not.toBe(of.bornOn);
      const [a, b] = [town(namesake), town(of)];
      if (a && b) expect(a).toBe(b);
    }
    // The Zipf pools make namesakes of their own, in far greater number.
    const households = new Map<string, Set<string>>();
    for (const c of kids) households.set(c.nameKey, (households.get(c.nameKey) ?? new Set()).add(c.household));
    const natural = [...households.values()].filter((h) => h.size > 1).length;
    expect(natural).toBeGreaterThan(deliberate.length);
  });

  it('draws names with Zipf-like frequencies: the most common far above the median, which occurs about once', () => {
    const kids = children(LARGE);
    const family = [...countBy(kids, (c) => c.nameKey.split('|')[1]!).values()].sort((a, b) => b - a);
    const full = [...countBy(kids, (c) => c.nameKey).values()].sort((a, b) => b - a);
    const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)]!;
    expect(family.length).toBeGreaterThan(1_000);
    expect(family[0]!).toBeGreaterThan(50 * median(family));
    // Rank 1 against rank 10 of a Zipf law with exponent 1 (and a flattened head): several times more.
    expect(family[0]! / family[9]!).toBeGreaterThan(2);
    expect(full[0]!).toBeGreaterThanOrEqual(8);
    expect(median(full)).toBe(1);
  });

  it('writes every record of every tool as a valid canonical Person', () => {
    const tools = new Set(ORGANISATIONS.map((o) => o.tool));
    for (const tool of tools) {
      const own = SMALL.filter((r) => r.tool === tool);
      expect(own.length, tool).toBeGreaterThan(100);
      for (const r of own) {
        const parsed = Person.safeParse(r.person);
        if (!parsed.success) expect.fail(`${tool} record ${r.id}: ${parsed.error.message}`);
      }
    }
  });

  it('writes birth dates in every form: exact, month, year, estimated from an age, an age on a date, day and month swapped', () => {
    const forms = countBy(SMALL, (r) =>
      r.person.ageAtRegistration ? 'age on a date' : (r.person.birthDate?.precision ?? 'none'),
    );
    for (const form of ['exact', 'month', 'year', 'estimated', 'age on a date'])
      expect(forms.get(form), form).toBeGreaterThan(20);
    const swapped = SMALL.filter((r) => {
      const d = r.person.birthDate;
      if (d?.precision !== 'exact' || d.value === r.bornOn) return false;
      const [y, m, day] = d.value.split('-');
      return `${y}-${day}-${m}` === r.bornOn;
    });
    expect(swapped.length).toBeGreaterThan(5);
  });

  it('writes one child differently across records: nicknames, lost post-noms, swapped name order, case and accents', () => {
    const names = SMALL.map((r) => r.person.name);
    expect(names.some((n) => n.given && ['Junior', 'Fiston', 'Papy', 'Bijou', 'Mado'].includes(n.given))).toBe(true);
    expect(names.filter((n) => n.nickname).length).toBeGreaterThan(20);
    expect(names.some((n) => n.family && n.family === n.family.toUpperCase())).toBe(true);
    expect(names.some((n) => n.family && n.family !== n.family.toUpperCase())).toBe(true);
    // The real prénom in the family field: a name-order swap.
    const swapped = SMALL.filter((r) => {
      const family = r.person.name.family?.toLowerCase() ?? '';
      return family.split(' ').includes(r.nameKey.split('|')[0]!);
    });
    expect(swapped.length).toBeGreaterThan(20);
    const drc = SMALL.filter((r) => r.person.location?.country === 'CD' && r.tool === 'commcare');
    expect(drc.some((r) => r.person.name.middle)).toBe(true);
    expect(drc.some((r) => !r.person.name.middle)).toBe(true);
  });

  it('generates 100,000 children in a few seconds', () => {
    const started = performance.now();
    const records = populationSet({ children: 100_000 });
    expect(records.length).toBeGreaterThan(150_000);
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 30_000);
});
