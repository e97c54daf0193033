import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { badInput } from '../common/errors';
import { parseId, requireSignedIn } from '../common/mutation';
import { listNotifications, markNotificationsRead, unreadNotificationCount } from './chase.service';
import { Notification } from './chase.type';

const MAX_NOTIFICATIONS = 100;

@Resolver()
export class NotificationResolver {
  @Query(() => [Notification], { description: 'The viewer\'s inbox, newest first: reminders and escalations of hazards in their scope (docs/chasing.md).' })
  notifications(
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg('first', () => Int, { defaultValue: 20, description: `At most ${MAX_NOTIFICATIONS}.` }) first: number,
    @Ctx() ctx: Context,
  ): Promise<Notification[]> {
    requireSignedIn(ctx.viewer);
    if (!Number.isInteger(first) || first < 1 || first > MAX_NOTIFICATIONS) throw badInput(`first must be between 1 and ${MAX_NOTIFICATIONS}`, 'first');
    return listNotifications(ctx.db, unreadOnly, first);
  }

  @Query(() => Int, { description: 'How many of the viewer\'s notifications are unread (the bell).' })
  unreadNotificationCount(@Ctx() ctx: Context): Promise<number> {
    requireSignedIn(ctx.viewer);
    return unreadNotificationCount(ctx.db);
  }

  @Mutation(() => Int, { description: 'Marks the viewer\'s notifications read: those named, or all when ids is omitted. Answers how many changed; ids of others\' notifications change nothing.' })
  markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Ctx() ctx: Context,
  ): Promise<number> {
    requireSignedIn(ctx.viewer);
    if (ids && ids.length > MAX_NOTIFICATIONS) throw badInput(`at most ${MAX_NOTIFICATIONS} ids at once`, 'ids');
    return markNotificationsRead(ctx.db, ids ? ids.map((id) => parseId(id, 'ids')) : null);
  }
}
