/**
 * The one place that turns errors into responses. Domain and store errors
 * carry a stable `code` and no HTTP; this maps codes to statuses. Unknown
 * errors become a 500 with the request id, logged, never with a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError, formatPath } from '@valueweb/core';
import { StoreError } from '@valueweb/store';

/** An error raised by a route with a stable code and a status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STORE_STATUS: Record<string, number> = {
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  store_locked: 503,
  store_unreachable: 503,
  migrations_pending: 503,
};

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** Maps any thrown value to a status and the `{error: {code, message, details}}` body. */
export function toErrorResponse(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) {
    return {
      status: err.status,
      body: {
        error: {
          code: err.code,
          message: err.message,
          ...(err.details !== undefined ? { details: err.details } : {}),
        },
      },
    };
  }
  if (err instanceof ValidationError) {
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: err.message,
          details: err.problems.map((p) => ({ ...p, field: formatPath(p.path) })),
        },
      },
    };
  }
  if (err instanceof StoreError) {
    return {
      status: STORE_STATUS[err.code] ?? 500,
      body: {
        error: {
          code: err.code,
          message: err.message,
          ...(err.details !== undefined ? { details: err.details } : {}),
        },
      },
    };
  }
  const fe = err as FastifyError;
  if (fe && typeof fe === 'object' && Array.isArray(fe.validation)) {
    const where = fe.validationContext ?? 'body';
    const details = fe.validation.map((v) => {
      const field = (v.instancePath || '').replace(/^\//, '').split('/').filter(Boolean).join('.');
      const keys = (v.params as { keys?: string[] } | undefined)?.keys;
      return {
        in: where,
        field: field || (keys ? keys.join(', ') : where),
        message:
          keys && v.keyword === 'unrecognized_keys'
            ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => JSON.stringify(k)).join(', ')}`
            : (v.message ?? 'invalid'),
      };
    });
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: `invalid ${where}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`,
          details,
        },
      },
    };
  }
  if (
    fe &&
    typeof fe === 'object' &&
    typeof fe.statusCode === 'number' &&
    fe.statusCode >= 400 &&
    fe.statusCode < 500
  ) {
    const code =
      fe.statusCode === 413
        ? 'payload_too_large'
        : fe.statusCode === 429
          ? 'rate_limited'
          : fe.statusCode === 415
            ? 'unsupported_media_type'
            : fe.statusCode === 404
              ? 'not_found'
              : 'bad_request';
    return { status: fe.statusCode, body: { error: { code, message: fe.message } } };
  }
  return {
    status: 500,
    body: {
      error: {
        code: 'internal',
        message: `internal error (request ${requestId}); it has been logged`,
        requestId,
      },
    },
  };
}

/** Fastify error handler using toErrorResponse. */
export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = toErrorResponse(err, request.id);
  if (status >= 500) request.log.error({ err }, 'request failed');
  void reply.status(status).send(body);
}
