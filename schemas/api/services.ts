import * as z from 'zod';
import { ServiceType, Sex } from '../canonical/codes.ts';
import { CountryCode } from '../canonical/person.ts';
import { Service, ServiceId, ServiceStatus, checkTypeLabel, serviceFields } from '../canonical/service.ts';

const MAX_SERVICE_PAGE = 100;

export const CreateServiceRequest = z
  .strictObject(serviceFields)
  .superRefine(checkTypeLabel)
  .meta({ id: 'CreateServiceRequest' });

/** The whole service again, with the version it replaces: a stale version is refused (409). */
export const UpdateServiceRequest = z
  .strictObject({
    ...serviceFields,
    version: z.number().int().min(1).meta({ description: 'The version being replaced, as last read' }),
  })
  .superRefine(checkTypeLabel)
  .meta({ id: 'UpdateServiceRequest' });

export const ServiceList = z
  .strictObject({
    items: z.array(Service),
    nextCursor: z
      .string()
      .optional()
      .meta({ description: 'Pass as cursor to get the next page; absent on the last page' }),
  })
  .meta({ id: 'ServiceList' });

const cursor = z.string().max(2000).optional();
const limit = z.coerce.number().int().min(1).max(MAX_SERVICE_PAGE).default(50);
const level = z.string().trim().min(1).max(100).optional();

export const ListServicesQuery = z.strictObject({ cursor, limit });

/**
 * A place is given by any of its levels; a service is found when one of its areas covers that place
 * (agrees on every level the area sets). A page may hold fewer than `limit` services: go on while
 * nextCursor is given.
 */
export const ServiceSearchQuery = z.strictObject({
  type: ServiceType.optional(),
  country: CountryCode.optional(),
  province: level,
  territory: level,
  locality: level,
  age: z.coerce.number().int().min(0).max(120).optional().meta({ description: "The child's age in years" }),
  sex: Sex.optional(),
  status: ServiceStatus.default('active'),
  cursor,
  limit,
});

export const ServicePath = z.strictObject({ serviceId: ServiceId });
