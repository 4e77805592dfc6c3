/**
 * The delivery worker: claims due deliveries (each by one instance, see
 * WebhookRepository.claimDue), sends them in parallel outside any
 * transaction and records each outcome. A failed attempt is retried after
 * base × 2^(attempt − 1), capped, up to `maxAttempts`; then the delivery is
 * marked failed and stays in the log, where a person can send it again.
 * Nothing here blocks a request: the app only writes rows and kicks the worker.
 */
import type { ClaimedDelivery, Store } from '@valueweb/store';
import type { SecretBox } from './secret-box.ts';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  sendWebhook,
  signBody,
  type SendResult,
} from './sender.ts';

export interface WebhookWorkerOptions {
  /** Total time a receiver has to answer (default 10 s). */
  timeoutMs?: number;
  /** First retry delay (default 30 s); doubles each attempt. */
  baseDelayMs?: number;
  /** Longest retry delay (default 1 h). */
  maxDelayMs?: number;
  /** Attempts before a delivery is marked failed (default 12: about 6 hours). */
  maxAttempts?: number;
  /** Longest sleep between looks for due deliveries (default 30 s). */
  pollMs?: number;
  /** Deliveries claimed at a time (default 20). */
  batch?: number;
  allowPrivate?: boolean;
  log?: { warn: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void };
  /** Clock for `sentAt` (tests). */
  now?: () => Date;
}

export const RETRY_DEFAULTS = {
  timeoutMs: 10_000,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 12,
  pollMs: 30_000,
  batch: 20,
} as const;

/** The delay before attempt `attempt + 1` after attempt `attempt` failed (null: give up). */
export function retryDelay(
  attempt: number,
  o: { baseDelayMs: number; maxDelayMs: number; maxAttempts: number },
): number | null {
  if (attempt >= o.maxAttempts) return null;
  return Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1));
}

export class WebhookWorker {
  readonly options: Required<Omit<WebhookWorkerOptions, 'log' | 'now'>>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** Set by stop(): a drain in progress ends after its batch. */
  private stopping = false;

  constructor(
    private readonly store: Store,
    private readonly box: SecretBox | null,
    private readonly opts: WebhookWorkerOptions = {},
  ) {
    this.options = {
      timeoutMs: opts.timeoutMs ?? RETRY_DEFAULTS.timeoutMs,
      baseDelayMs: opts.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs,
      maxDelayMs: opts.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
      maxAttempts: opts.maxAttempts ?? RETRY_DEFAULTS.maxAttempts,
      pollMs: opts.pollMs ?? RETRY_DEFAULTS.pollMs,
      batch: opts.batch ?? RETRY_DEFAULTS.batch,
      allowPrivate: opts.allowPrivate ?? false,
    };
  }

  /** Starts looking for due deliveries (now, and whenever the next one is due). */
  start(): void {
    if (!this.box) return;
    this.stopped = false;
    this.stopping = false;
    this.kick();
  }

  /** Something was queued: look now (never waits for the sending). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.drain()
      .then(() => undefined)
      .catch((e: unknown) => this.opts.log?.error({ err: e }, 'webhook delivery worker failed; it retries'))
      .finally(() => {
        this.running = null;
        void this.schedule();
      });
  }

  private async schedule(): Promise<void> {
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.kick();
      return;
    }
    let wait: number = this.options.pollMs;
    try {
      const due = await this.store.webhooks.nextDueInMs();
      if (due !== null) wait = Math.min(wait, Math.max(due, 10));
    } catch {
      /* the store is busy or closing: look again after the poll interval */
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref?.();
  }

  /** Sends everything due now (tests call it directly); returns how many attempts were made. */
  async drain(): Promise<number> {
    if (!this.box) return 0;
    let n = 0;
    for (;;) {
      const claimed = await this.store.webhooks.claimDue(this.options.batch, this.options.timeoutMs + 30_000);
      if (!claimed.length) return n;
      await Promise.all(claimed.map((d) => this.deliver(d)));
      n += claimed.length;
      if (this.stopping) return n;
    }
  }

  private async deliver(d: ClaimedDelivery): Promise<SendResult> {
    let result: SendResult;
    try {
      const secret = this.box!.open(d.secretCiphertext);
      const sentAt = (this.opts.now?.() ?? new Date()).toISOString();
      const body = JSON.stringify({ ...d.payload, sentAt });
      result = await sendWebhook(
        d.url,
        body,
        {
          [SIGNATURE_HEADER]: signBody(secret, body),
          [TIMESTAMP_HEADER]: String(Math.floor(Date.parse(sentAt) / 1000)),
          [EVENT_HEADER]: d.event,
          [DELIVERY_HEADER]: String(d.id),
        },
        { timeoutMs: this.options.timeoutMs, allowPrivate: this.options.allowPrivate },
      );
    } catch (e) {
      result = {
        delivered: false,
        statusCode: null,
        error: `cannot sign the delivery: ${(e as Error).message} (was VALUEWEB_SECRET_KEY changed?)`,
        ms: 0,
      };
    }
    const retryInMs = result.delivered ? null : retryDelay(d.attempts, this.options);
    await this.store.webhooks.recordAttempt(d.id, {
      delivered: result.delivered,
      statusCode: result.statusCode,
      error: result.error,
      retryInMs,
    });
    if (!result.delivered && retryInMs === null)
      this.opts.log?.warn(
        { delivery: d.id, endpoint: d.endpointId, error: result.error },
        `webhook delivery ${d.id} failed ${d.attempts} times; given up (it can be sent again from the delivery log)`,
      );
    return result;
  }

  /** Stops and waits for the deliveries in flight to be recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
