/** Errors the store raises, with stable codes the server and CLI map to statuses and exit messages. */
export type StoreErrorCode =
  | 'store_locked'
  | 'store_unreachable'
  | 'not_found'
  | 'conflict'
  | 'migrations_pending'
  | 'precondition_failed';

/** A store error: a stable code, a one-line message a person can act on, optional details. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
