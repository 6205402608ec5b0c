import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });
/** The messages no-restricted-syntax gives this code, as if it were the file at `path`. */
const restricted = async (path: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: `${root}/${path}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
};

describe('the lint guard keeping access decisions in core/access', () => {
  it.each([
    [
      'core/records/probe.ts',
      'export const mine = (r: { organisationId: string }, o: string) => r.organisationId === o;',
    ],
    ['core/persons/probe.ts', 'export const theirs = (organisationId: string, o: string) => o !== organisationId;'],
    [
      'functions/http/probe.ts',
      'export const f = (c: { closestOrganisationId?: string }, o: string) => c.closestOrganisationId == o;',
    ],
    [
      'core/persons/probe.ts',
      'export const f = (ids: string[], p: { organisationId: string }) => ids.includes(p.organisationId);',
    ],
  ])('flags an organisation id compared in %s', async (path, code) => {
    expect(await restricted(path, code)).toEqual([expect.stringContaining('core/access')]);
  });

  it('allows it in core/access, the one place that decides', async () => {
    const code = 'export const mine = (r: { organisationId: string }, o: string) => r.organisationId === o;';
    expect(await restricted('core/access/probe.ts', code)).toEqual([]);
  });

  it('allows asking whether an organisation id is there at all', async () => {
    const code =
      'export const known = (r: { organisationId?: string | null }) => r.organisationId !== undefined && r.organisationId !== null;';
    expect(await restricted('core/persons/probe.ts', code)).toEqual([]);
  });

  it('keeps the rule every file has: no code built from strings', async () => {
    expect(await restricted('core/records/probe.ts', "export const f = new Function('return 1');")).toEqual([
      'Never build code from strings.',
    ]);
  });
});
