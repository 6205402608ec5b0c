import { useEffect } from 'preact/hooks';
import type { ScreenProps } from '../types.ts';
import { Board } from './board.tsx';
import { ReferralPage } from './referral-page.tsx';

/** #/referrals is the board (sent or received, filtered by the query); #/referrals/<id> one referral. */
export default function ReferralsScreen({ route }: ScreenProps) {
  const [id] = route.rest;
  // The shell focuses the heading when the screen opens; moving between the board and a referral stays in
  // this screen, so the heading is focused here, for a screen reader to announce the new view.
  useEffect(() => document.querySelector<HTMLElement>('main h1')?.focus(), [id]);
  return id ? <ReferralPage key={id} id={id} /> : <Board route={route} />;
}
