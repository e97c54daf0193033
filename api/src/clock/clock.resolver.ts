import { LocalDateResolver } from 'graphql-scalars';
import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../common/context';
import { today } from './clock.service';

@Resolver()
export class ClockResolver {
  @Query(() => LocalDateResolver, {
    description: 'Today in the deployment\'s time zone (TIME_ZONE, default Asia/Shanghai): the day deadlines and overdue are judged on. Clients use it rather than their own clock.',
  })
  today(@Ctx() ctx: Context): Promise<string> {
    return today(ctx.db);
  }
}
