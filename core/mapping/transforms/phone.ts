import type { PhoneCountry } from '../../../schemas/mapping/language.ts';
import { TransformFailure, asText } from './failure.ts';

/**
 * Calling codes and national significant number lengths of the countries Relais serves. Hand-written
 * because a full numbering-plan library (libphonenumber) is not among the dependencies and the rule
 * needed here is small: recognise the international, trunk-prefixed and bare national forms.
 */
const PLANS: Record<PhoneCountry, { code: string; length: number }> = {
  CD: { code: '243', length: 9 },
  BI: { code: '257', length: 8 },
  RW: { code: '250', length: 9 },
  UG: { code: '256', length: 9 },
  TZ: { code: '255', length: 9 },
  KE: { code: '254', length: 9 },
  CF: { code: '236', length: 8 },
  CG: { code: '242', length: 9 },
  SS: { code: '211', length: 9 },
  ZM: { code: '260', length: 9 },
  AO: { code: '244', length: 9 },
  CM: { code: '237', length: 9 },
  FR: { code: '33', length: 9 },
  BE: { code: '32', length: 9 },
};

const E164 = /^\+[1-9]\d{6,14}$/;

export const phone = (country: PhoneCountry) => {
  const { code, length } = PLANS[country];
  return (value: unknown): string => {
    const raw = asText(value, 'phone').replace(/[\s\-.()/]/g, '');
    let e164: string | undefined;
    if (raw.startsWith('+')) e164 = raw;
    else if (raw.startsWith('00')) e164 = '+' + raw.slice(2);
    else if (raw.startsWith(code) && raw.length === code.length + length) e164 = '+' + raw;
    else if (raw.startsWith('0') && raw.length === length + 1) e164 = '+' + code + raw.slice(1);
    else if (raw.length === length && !raw.startsWith('0')) e164 = '+' + code + raw;
    if (e164 === undefined || !E164.test(e164)) {
      throw new TransformFailure('phone', {
        en: `is not a phone number of ${country} or in international form`,
        fr: `n'est pas un numéro de téléphone de ${country} ni au format international`,
      });
    }
    return e164;
  };
};
