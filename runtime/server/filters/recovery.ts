// Outermost error filter: a StatusError thrown anywhere becomes its Status response; anything
// else is a bug, logged with its stack and answered as a 500 InternalError Status.
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { StatusError } from '../../machinery/errors.js';
import { writeError } from '../../endpoints/responses.js';

export function recovery(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (!(err instanceof StatusError)) log.error({ err, method: ctx.method, url: ctx.url }, 'panic recovered');
      writeError(ctx, err);
    }
  };
}
