// OpenAPI parameter objects of the generic REST operations, inline (not by $ref): kubectl's
// field-validation check reads a PATCH operation's own `parameters` by name.
import type { JSONObject } from '../machinery/registration.js';

type Param = JSONObject;

const query = (name: string, description: string, schema: JSONObject): Param => ({
  name,
  in: 'query',
  description,
  schema: { uniqueItems: true, ...schema },
});
const queryString = (name: string, description: string): Param => query(name, description, { type: 'string' });
const queryBool = (name: string, description: string): Param => query(name, description, { type: 'boolean' });
const queryInt = (name: string, description: string): Param => query(name, description, { type: 'integer' });

export function nameParam(kind: string): Param {
  return { name: 'name', in: 'path', description: `name of the ${kind}`, required: true, schema: { type: 'string', uniqueItems: true } };
}

export const namespaceParam: Param = {
  name: 'namespace',
  in: 'path',
  description: 'object name and auth scope, such as for teams and projects',
  required: true,
  schema: { type: 'string', uniqueItems: true },
};

export const prettyParam = queryString('pretty', "If 'true', the output is pretty printed.");

const dryRun = queryString(
  'dryRun',
  'When present, the request is fully processed but not persisted. The only valid value is All.',
);
const fieldManager = queryString(
  'fieldManager',
  'Name of the actor making the change, recorded in managedFields (at most 128 printable characters).',
);
const fieldValidation = queryString(
  'fieldValidation',
  'What to do with unknown or duplicate fields in the request body: Ignore drops them, Warn drops them ' +
    'and returns a warning for each, Strict rejects the request.',
);
const force = queryBool('force', 'Force an apply request, taking over fields other managers own. Must be unset for other patch types.');

/** create (POST) and update (PUT). */
export const writeParams: Param[] = [dryRun, fieldManager, fieldValidation];
/** patch. */
export const patchParams: Param[] = [dryRun, fieldManager, fieldValidation, force];

const gracePeriodSeconds = queryInt('gracePeriodSeconds', 'Seconds to wait before deleting; 0 deletes immediately.');
const orphanDependents = queryBool('orphanDependents', 'Deprecated: use propagationPolicy. Whether dependents are orphaned.');
const propagationPolicy = queryString(
  'propagationPolicy',
  'How dependents are garbage collected: Orphan, Background or Foreground.',
);
/** delete of one object. */
export const deleteParams: Param[] = [dryRun, gracePeriodSeconds, orphanDependents, propagationPolicy];

const allowWatchBookmarks = queryBool('allowWatchBookmarks', 'Ask for BOOKMARK events on a watch; the server may ignore it.');
const continueParam = queryString('continue', 'The continue token of the previous page of a paginated list.');
const fieldSelector = queryString('fieldSelector', 'Restrict the returned objects by their fields. Defaults to everything.');
const labelSelector = queryString('labelSelector', 'Restrict the returned objects by their labels. Defaults to everything.');
const limit = queryInt('limit', 'The maximum number of objects to return; the list carries a continue token when more remain.');
const resourceVersion = queryString('resourceVersion', 'The resource version the list or watch starts from (see resourceVersionMatch).');
const resourceVersionMatch = queryString(
  'resourceVersionMatch',
  'How resourceVersion applies to a list: Exact or NotOlderThan.',
);
const sendInitialEvents = queryBool(
  'sendInitialEvents',
  'With watch=true, start the stream with synthetic ADDED events for the current objects, then a bookmark.',
);
const timeoutSeconds = queryInt('timeoutSeconds', 'Time limit of a list or watch call, regardless of activity.');
const watch = queryBool('watch', 'Watch for changes to the described resources and return them as a stream of events.');

/** list (and watch through `?watch=true`). `withWatch` drops the watch-only ones when watch is not served. */
export function listParams(withWatch: boolean): Param[] {
  const all = [
    allowWatchBookmarks,
    continueParam,
    fieldSelector,
    labelSelector,
    limit,
    resourceVersion,
    resourceVersionMatch,
    sendInitialEvents,
    timeoutSeconds,
    watch,
  ];
  const watchOnly = new Set([allowWatchBookmarks, sendInitialEvents, watch]);
  return withWatch ? all : all.filter((p) => !watchOnly.has(p));
}

/** deletecollection: the list selectors plus the delete options. */
export const deleteCollectionParams: Param[] = [
  continueParam,
  dryRun,
  fieldSelector,
  gracePeriodSeconds,
  labelSelector,
  limit,
  orphanDependents,
  propagationPolicy,
  resourceVersion,
  resourceVersionMatch,
  sendInitialEvents,
  timeoutSeconds,
];
