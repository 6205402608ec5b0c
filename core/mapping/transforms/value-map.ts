import type { Scalar, ValueMap } from '../../../schemas/mapping/language.ts';
import { TransformFailure, type TransformSink, asText } from './failure.ts';

const OTHER = 'other';

/** Keys are compared trimmed and, unless the map says otherwise, in lower case. */
export function valueMap(spec: ValueMap) {
  const fold = spec.caseSensitive ? (s: string) => s.trim() : (s: string) => s.trim().toLocaleLowerCase('fr');
  const table = new Map<string, Scalar>(Object.entries(spec.values).map(([k, v]) => [fold(k), v]));
  const fallback = spec.default ?? undefined;
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
        throw new TransformFailure(
          'map',
          {
            en: 'has a value that is not in the value map',
            fr: 'contient une valeur absente de la table de correspondance',
          },
          raw.slice(0, 60),
        );
    }
  };
  return { apply, fallback };
}
