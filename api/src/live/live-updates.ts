import { createPubSub, Repeater, SlidingBuffer } from '@graphql-yoga/subscription';
import type { Logger } from 'pino';
import type { Database, Listener } from '@risk/db';
import type { Extent, WriteLog } from '../common/derived-cache';
import { AppError, signInAgain } from '../common/errors';
import { RequestDb } from '../common/request-db';
import type { Viewer } from '../common/viewer';
import { NEWLY_OVERDUE, TODAY, VISIBLE_CHANGES } from './live.sql';
import { HazardChangeKind, type HazardChange, type LiveUpdate } from './live.type';

/** The channel the database announces changes on (db/migrations/0018_live.sql). */
const CHANNEL = 'live';
const TOPIC = 'live-batch';
/** Announcements arriving within this window go out as one update: one refetch per burst. */
const BATCH_MS = 100;
/** How often the api looks whether the day (app.today()) has changed, for NEWLY_OVERDUE. */
const DAY_CHECK_MS = 60_000;
/** Updates a slow subscriber may lag behind before the oldest are dropped (it then gets a resync). */
const SUBSCRIBER_BUFFER = 32;

/**
 * What the database (and the day's change) announced, before anyone's scope is applied: ids
 * and towns, never content. A towns entry is a town code and the sector it changed, or null
 * for every sector.
 */
export interface Batch {
  hazards: { id: string; kind: HazardChangeKind }[];
  towns: [string, string | null][];
  resync: boolean;
}

/** A signed-in client of the WebSocket, as its connection named it. */
export interface Subscriber {
  /** The viewer the token claims; each update re-reads the account (app.session_viewer). */
  viewer: Viewer;
  /** When the token expires (seconds since the epoch): no update goes out after it. */
  expiresAt: number;
  /** The client connected again after a loss: it first gets a resync. */
  resumed: boolean;
}

const RESYNC: LiveUpdate = { hazards: [], townCodes: [], resync: true };

interface Announcement {
  hazards?: { id: number | string; kind: HazardChangeKind }[];
  towns?: [string, string | null][] | null;
  extent?: Extent | null;
  resync?: boolean;
}

/**
 * The api process's live updates: hears what the database announces (LISTEN on its own
 * connection, or on the embedded database's one connection), adds the hazards that became
 * overdue when the day changes, and gives each subscriber what of it they may see. Every
 * api process hears every announcement, so a subscriber learns of a write whichever process
 * it went through.
 */
export class LiveUpdates {
  private readonly pubSub = createPubSub<{ [TOPIC]: [Batch] }>();
  private pending: Batch | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private dayTimer: NodeJS.Timeout | undefined;
  private listener: Listener | undefined;
  /** The last day seen by checkDay. */
  private day: string | undefined;

  /** `writes`: the process's record of writes, which renews its cached figures and tiles. */
  private constructor(private readonly db: Database, private readonly logger: Logger, private readonly writes: WriteLog) {}

  static async start(db: Database, logger: Logger, writes: WriteLog): Promise<LiveUpdates> {
    const live = new LiveUpdates(db, logger, writes);
    live.listener = await db.listen(CHANNEL, {
      message: (payload) => live.heard(payload),
      resumed: () => live.add({ hazards: [], towns: [], resync: true }),
    });
    await live.checkDay().catch((error: unknown) => logger.warn({ err: error }, 'live updates: reading today failed'));
    live.dayTimer = setInterval(() => {
      live.checkDay().catch((error: unknown) => logger.warn({ err: error }, 'live updates: the day check failed'));
    }, DAY_CHECK_MS).unref();
    return live;
  }

  async stop(): Promise<void> {
    clearInterval(this.dayTimer);
    clearTimeout(this.flushTimer);
    await this.listener?.close();
  }

  /**
   * Looks whether the day (app.today(), the one clock) has changed since `since` (default:
   * the day last seen), and announces the hazards that became overdue in between: no write
   * marks that moment. Every api process does this for its own subscribers.
   */
  async checkDay(since?: string): Promise<void> {
    const { rows: [row] } = await this.db.pool.query<{ today: string }>(TODAY);
    const today = row!.today;
    const previous = since ?? this.day;
    this.day = today;
    if (previous === undefined || previous >= today) return;
    const { rows } = await this.db.pool.query<{ id: string; town_code: string; sector: string; too_many: boolean }>(
      NEWLY_OVERDUE, [previous, today]);
    // Their towns' overdue figures changed without a write: cached ones are stale.
    this.writes.record({ towns: rows.map((hazard) => hazard.town_code), extents: [] });
    this.add({
      hazards: rows.map((hazard) => ({ id: hazard.id, kind: HazardChangeKind.NEWLY_OVERDUE })),
      towns: rows.map((hazard) => [hazard.town_code, hazard.sector]),
      resync: rows.some((hazard) => hazard.too_many),
    });
  }

  /**
   * The updates `subscriber` may see, one per batch that holds something for them: each
   * batch is read again as them (row-level security, the account as it is now). A
   * deactivated account or an expired token gets UNAUTHENTICATED, and the stream ends.
   */
  updatesFor(subscriber: Subscriber): AsyncIterableIterator<LiveUpdate | AppError> {
    return new Repeater<LiveUpdate | AppError>(async (push, stop) => {
      const batches = this.pubSub.subscribe(TOPIC)[Symbol.asyncIterator]();
      void stop.then(() => batches.return?.());
      if (subscriber.resumed) await push(RESYNC);
      for (let next = await batches.next(); !next.done; next = await batches.next()) {
        const update = await this.visibleTo(subscriber, next.value);
        if (update) await push(update);
        if (update instanceof AppError) break;
      }
      stop();
    }, new SlidingBuffer(SUBSCRIBER_BUFFER));
  }

  private async visibleTo(subscriber: Subscriber, batch: Batch): Promise<LiveUpdate | AppError | undefined> {
    if (Date.now() / 1000 >= subscriber.expiresAt) return signInAgain();
    if (batch.resync) return RESYNC;
    const db = new RequestDb(this.db.apiPool, subscriber.viewer, 'live');
    try {
      await db.begin();
      const [row] = await db.query<{ hazards: Omit<HazardChange, 'kind'>[]; towns: string[] }>(VISIBLE_CHANGES, [
        batch.hazards.map((hazard) => hazard.id),
        batch.towns.map(([town]) => town),
        batch.towns.map(([, sector]) => sector),
      ]);
      await db.finish(true);
      const visible = new Map(row!.hazards.map((hazard) => [hazard.hazardId, hazard]));
      const hazards = batch.hazards.flatMap(({ id, kind }) => {
        const hazard = visible.get(id);
        return hazard ? [{ ...hazard, kind }] : [];
      });
      if (hazards.length === 0 && row!.towns.length === 0) return undefined;
      return { hazards, townCodes: row!.towns, resync: false };
    } catch (error) {
      await db.finish(false).catch(() => undefined);
      if (error instanceof AppError && error.extensions.code === 'UNAUTHENTICATED') return error;
      // The database is away or busy: this subscriber cannot be told what changed, only that
      // something did; what they refetch goes through their scope as any query does.
      this.logger.warn({ err: error }, 'live updates: reading a batch as a subscriber failed');
      return RESYNC;
    }
  }

  private heard(payload: string): void {
    let announcement: Announcement;
    try {
      announcement = JSON.parse(payload) as Announcement;
    } catch {
      this.logger.warn({ payload }, 'live updates: an announcement that is not JSON');
      return;
    }
    const towns = announcement.towns ?? [];
    // Written by any session, through any api process: this process's caches renew too.
    this.writes.record({ towns: towns.map(([town]) => town), extents: announcement.extent ? [announcement.extent] : [] });
    this.add({
      hazards: (announcement.hazards ?? []).map(({ id, kind }) => ({ id: String(id), kind })),
      towns,
      resync: announcement.resync === true,
    });
  }

  /** Adds to the batch going out within BATCH_MS. */
  private add(batch: Batch): void {
    if (!this.pending) {
      this.pending = { hazards: [], towns: [], resync: false };
      this.flushTimer = setTimeout(() => this.flush(), BATCH_MS);
    }
    const pending = this.pending;
    pending.resync ||= batch.resync;
    const hazards = new Set(pending.hazards.map(({ id, kind }) => `${id}:${kind}`));
    for (const hazard of batch.hazards) if (!hazards.has(`${hazard.id}:${hazard.kind}`)) pending.hazards.push(hazard);
    const towns = new Set(pending.towns.map(([town, sector]) => `${town}:${sector}`));
    for (const place of batch.towns) if (!towns.has(`${place[0]}:${place[1]}`)) pending.towns.push(place);
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = undefined;
    if (batch) this.pubSub.publish(TOPIC, batch);
  }
}
