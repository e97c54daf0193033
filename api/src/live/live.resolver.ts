import { Resolver, Root, Subscription } from 'type-graphql';
import { AppError, forbidden } from '../common/errors';
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
      const { live, subscriber } = context as Partial<LiveContext>;
      // Apollo over HTTP would run this too: subscriptions live on the WebSocket only.
      if (!live || !subscriber) throw forbidden('subscribe over the WebSocket at /graphql');
      return live.updatesFor(subscriber);
    },
  })
  liveUpdates(@Root() update: LiveUpdate | AppError): LiveUpdate {
    if (update instanceof AppError) throw update;
    return update;
  }
}
