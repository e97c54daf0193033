import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../common/context';
import type { Config } from '../config';
import { AppError, badInput } from '../common/errors';
import { mayCreate, type Role } from '../common/mutation';
import { Throttle, throttleOf } from '../common/rate-limit';
import { loadHistory } from '../history/history.service';
import { HistoryEntry } from '../history/history.type';
import type { Viewer } from '../common/viewer';
import { authenticate } from './auth.service';
import { LoginResult, MayCreate, Me } from './auth.type';
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

const SIGN_IN_WINDOW_SECONDS = 15 * 60;
/** users.username admits 2 to 64 characters; anything longer is refused before any work. */
const MAX_USERNAME_LENGTH = 64;
/** Far above any real password; scrypt would hash anything, but reading megabytes is work. */
const MAX_PASSWORD_LENGTH = 1024;

/**
 * Failed sign-ins per username (from any client: spreading guesses over addresses does not
 * help) and per client address (over any usernames: trying many accounts does not help).
 * Enough for typos, too few to guess passwords.
 */
const signInThrottles = (config: Config) => ({
  byUser: throttleOf(config, 'sign-in-failures-by-user',
    () => new Throttle(config.signInFailuresPerUser, SIGN_IN_WINDOW_SECONDS, 'failed sign-ins of this user')),
  byClient: throttleOf(config, 'sign-in-failures-by-client',
    () => new Throttle(config.signInFailuresPerClient, SIGN_IN_WINDOW_SECONDS, 'failed sign-ins from your address')),
});

@Resolver(() => Me)
export class AuthResolver {
  @Query(() => Me, { description: 'Who the request is from; the public when no token is sent.' })
  async me(@Ctx() ctx: Context): Promise<Me> {
    const { viewer } = ctx;
    const [profile] = viewer.userId === null ? [] :
      await ctx.db.query<ProfileRow>('select display_name, department from users where id = $1', [viewer.userId]);
    return describe(viewer, profile);
  }

  @Mutation(() => LoginResult, {
    description: 'Signs in. Failed attempts are limited per username and per client address (RATE_LIMITED) and audited.',
  })
  async login(
    @Arg('username', () => String) username: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: Context,
  ): Promise<LoginResult> {
    const failed = (code: string) => ctx.audit({ event: 'SIGN_IN_FAILED', code, username: username.slice(0, MAX_USERNAME_LENGTH) });
    if (username.length > MAX_USERNAME_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
      failed('BAD_USER_INPUT');
      throw username.length > MAX_USERNAME_LENGTH
        ? badInput(`username must be at most ${MAX_USERNAME_LENGTH} characters`, 'username')
        : badInput(`password must be at most ${MAX_PASSWORD_LENGTH} characters`, 'password');
    }
    const { byUser, byClient } = signInThrottles(ctx.config);
    try {
      await byUser.check(username);
      await byClient.check(ctx.clientId);
    } catch (error) {
      failed('RATE_LIMITED');
      throw error;
    }
    // A sign-in sent with an earlier session's token: that session's transaction is open
    // (Context.begin) and holds a connection, and the embedded database has only one.
    await ctx.db.finish(true);
    const outcome = await authenticate(ctx.pool, username, password, ctx.request.id);
    if (!outcome.signedIn) {
      await Promise.all([byUser.record(username), byClient.record(ctx.clientId)]);
      failed(outcome.failure);
      throw new AppError('UNAUTHENTICATED', 'wrong username or password');
    }
    const { viewer, displayName, department } = outcome.signedIn;
    ctx.audit({ event: 'SIGN_IN', actor: viewer });
    return { token: await signToken(viewer, ctx.config), me: describe(viewer, { display_name: displayName, department }) };
  }

  @FieldResolver(() => MayCreate, { description: 'Which records you may create: the same table the create mutations check.' })
  mayCreate(@Root() me: Me): MayCreate {
    const role = me.role as Role;
    return {
      hazard: mayCreate(role, 'hazard'),
      enterprise: mayCreate(role, 'enterprise'),
      inspection: mayCreate(role, 'inspection'),
      roadSegment: mayCreate(role, 'roadSegment'),
      accident: mayCreate(role, 'accident'),
    };
  }

  @FieldResolver(() => [HistoryEntry], { description: 'Changes of your account (role, scope, active), oldest first; empty for the public.' })
  async history(@Root() me: Me, @Ctx() ctx: Context): Promise<HistoryEntry[]> {
    return me.id === null ? [] : loadHistory(ctx, 'user', me.id);
  }
}
