import type { ServiceArea } from '../../schemas/canonical/index.ts';

/** The levels an area may set, most specific last; a child's location is compared on these only. */
export const AREA_LEVELS = ['country', 'province', 'territory', 'locality'] as const;

export type Place = Partial<Record<(typeof AREA_LEVELS)[number], string>>;

/** Partners spell place names with and without accents and in any case: "Likasi", "LIKASI", "Likasí". */
const comparable = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr').replace(/\s+/g, ' ').trim();

/** An area covers a place when the place agrees on every level the area sets; a level the place lacks disagrees. */
export function covers(area: ServiceArea, place: Place | undefined): boolean {
  return AREA_LEVELS.every((level) => {
    const wanted = area[level];
    if (wanted === undefined) return true;
    const given = place?.[level];
    return given !== undefined && comparable(given) === comparable(wanted);
  });
}

/** How precisely an area names a place: 4 for a locality down to 1 for a whole country. */
export const specificity = (area: ServiceArea): number =>
  Math.max(...AREA_LEVELS.map((level, index) => (area[level] === undefined ? 0 : index + 1)));

/** The most specific of the service's areas that covers the place, or 0 when none does. */
export const bestCover = (areas: readonly ServiceArea[], place: Place | undefined): number =>
  Math.max(0, ...areas.filter((area) => covers(area, place)).map(specificity));

/** The place as people read it, most specific level first ("Kolwezi, Lualaba"); place names are not personal data. */
export const placeName = (place: Place | undefined): string | undefined => {
  const parts = [...AREA_LEVELS]
    .reverse()
    .map((level) => place?.[level])
    .filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : undefined;
};
