// The OpenAPI path items of one kind at one version, laid out like kube-apiserver's: collection and
// item paths (namespaced and cluster-scoped), the all-namespaces list, the deprecated /watch/
// paths, and the status and scale subresources. Operations carry kube's operationIds,
// `x-kubernetes-action` and `x-kubernetes-group-version-kind` (an object here; on schemas it is a
// list). kubectl relies on the PATCH operations: it checks that one exists for a kind, with a
// `fieldValidation` parameter, before it trusts the server to validate fields.
import type { JSONObject, KindRegistration, VersionedKind } from '../machinery/registration.js';
import { subresourcesOf } from './discovery.js';
import {
  deleteCollectionParams,
  deleteParams,
  listParams,
  nameParam,
  namespaceParam,
  patchParams,
  prettyParam,
  writeParams,
} from './openapi-parameters.js';
import { DELETE_OPTIONS_SCHEMA, PATCH_SCHEMA, ref, SCALE_SCHEMA, STATUS_SCHEMA, WATCH_EVENT_SCHEMA } from './openapi-meta-schemas.js';
import type { PatchType } from './patchtypes.js';

/** Media types the server encodes responses in (runtime/machinery serializer). */
const RESPONSE_TYPES = ['application/json', 'application/yaml'];
const STREAM_TYPES = ['application/json', 'application/yaml', 'application/json;stream=watch'];

type GVK = { group: string; version: string; kind: string };
type Operation = JSONObject;

/** What one operation returns and accepts, before the common fields are filled in. */
interface OperationSpec {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  action: string;
  operationId: string;
  description: string;
  gvk: GVK;
  params: JSONObject[];
  body?: JSONObject;
  responses: Record<string, { description: string; schema: string; types?: string[] }>;
}

/** kube-apiserver's operation-id words: letters kept, the first letter and every letter after a
 * separator upper-cased, everything else dropped ("networking.k8s.io" -> "NetworkingK8sIo"). */
function operationIdWord(s: string, capitalizeFirst = true): string {
  let out = '';
  let capitalize = capitalizeFirst;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const letter = /\p{L}/u.test(c) || c === '_';
    if (letter || (i > 0 && /\d/.test(c))) {
      out += capitalize ? c.toUpperCase() : c;
      capitalize = false;
    } else {
      capitalize = true;
    }
  }
  return out;
}

/** "Networking" + "V1" for networking.k8s.io/v1, "Core" + "V1" for the core group. */
function groupVersionWord(group: string, version: string): string {
  const g = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '');
  return operationIdWord(g) + operationIdWord(version);
}

export function groupVersionTag(group: string, version: string): string {
  const g = group === '' ? 'core' : group.replace(/\.k8s\.io$/, '');
  return `${operationIdWord(g, false)}_${operationIdWord(version, false)}`;
}

function toOperation(spec: OperationSpec, tag: string): Operation {
  const responses: JSONObject = {};
  for (const [code, r] of Object.entries(spec.responses)) {
    const content: JSONObject = {};
    for (const t of r.types ?? RESPONSE_TYPES) content[t] = { schema: ref(r.schema) };
    responses[code] = { description: r.description, content };
  }
  responses['401'] = { description: 'Unauthorized' };
  return {
    tags: [tag],
    description: spec.description,
    operationId: spec.operationId,
    ...(spec.params.length > 0 ? { parameters: spec.params } : {}),
    ...(spec.body ? { requestBody: spec.body } : {}),
    responses,
    'x-kubernetes-action': spec.action,
    'x-kubernetes-group-version-kind': spec.gvk,
  };
}

const objectBody = (schema: string): JSONObject => ({ content: { '*/*': { schema: ref(schema) } }, required: true });

function patchBody(patchTypes: readonly PatchType[]): JSONObject {
  const content: JSONObject = {};
  for (const t of patchTypes) content[t] = { schema: ref(PATCH_SCHEMA) };
  return { content, required: true };
}

/** Every path of `kind` served at `version` of `group`, keyed by URL template. `patchTypes` are
 * the kind's accepted patch types (patchTypesFor): kubectl sends a strategic merge patch only
 * when the PATCH operation lists it. */
export function kindPaths(
  group: string,
  version: string,
  kind: KindRegistration,
  versioned: VersionedKind,
  patchTypes: readonly PatchType[],
): Record<string, JSONObject> {
  const root = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const gv = groupVersionWord(group, version);
  const tag = groupVersionTag(group, version);
  const namespaced = kind.scope === 'Namespaced';
  const scopeWord = namespaced ? 'Namespaced' : '';
  const verbs = new Set(kind.verbs);
  const canPatch = verbs.has('patch') && patchTypes.length > 0;
  const gvk: GVK = { group, version, kind: kind.kind };
  const K = kind.kind;
  const kindSchema = versioned.schemaName;
  const listSchema = versioned.listSchemaName;

  const ok = (schema: string, types?: string[]) => ({ description: 'OK', schema, types });
  const created = (schema: string) => ({ description: 'Created', schema });
  const accepted = (schema: string) => ({ description: 'Accepted', schema });

  const collection = `${root}${namespaced ? '/namespaces/{namespace}' : ''}/${kind.plural}`;
  const item = `${collection}/{name}`;
  const pathParams = namespaced ? [namespaceParam] : [];
  const itemParams = [nameParam(K), ...pathParams];
  const paths: Record<string, JSONObject> = {};
  const add = (path: string, params: JSONObject[], ops: OperationSpec[]): void => {
    if (ops.length === 0) return;
    const pathItem: JSONObject = {};
    for (const op of ops) pathItem[op.method] = toOperation(op, tag);
    pathItem.parameters = [...params, prettyParam];
    paths[path] = pathItem;
  };

  // Collection: list, create, deletecollection.
  const collectionOps: OperationSpec[] = [];
  if (verbs.has('list')) {
    collectionOps.push({
      method: 'get', action: 'list', operationId: `list${gv}${scopeWord}${K}`,
      description: `list or watch objects of kind ${K}`, gvk,
      params: listParams(verbs.has('watch')),
      responses: { '200': ok(listSchema, verbs.has('watch') ? STREAM_TYPES : undefined) },
    });
  }
  if (verbs.has('create')) {
    collectionOps.push({
      method: 'post', action: 'post', operationId: `create${gv}${scopeWord}${K}`,
      description: `create a ${K}`, gvk, params: writeParams, body: objectBody(kindSchema),
      responses: { '200': ok(kindSchema), '201': created(kindSchema), '202': accepted(kindSchema) },
    });
  }
  if (verbs.has('deletecollection')) {
    collectionOps.push({
      method: 'delete', action: 'deletecollection', operationId: `delete${gv}Collection${scopeWord}${K}`,
      description: `delete a collection of ${K}`, gvk, params: deleteCollectionParams, body: optionalDeleteBody(),
      responses: { '200': ok(STATUS_SCHEMA) },
    });
  }
  add(collection, pathParams, collectionOps);

  // Item: read, replace, patch, delete.
  const itemOps: OperationSpec[] = [];
  if (verbs.has('get')) {
    itemOps.push({
      method: 'get', action: 'get', operationId: `read${gv}${scopeWord}${K}`,
      description: `read the given ${K}`, gvk, params: [], responses: { '200': ok(kindSchema) },
    });
  }
  if (verbs.has('update')) {
    itemOps.push({
      method: 'put', action: 'put', operationId: `replace${gv}${scopeWord}${K}`,
      description: `replace the given ${K}`, gvk, params: writeParams, body: objectBody(kindSchema),
      responses: { '200': ok(kindSchema), '201': created(kindSchema) },
    });
  }
  if (canPatch) {
    itemOps.push({
      method: 'patch', action: 'patch', operationId: `patch${gv}${scopeWord}${K}`,
      description: `partially update the given ${K}`, gvk, params: patchParams, body: patchBody(patchTypes),
      responses: { '200': ok(kindSchema), '201': created(kindSchema) },
    });
  }
  if (verbs.has('delete')) {
    itemOps.push({
      method: 'delete', action: 'delete', operationId: `delete${gv}${scopeWord}${K}`,
      description: `delete a ${K}`, gvk, params: deleteParams, body: optionalDeleteBody(),
      responses: { '200': ok(STATUS_SCHEMA), '202': accepted(STATUS_SCHEMA) },
    });
  }
  add(item, itemParams, itemOps);

  // Every namespace at once.
  if (namespaced && verbs.has('list')) {
    add(`${root}/${kind.plural}`, [], [{
      method: 'get', action: 'list', operationId: `list${gv}${K}ForAllNamespaces`,
      description: `list or watch objects of kind ${K}`, gvk, params: listParams(verbs.has('watch')),
      responses: { '200': ok(listSchema, verbs.has('watch') ? STREAM_TYPES : undefined) },
    }]);
  }

  // The deprecated /watch/ paths, still served (the request-info resolver understands them).
  if (verbs.has('watch')) {
    const watchOp = (operationId: string, action: string, params: JSONObject[]): OperationSpec => ({
      method: 'get', action, operationId, gvk, params,
      description: action === 'watch'
        ? `watch one ${K} (deprecated: list with watch=true and a metadata.name field selector)`
        : `watch the ${K} objects of a list (deprecated: list with watch=true)`,
      responses: { '200': ok(WATCH_EVENT_SCHEMA, STREAM_TYPES) },
    });
    const watchRoot = `${root}/watch`;
    const watchCollection = `${watchRoot}${namespaced ? '/namespaces/{namespace}' : ''}/${kind.plural}`;
    add(watchCollection, pathParams, [watchOp(`watch${gv}${scopeWord}${K}List`, 'watchlist', listParams(true))]);
    add(`${watchCollection}/{name}`, itemParams, [watchOp(`watch${gv}${scopeWord}${K}`, 'watch', listParams(true))]);
    if (namespaced) add(`${watchRoot}/${kind.plural}`, [], [watchOp(`watch${gv}${K}ListForAllNamespaces`, 'watchlist', listParams(true))]);
  }

  // Subresources: status speaks the kind itself, scale speaks autoscaling/v1 Scale.
  for (const sub of subresourcesOf(group, version, kind)) {
    const word = sub.name === 'status' ? 'Status' : 'Scale';
    const schema = sub.name === 'status' ? kindSchema : SCALE_SCHEMA;
    const subVerbs = new Set(sub.verbs);
    const subOps: OperationSpec[] = [
      {
        method: 'get', action: 'get', operationId: `read${gv}${scopeWord}${K}${word}`,
        description: `read ${sub.name} of the given ${K}`, gvk: sub.responseKind, params: [],
        responses: { '200': ok(schema) },
      },
      {
        method: 'put', action: 'put', operationId: `replace${gv}${scopeWord}${K}${word}`,
        description: `replace ${sub.name} of the given ${K}`, gvk: sub.responseKind, params: writeParams,
        body: objectBody(schema), responses: { '200': ok(schema), '201': created(schema) },
      },
    ];
    if (subVerbs.has('patch')) {
      subOps.push({
        method: 'patch', action: 'patch', operationId: `patch${gv}${scopeWord}${K}${word}`,
        description: `partially update ${sub.name} of the given ${K}`, gvk: sub.responseKind, params: patchParams,
        body: patchBody(patchTypes), responses: { '200': ok(schema), '201': created(schema) },
      });
    }
    add(`${item}/${sub.name}`, itemParams, subOps);
  }
  return paths;
}

function optionalDeleteBody(): JSONObject {
  return { content: { '*/*': { schema: ref(DELETE_OPTIONS_SCHEMA) } } };
}
