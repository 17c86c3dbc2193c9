/**
 * What subscription sources yield: the event object shared by every subscriber of the topic in this
 * process, plus the subscriber's permission view. Subscribers with the same operation and the same
 * view get the same result, so graphql/fanout.ts executes and serialises it once for all of them.
 */
export interface FanoutItem<E = unknown> {
  event: E;
  view: string;
}

export const fanoutItem = <E>(event: E, view: string): FanoutItem<E> => ({ event, view });
