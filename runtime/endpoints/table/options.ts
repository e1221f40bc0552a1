// `includeObject` and friends: what a Table request asks of each row, read from the query as
// kube-apiserver reads metav1.TableOptions (first value wins; anything unknown is a 400).
import { badRequest } from '../../machinery/errors.js';

export type IncludeObject = 'Metadata' | 'Object' | 'None';

export interface TableOptions {
  /** What each row's `object` holds: PartialObjectMetadata (default), the object, or null. */
  includeObject: IncludeObject;
}

type Query = Record<string, string | string[] | undefined>;

export function tableOptionsFromQuery(query: Query): TableOptions {
  const raw = query['includeObject'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '' || value === 'Metadata') return { includeObject: 'Metadata' };
  if (value === 'Object' || value === 'None') return { includeObject: value };
  throw badRequest(
    `Unable to convert to Table as requested: includeObject: Invalid value: ${JSON.stringify(value)}: ` +
      `must be 'Metadata', 'Object', 'None', or empty`,
  );
}
