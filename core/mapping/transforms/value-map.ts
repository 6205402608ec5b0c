import type { Scalar, ValueMap } from '../../../schemas/mapping/language.ts';
import { TransformFailure, type TransformSink, asText } from './failure.ts';

const OTHER = 'other';

/** Keys are compared trimmed and, unless the map says otherwise, in lower case. */
export function valueMap(spec: ValueMap) {
  const fold = spec.caseSensitive ? (s: string) => s.trim() : (s: string) => s.trim().toLocaleLowerCase('fr');
  const table = new Map<string, Scalar>(Object.entries(spec.values).map(([k, v]) => [fold(k), v]));
  const fallback = spec.default ?? undefined;
  // The map's own keys may be named (the mapping's author wrote them); the submitted value never is:
  // a phone number or a name put in a code field would come back in the error.
  const keys = Object.keys(spec.values);
  const allowed = keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', …' : '');
  const apply = (value: unknown, sink: TransformSink): Scalar | undefined => {
    const raw = asText(value, 'map');
    const hit = table.get(fold(raw));
    if (hit !== undefined) return hit;
    switch (spec.unmapped) {
      case 'other':
        sink.keepOther(raw);
        return OTHER;
      case 'warn':
        sink.warn('map', {
          en: 'a value is not in the value map: the default was used',
          fr: "une valeur n'est pas dans la table de correspondance : la valeur par défaut a été utilisée",
        });
        return fallback;
      default:
        throw new TransformFailure('map', {
          en: `is not one of the codes of the value map (${allowed})`,
          fr: `n'est pas l'un des codes de la table de correspondance (${allowed})`,
        });
    }
  };
  return { apply, fallback };
}
