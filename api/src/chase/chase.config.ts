import { ConfigError } from '../config';

/** How this api process takes part in the chase (docs/chasing.md); read once with the rest of the config. */
export interface ChaseConfig {
  /** How often the recurring sweep runs (CHASE_SWEEP_SECONDS); 0: this process never claims it. */
  sweepSeconds: number;
  /** How often the job runner looks for due jobs (JOB_POLL_MS). */
  pollMs: number;
  /** The group robot to post chases to; undefined: nothing leaves the machine. */
  webhook: WebhookConfig | undefined;
}

export type WebhookFormat = 'wecom' | 'dingtalk';

export interface WebhookConfig {
  url: string;
  format: WebhookFormat;
  /** DingTalk's 加签 secret (NOTIFY_WEBHOOK_SECRET): the request is signed with it. */
  secret: string | undefined;
  /** Attempts before a delivery is given up (NOTIFY_WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Wait before the first retry, doubled each time (NOTIFY_WEBHOOK_RETRY_MS). */
  retryMs: number;
  /** One attempt's limit. */
  timeoutMs: number;
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

function webhook(env: NodeJS.ProcessEnv): WebhookConfig | undefined {
  const raw = env.NOTIFY_WEBHOOK_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('NOTIFY_WEBHOOK_URL', 'is not a URL (e.g. https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('NOTIFY_WEBHOOK_URL', 'must be an http(s) URL');
  const format = env.NOTIFY_WEBHOOK_FORMAT || 'wecom';
  if (format !== 'wecom' && format !== 'dingtalk') throw new ConfigError('NOTIFY_WEBHOOK_FORMAT', `must be wecom or dingtalk, got "${format}"`);
  return {
    url: url.toString(),
    format,
    secret: env.NOTIFY_WEBHOOK_SECRET || undefined,
    maxAttempts: whole(env, 'NOTIFY_WEBHOOK_MAX_ATTEMPTS', 6, 1, 50),
    retryMs: whole(env, 'NOTIFY_WEBHOOK_RETRY_MS', 30_000, 10, 86_400_000),
    timeoutMs: 10_000,
  };
}

export function readChaseConfig(env: NodeJS.ProcessEnv): ChaseConfig {
  return {
    sweepSeconds: whole(env, 'CHASE_SWEEP_SECONDS', 900, 0, 86_400),
    pollMs: whole(env, 'JOB_POLL_MS', 5000, 10, 600_000),
    webhook: webhook(env),
  };
}
