// Max-in-flight limit (kube's --max-requests-inflight / --max-mutating-requests-inflight): too
// many concurrent requests get 429 with Retry-After. Long-running requests (watch) are exempt.
// A placeholder for priority-and-fairness: two fixed budgets, no queues.
import type { Middleware } from 'koa';
import { tooManyRequests } from '../../machinery/errors.js';
import type { RequestInfo } from '../../endpoints/requestinfo.js';

export interface InFlightLimits {
  readOnly: number;
  mutating: number;
}

export const DEFAULT_INFLIGHT_LIMITS: InFlightLimits = { readOnly: 400, mutating: 200 };
const READ_ONLY_VERBS = new Set(['get', 'list', 'watch', 'head']);

export function maxInFlight(limits: InFlightLimits = DEFAULT_INFLIGHT_LIMITS): Middleware {
  let readOnly = 0;
  let mutating = 0;
  return async (ctx, next) => {
    const info = ctx.state.requestInfo as RequestInfo | undefined;
    if (info?.verb === 'watch') return next();
    const isReadOnly = READ_ONLY_VERBS.has(info?.verb ?? ctx.method.toLowerCase());
    if (isReadOnly ? readOnly >= limits.readOnly : mutating >= limits.mutating) {
      ctx.set('Retry-After', '1');
      throw tooManyRequests('Too many requests, please try again later.', 1);
    }
    if (isReadOnly) readOnly++;
    else mutating++;
    try {
      await next();
    } finally {
      if (isReadOnly) readOnly--;
      else mutating--;
    }
  };
}
