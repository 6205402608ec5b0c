import type { ScreenProps } from '../types.ts';
import { Queue, statusOf } from './queue.tsx';
import { ReviewPage } from './review-page.tsx';

/** #/reviews[?status=same|different] is the queue; #/reviews/<reviewId> one review, to decide. */
export default function ReviewsScreen({ route }: ScreenProps) {
  const [id] = route.rest;
  if (id) return <ReviewPage key={id} id={id} />;
  const status = statusOf(route.query.get('status'));
  return <Queue key={status} status={status} />;
}
