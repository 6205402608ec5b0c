import { describe, expect, it } from 'vitest';
import { RelaisError } from '../../../../core/errors/relais-error.ts';
import { problemResponse } from '../../../../functions/platform/problem.ts';
import { Problem } from '../../../../schemas/api/problem.ts';

describe('problem+json extension members', () => {
  it('carries the candidates of several-eligible-services, valid against Problem, in either language', () => {
    const candidates = [{ id: 'svc_0000000000000001', organisationId: 'org_divas-lualaba', name: { fr: 'Appui' } }];
    const error = new RelaisError('conflict', 'several-eligible-services', [], undefined, { candidates });
    for (const language of ['en', 'fr'] as const) {
      const body = JSON.parse(problemResponse(error, language).body);
      expect(body).toMatchObject({ status: 409, code: 'several-eligible-services', candidates });
      expect(Problem.safeParse(body).success).toBe(true);
    }
    expect(JSON.parse(problemResponse(new RelaisError('conflict', 'last-secret'), 'en').body)).not.toHaveProperty(
      'candidates',
    );
  });
});
