// Output negotiation, done before any work so an unacceptable Accept is a 406 with no side effect.
import type { Context } from 'koa';
import { type MediaType, responseMediaType } from '../../machinery/serializer.js';

export function outputMediaType(ctx: Context): MediaType {
  return responseMediaType(ctx.get('accept') || undefined).mediaType;
}
