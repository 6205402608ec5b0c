import type { ScreenProps } from '../types.ts';
import { ChannelHealth } from './channel-health.tsx';
import { MyServices } from './my-services.tsx';
import { PartnerSearch } from './partner-search.tsx';
import { ServicePage } from './service-page.tsx';

/**
 * The directory: #/directory (your services), #/directory/<serviceId> (one of them), #/directory/search
 * (the partners' directory) and #/directory/channel (your delivery channel and the dead letters).
 */
export default function DirectoryScreen({ route }: ScreenProps) {
  const [first] = route.rest;
  if (first === undefined) return <MyServices />;
  if (first === 'search') return <PartnerSearch query={route.query} />;
  if (first === 'channel') return <ChannelHealth />;
  return <ServicePage serviceId={first} />;
}
