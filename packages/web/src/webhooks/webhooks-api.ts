/**
 * Webhook endpoints and their delivery logs over REST API v1
 * (server/src/routes/webhooks.ts; orchestrators only).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client.ts';

export type WebhookEvent = 'alert.raised' | 'alert.resolved';

export interface WebhookEndpoint {
  id: string;
  ecosystemId: string;
  url: string;
  description: string | null;
  events: WebhookEvent[];
  active: boolean;
  createdBy: string | null;
  createdAt: string;
  version: number;
  deliveries: {
    pending: number;
    delivered: number;
    failed: number;
    lastAttemptAt: string | null;
    lastStatusCode: number | null;
  };
}

export interface WebhookSettings {
  items: WebhookEndpoint[];
  enabled: boolean;
  disabledReason?: string;
  allowPrivate: boolean;
  events: WebhookEvent[];
  signature: {
    header: string;
    timestampHeader: string;
    eventHeader: string;
    deliveryHeader: string;
    algorithm: string;
  };
  retries: {
    maxAttempts: number;
    firstDelaySeconds: number;
    maxDelaySeconds: number;
    timeoutSeconds: number;
  };
}

export interface Delivery {
  id: number;
  endpointId: string;
  event: string;
  alertId: number | null;
  status: 'pending' | 'sending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: { alert?: { title?: string; severity?: string }; test?: boolean };
}

const enc = encodeURIComponent;
const base = (eco: string) => `/ecosystems/${enc(eco)}/webhooks`;

export const webhooksApi = {
  settings: (eco: string) => api.request<WebhookSettings>('GET', base(eco)),
  create: (eco: string, body: { url: string; description?: string; events: WebhookEvent[] }) =>
    api.request<WebhookEndpoint & { secret: string }>('POST', base(eco), { body }),
  update: (
    eco: string,
    id: string,
    patch: { active?: boolean; description?: string | null; events?: WebhookEvent[]; url?: string },
    version: number,
  ) => api.request<WebhookEndpoint>('PATCH', `${base(eco)}/${enc(id)}`, { body: patch, version }),
  remove: (eco: string, id: string, version: number) =>
    api.request<void>('DELETE', `${base(eco)}/${enc(id)}`, { version }),
  rotate: (eco: string, id: string) =>
    api.request<WebhookEndpoint & { secret: string }>('POST', `${base(eco)}/${enc(id)}/rotate-secret`),
  test: (eco: string, id: string) => api.request<Delivery>('POST', `${base(eco)}/${enc(id)}/test`),
  deliveries: (eco: string, id: string) =>
    api.request<{ items: Delivery[]; nextCursor: string | null }>(
      'GET',
      `${base(eco)}/${enc(id)}/deliveries`,
      { query: { limit: 50 } },
    ),
  retry: (eco: string, id: string, delivery: number) =>
    api.request<Delivery>('POST', `${base(eco)}/${enc(id)}/deliveries/${delivery}/retry`),
};

export const webhookKeys = {
  all: (eco: string) => ['webhooks', eco] as const,
  settings: (eco: string) => ['webhooks', eco, 'settings'] as const,
  deliveries: (eco: string, id: string) => ['webhooks', eco, 'deliveries', id] as const,
};

export function useWebhookSettings(eco: string, enabled = true) {
  return useQuery({ queryKey: webhookKeys.settings(eco), queryFn: () => webhooksApi.settings(eco), enabled });
}

/** The delivery log; refreshed every 2 s while something is on its way. */
export function useDeliveries(eco: string, id: string | null) {
  return useQuery({
    queryKey: webhookKeys.deliveries(eco, id ?? ''),
    queryFn: () => webhooksApi.deliveries(eco, id!),
    enabled: Boolean(id),
    refetchInterval: (q) =>
      q.state.data?.items.some((d) => d.status === 'pending' || d.status === 'sending') ? 2_000 : 15_000,
  });
}

/** A change to endpoints or deliveries, then everything webhooks show is refreshed. */
export function useWebhookMutation<A, R>(eco: string, fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: webhookKeys.all(eco) }),
  });
}
