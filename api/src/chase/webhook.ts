import { createHmac } from 'node:crypto';
import type { WebhookConfig } from './chase.config';

/** What one attempt to post to the group robot came to, as app.webhook_deliveries records it. */
export interface DeliveryOutcome {
  delivered: boolean;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * The body of a text message for the group robot. WeCom (企业微信群机器人) and DingTalk
 * (钉钉自定义机器人) take the same text shape; DingTalk also takes whom to @, here nobody.
 */
export function webhookBody(config: Pick<WebhookConfig, 'format'>, content: string): Record<string, unknown> {
  const text = { msgtype: 'text', text: { content } };
  return config.format === 'dingtalk' ? { ...text, at: { isAtAll: false } } : text;
}

/**
 * DingTalk's 加签: the URL carries the time and an HMAC-SHA256 of "time\nsecret" keyed by the
 * secret, so the robot refuses a replayed or forged request. WeCom's key is in the URL itself.
 */
function signedUrl(config: WebhookConfig, now: number): string {
  if (config.format !== 'dingtalk' || !config.secret) return config.url;
  const sign = createHmac('sha256', config.secret).update(`${now}\n${config.secret}`).digest('base64');
  const url = new URL(config.url);
  url.searchParams.set('timestamp', String(now));
  url.searchParams.set('sign', sign);
  return url.toString();
}

/**
 * Posts one message. Both robots answer HTTP 200 with {"errcode": 0} when they accept it and
 * HTTP 200 with another errcode when they do not (a bad key, a rate limit): only errcode 0 is
 * delivered. Never throws: every outcome is recorded.
 */
export async function postToWebhook(config: WebhookConfig, content: string): Promise<DeliveryOutcome> {
  const started = Date.now();
  const outcome = (delivered: boolean, httpStatus: number | null, error: string | null): DeliveryOutcome =>
    ({ delivered, httpStatus, error: error?.slice(0, 500) ?? null, durationMs: Date.now() - started });
  try {
    const response = await fetch(signedUrl(config, started), {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(webhookBody(config, content)),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const answer = await response.text();
    if (!response.ok) return outcome(false, response.status, `HTTP ${response.status}: ${answer}`);
    let errcode: unknown = 0;
    try {
      errcode = (JSON.parse(answer) as { errcode?: unknown }).errcode ?? 0;
    } catch {
      return outcome(false, response.status, `not a robot's answer: ${answer}`);
    }
    return errcode === 0 ? outcome(true, response.status, null) : outcome(false, response.status, answer);
  } catch (error) {
    return outcome(false, null, (error as Error).message);
  }
}
