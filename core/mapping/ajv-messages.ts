import type { ErrorObject } from 'ajv';
import type { Localised } from '../i18n/language.ts';
import { TRANSFORM_NAMES } from './transforms/catalogue.ts';

/**
 * French and English for the JSON Schema keywords the mapping schema uses. Hand-written because ajv-i18n
 * is not among the dependencies, and the handful of keywords here is all a mapping can fail.
 */
export function ajvMessage(error: ErrorObject): Localised {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        en: `Missing property "${String(p.missingProperty)}"`,
        fr: `Propriété « ${String(p.missingProperty)} » manquante`,
      };
    case 'additionalProperties':
      return { en: 'Unrecognised property', fr: 'Propriété non reconnue' };
    case 'type':
      return { en: `Must be of type ${String(p.type)}`, fr: `Doit être de type ${String(p.type)}` };
    case 'enum':
      return {
        en: `Must be one of: ${(p.allowedValues as unknown[]).join(', ')}`,
        fr: `Doit être l'une des valeurs : ${(p.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return { en: `Must be ${String(p.allowedValue)}`, fr: `Doit valoir ${String(p.allowedValue)}` };
    case 'pattern':
      return { en: 'Does not have the expected form', fr: "N'a pas la forme attendue" };
    case 'minLength':
      return {
        en: `Must have at least ${String(p.limit)} characters`,
        fr: `Doit avoir au moins ${String(p.limit)} caractères`,
      };
    case 'maxLength':
      return {
        en: `Must have at most ${String(p.limit)} characters`,
        fr: `Doit avoir au plus ${String(p.limit)} caractères`,
      };
    case 'minItems':
      return {
        en: `Must have at least ${String(p.limit)} items`,
        fr: `Doit avoir au moins ${String(p.limit)} éléments`,
      };
    case 'maxItems':
      return { en: `Must have at most ${String(p.limit)} items`, fr: `Doit avoir au plus ${String(p.limit)} éléments` };
    case 'propertyNames':
      return { en: 'Invalid property name', fr: 'Nom de propriété invalide' };
    default:
      return { en: 'Does not match the mapping language', fr: 'Ne correspond pas au langage de correspondance' };
  }
}

/** A transform entry that matched no catalogue form: say whether the name is unknown or its options wrong. */
export function transformMessage(value: unknown): { code: string; message: Localised } {
  const name =
    typeof value === 'string'
      ? value
      : value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1
        ? Object.keys(value)[0]!
        : undefined;
  const known = TRANSFORM_NAMES.join(', ');
  if (name === undefined) {
    return {
      code: 'mapping.transform-form',
      message: {
        en: `A transform is a name, or an object with the name as its only key (${known})`,
        fr: `Une transformation est un nom, ou un objet dont la seule clé est le nom (${known})`,
      },
    };
  }
  if (!(TRANSFORM_NAMES as readonly string[]).includes(name)) {
    return {
      code: 'mapping.unknown-transform',
      message: {
        en: `Unknown transform "${name}"; the catalogue has: ${known}`,
        fr: `Transformation « ${name} » inconnue ; le catalogue contient : ${known}`,
      },
    };
  }
  return {
    code: 'mapping.transform-options',
    message: {
      en: `Invalid options for transform "${name}"`,
      fr: `Options invalides pour la transformation « ${name} »`,
    },
  };
}
