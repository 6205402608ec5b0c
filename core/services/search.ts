import { ServiceType, type Service, type ServiceStatus, type Sex } from '../../schemas/canonical/index.ts';
import { RelaisError } from '../errors/relais-error.ts';
import type { Place } from './areas.ts';
import { coversPlace, hasStatus, ofType, takesAge, takesSex } from './eligibility.ts';
import type { ServiceDirectory, ServicePage } from './ports.ts';

export interface ServiceSearch {
  type?: ServiceType | undefined;
  place?: Place | undefined;
  age?: number | undefined;
  sex?: Sex | undefined;
  status: ServiceStatus;
  limit: number;
}

/** Store reads one search page may make before it answers with what it found and a cursor to go on. */
const MAX_READS = 10;

/** Where a search stands: the type being read (its index in ServiceType) and the store's position in it. */
interface Position {
  type: number;
  cursor?: string;
}

const encode = (p: Position) => JSON.stringify(p.cursor === undefined ? [p.type] : [p.type, p.cursor]);

function decode(position: string, types: readonly ServiceType[]): Position {
  try {
    const [type, cursor] = JSON.parse(position) as unknown[];
    if (typeof type === 'number' && Number.isInteger(type) && type >= 0 && type < types.length) {
      if (cursor === undefined) return { type };
      if (typeof cursor === 'string') return { type, cursor };
    }
  } catch {
    /* refused below */
  }
  throw new RelaisError('bad-request', 'invalid-cursor');
}

/**
 * Any partner's directory search: services of every organisation with the status asked (active unless
 * said otherwise), of a type, covering a place, for an age and a sex. Reads type by type, asking the store
 * only for as many as the page still lacks, so a page never holds more than `limit`; it may hold fewer
 * (after MAX_READS store reads) and still give a cursor: go on while there is one. `position` is the raw
 * position of a previous page (the caller's cursor, once opened).
 */
export async function searchServices(
  services: ServiceDirectory,
  search: ServiceSearch,
  position?: string,
): Promise<ServicePage> {
  const types = search.type === undefined ? ServiceType.options : [search.type];
  let at: Position | undefined = position === undefined ? { type: 0 } : decode(position, types);
  const items: Service[] = [];
  for (let reads = 0; at && items.length < search.limit && reads < MAX_READS; reads++) {
    const page = await services.listByType(types[at.type]!, at.cursor, search.limit - items.length);
    items.push(
      ...page.items.filter(
        (s) =>
          ofType(s, search.type) &&
          hasStatus(s, search.status) &&
          (search.place === undefined || coversPlace(s, search.place)) &&
          takesAge(s, search.age) &&
          takesSex(s, search.sex),
      ),
    );
    at =
      page.nextCursor !== undefined
        ? { type: at.type, cursor: page.nextCursor }
        : at.type + 1 < types.length
          ? { type: at.type + 1 }
          : undefined;
  }
  return at ? { items, nextCursor: encode(at) } : { items };
}
