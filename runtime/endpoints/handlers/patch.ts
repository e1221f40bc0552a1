// PATCH: not implemented yet (runtime/endpoints/patchtypes.ts lists no patch type, so discovery
// does not advertise it either). The patch work replaces this handler.
import { methodNotSupported } from '../../machinery/errors.js';
import type { ResourceHandler } from './scope.js';

export const patchHandler: ResourceHandler = async (_ctx, scope) => {
  throw methodNotSupported(scope.mapping.group.group, scope.mapping.kind.plural, 'patch');
};
