// Watch: the seam the list-and-watch work replaces. Until then a clear 400, never a hang.
import { badRequest } from '../../machinery/errors.js';
import type { ResourceHandler } from './scope.js';

export const watchHandler: ResourceHandler = async () => {
  throw badRequest('watch is not supported yet');
};
