import { Resolver, Root, Subscription } from 'type-graphql';
import { AppError } from '../common/errors';
import type { LiveUpdates, Subscriber } from './live-updates';
import { LiveUpdate } from './live.type';

/** The context of a subscription over the WebSocket (api/src/live/live-socket.ts). */
export interface LiveContext {
  live: LiveUpdates;
  subscriber: Subscriber;
}

@Resolver()
export class LiveResolver {
  @Subscription(() => LiveUpdate, {
    description: 'Changes in your scope as they are committed: new major hazards, status changes, hazards that became overdue today, '
      + 'and towns whose figures changed. Over the WebSocket at /graphql (graphql-ws), signed in by the connection\'s '
      + '`authorization: "Bearer <token>"`; every update is read as you, under your scope, when it happens.',
    subscribe: ({ context }) => {
      const { live, subscriber } = context as LiveContext;
      return live.updatesFor(subscriber);
    },
  })
  liveUpdates(@Root() update: LiveUpdate | AppError | undefined): LiveUpdate {
    // Sent as POST, Apollo runs the operation once, as a query, without an event.
    if (update === undefined) throw new AppError('BAD_REQUEST', 'subscriptions go over the WebSocket at /graphql (graphql-ws)');
    if (update instanceof AppError) throw update;
    return update;
  }
}
