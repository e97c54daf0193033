import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Pool } from 'pg';
import type { ChaseConfig } from './chase.config';
import { postToWebhook } from './webhook';

/** A row of app.jobs as claimed. */
interface Job {
  id: number;
  kind: 'SWEEP' | 'PERIODIC_SWEEP' | 'WEBHOOK';
  payload: { onDay?: string; hazardIds?: string[]; chaseId?: number };
  attempts: number;
}

/**
 * How long a claimed job is this process's: a sweep of the whole ledger on a busy day may take
 * minutes, a delivery at most its timeout. After it, another process may claim the job again.
 */
const LEASE = '5 minutes';
const SWEEP_MAX_ATTEMPTS = 5;
const SWEEP_RETRY_MS = 60_000;

/**
 * Runs the jobs of app.jobs in this api process: the recurring sweep (app.chase_sweep), sweeps
 * asked for by name, and webhook deliveries. Each poll claims due jobs one at a time
 * (app.claim_job: `for update skip locked` and a lease), so two processes on one database
 * never run the same job, and a job whose process died is claimed again when its lease
 * ends. Nothing is held between polls: the embedded database's one connection is free for
 * the api's requests. A failing job is retried later; it never stops the process.
 */
export class JobRunner {
  private readonly worker = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private lastError = '';

  constructor(private readonly pool: Pool, private readonly config: ChaseConfig, private readonly log: (line: string) => void = () => {}) {}

  /** The job kinds this process claims: the periodic sweep only when it sweeps, deliveries only with a webhook. */
  private get kinds(): string[] {
    return ['SWEEP', ...(this.config.sweepSeconds > 0 ? ['PERIODIC_SWEEP'] : []), ...(this.config.webhook ? ['WEBHOOK'] : [])];
  }

  start(): void {
    this.timer ??= setInterval(() => void this.poll(), this.config.pollMs);
    void this.poll();
  }

  /** Stops polling and waits for the job in hand. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Runs every due job; resolves with how many ran. A poll already under way is joined, not doubled. */
  poll(): Promise<number> {
    this.running ??= this.runDue().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runDue(): Promise<number> {
    let ran = 0;
    try {
      for (;;) {
        const { rows: [job] } = await this.pool.query<Job>(
          `select id, kind, payload, attempts from app.claim_job($1::text[], $2, $3::interval) where id is not null`,
          [this.kinds, this.worker, LEASE]);
        if (!job) break;
        await this.run(job);
        ran += 1;
      }
      this.lastError = '';
    } catch (error) {
      // The database is away (it is the api's to report) or a statement failed: try at the
      // next poll, logging a repeated cause once.
      const message = (error as Error).message;
      if (message !== this.lastError) this.log(`jobs: ${message}`);
      this.lastError = message;
    }
    return ran;
  }

  private async run(job: Job): Promise<void> {
    let error: string | null = null;
    try {
      if (job.kind === 'WEBHOOK') error = await this.deliver(job);
      else await this.sweep(job);
    } catch (thrown) {
      error = (thrown as Error).message || String(thrown);
    }
    const webhook = this.config.webhook;
    const [retryMs, maxAttempts] = job.kind === 'WEBHOOK' && webhook
      ? [webhook.retryMs * 2 ** (job.attempts - 1), webhook.maxAttempts] : [SWEEP_RETRY_MS, SWEEP_MAX_ATTEMPTS];
    const again = job.kind === 'PERIODIC_SWEEP' ? `${this.config.sweepSeconds} seconds` : null;
    if (error) this.log(`jobs: ${job.kind} ${job.id} attempt ${job.attempts} failed: ${error}`);
    await this.pool.query('select app.finish_job($1, $2, $3::interval, $4, $5::interval)',
      [job.id, error, `${retryMs} milliseconds`, maxAttempts, again]);
  }

  private async sweep(job: Job): Promise<void> {
    const { rows: [row] } = await this.pool.query<{ made: number }>(
      'select app.chase_sweep(coalesce($1::date, app.today()), $2::bigint[], $3) as made',
      [job.payload.onDay ?? null, job.payload.hazardIds ?? null, this.config.webhook !== undefined]);
    if (row!.made > 0) this.log(`chase: ${row!.made} reminders and escalations taken`);
  }

  /** One attempt to post a chase; every attempt is recorded. Returns the error, or null when delivered. */
  private async deliver(job: Job): Promise<string | null> {
    const webhook = this.config.webhook!;
    const { rows: [chase] } = await this.pool.query<{ text: string }>('select text from hazard_chases where id = $1', [job.payload.chaseId]);
    if (!chase) return `chase ${job.payload.chaseId} not found`;
    const outcome = await postToWebhook(webhook, chase.text);
    await this.pool.query(
      `insert into app.webhook_deliveries (job_id, chase_id, attempt, format, duration_ms, http_status, delivered, error)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [job.id, job.payload.chaseId, job.attempts, webhook.format, outcome.durationMs, outcome.httpStatus, outcome.delivered, outcome.error]);
    return outcome.error;
  }
}
