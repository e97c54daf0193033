import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import { AppError } from '../common/errors';
import { loadHistory } from '../history/history.service';
import { HistoryEntry } from '../history/history.type';
import { limiterOf, SlidingWindowLimiter } from '../common/rate-limit';
import type { Viewer } from '../common/viewer';
import { authenticate } from './auth.service';
import { LoginResult, Me } from './auth.type';
import { signToken } from './token';

interface ProfileRow {
  display_name: string;
  department: string | null;
}

function describe(viewer: Viewer, profile: ProfileRow | undefined): Me {
  return {
    id: viewer.userId === null ? null : String(viewer.userId),
    username: viewer.username,
    displayName: profile?.display_name ?? null,
    role: viewer.role,
    jurisdictionCode: viewer.jurisdictionCode,
    sectors: viewer.sectors,
    enterpriseId: viewer.enterpriseId === null ? null : String(viewer.enterpriseId),
    department: profile?.department ?? null,
  };
}

const LOGIN_FAILURES_ALLOWED = 10;
const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

@Resolver(() => Me)
export class AuthResolver {
  @Query(() => Me, { description: 'Who the request is from; the public when no token is sent.' })
  async me(@Ctx() ctx: Context): Promise<Me> {
    const { viewer } = ctx;
    const [profile] = viewer.userId === null ? [] :
      await ctx.db.query<ProfileRow>('select display_name, department from users where id = $1', [viewer.userId]);
    return describe(viewer, profile);
  }

  @Mutation(() => LoginResult)
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginResult> {
    // Failed sign-ins per client and username: enough for typos, too few to guess passwords.
    const failures = limiterOf(ctx.config, 'login-failures',
      () => new SlidingWindowLimiter(LOGIN_FAILURES_ALLOWED, LOGIN_FAILURE_WINDOW_MS, 'failed sign-ins'));
    const key = `${ctx.clientId}|${username}`;
    failures.check(key);
    const signedIn = await authenticate(ctx.pool, username, password);
    if (!signedIn) {
      failures.record(key);
      throw new AppError('UNAUTHENTICATED', 'wrong username or password');
    }
    const { viewer, displayName, department } = signedIn;
    return { token: await signToken(viewer, ctx.config), me: describe(viewer, { display_name: displayName, department }) };
  }

  @FieldResolver(() => [HistoryEntry], { description: 'Changes of your account (role, scope, active), oldest first; empty for the public.' })
  async history(@Root() me: Me, @Ctx() ctx: Context): Promise<HistoryEntry[]> {
    return me.id === null ? [] : loadHistory(ctx, 'user', me.id);
  }
}
