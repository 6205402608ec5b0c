/**
 * Identifier schemes that name one person only. Household, case or family numbers (a UNHCR case
 * number, a ration card) are shared by siblings, so they must never override the siblings guard; only
 * schemes listed here can. Kept as data: add a scheme when a partner issues individual numbers.
 */
export const PERSONAL_IDENTIFIER_SCHEMES: readonly string[] = [
  'national_id',
  'birth_certificate',
  'unhcr_individual',
  'passport',
  'febrl_soc_sec_id',
];

/** Both subjects' identifiers are `scheme:value` strings (see subject.ts). */
export function sharesPersonalIdentifier(a: readonly string[], b: readonly string[]): boolean {
  return a.some((id) => PERSONAL_IDENTIFIER_SCHEMES.includes(id.slice(0, id.indexOf(':'))) && b.includes(id));
}
