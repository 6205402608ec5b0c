import type * as z from 'zod';
import type {
  DeadLetterList as DeadLetterListSchema,
  RedriveResult as RedriveResultSchema,
} from '../../../../schemas/api/dead-letters.ts';
import type { ChannelHealth as ChannelHealthSchema } from '../../../../schemas/api/delivery-channel.ts';
import type { ServiceList as ServiceListSchema } from '../../../../schemas/api/services.ts';

export type ServiceList = z.output<typeof ServiceListSchema>;
export type Service = ServiceList['items'][number];
export type ServiceType = Service['type'];
export type ServiceStatus = Service['status'];
export type ServiceArea = Service['serviceAreas'][number];
export type Sex = NonNullable<Service['eligibility']['sexes']>[number];
export type ChannelHealth = z.output<typeof ChannelHealthSchema>;
export type Attempt = ChannelHealth['attempts'][number];
export type DeadLetterList = z.output<typeof DeadLetterListSchema>;
export type DeadLetter = DeadLetterList['items'][number];
export type RedriveResult = z.output<typeof RedriveResultSchema>;
