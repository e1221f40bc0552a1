// The selection predicate of list, watch and deletecollection (k8s.io/apiserver's
// storage.SelectionPredicate): a label selector and a field selector, parsed once per request
// for the URL's version of a kind, then evaluated per object.
import type { JSONObject } from '../machinery/registration.js';
import type { RESTMapping } from '../machinery/restmapper.js';
import { isObject } from '../machinery/objects.js';
import { type FieldSelector, parseFieldSelector } from './fieldselector.js';
import { type LabelSelector, parseLabelSelector } from './labelselector.js';

export interface SelectionPredicate {
  /** True when both selectors are empty (everything matches). */
  readonly empty: boolean;
  /** True when matches() reads only metadata (labels, name, namespace). Those are the same in
   * every version and in the internal object, so a caller may skip converting first. */
  readonly metadataOnly: boolean;
  readonly label: LabelSelector;
  readonly field: FieldSelector;
  /** Evaluated on a VERSIONED object (the URL's version): labels + fields. */
  matches(obj: JSONObject): boolean;
}

function labelsOf(obj: JSONObject): Record<string, string> {
  const meta = obj.metadata;
  const labels = isObject(meta) ? meta.labels : undefined;
  return isObject(labels) ? (labels as Record<string, string>) : {};
}

/**
 * Parses `labelSelector` and `fieldSelector` query values for a resource at a version;
 * invalid syntax or an unsupported field -> 400 BadRequest with kube's messages.
 */
export function selectionPredicate(mapping: RESTMapping, labelSelector?: string, fieldSelector?: string): SelectionPredicate {
  const label = parseLabelSelector(labelSelector);
  const field = parseFieldSelector(fieldSelector, mapping.versioned.selectableFields ?? []);
  return {
    empty: label.empty && field.empty,
    metadataOnly: field.metadataOnly,
    label,
    field,
    matches: (obj) => label.matches(labelsOf(obj)) && field.matches(obj),
  };
}
