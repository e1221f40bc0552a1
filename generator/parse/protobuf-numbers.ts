// `@protobuf` numbers must identify one field each within a type: a number used twice (or used
// both for a field and as the embedded struct of another) would decode one field's bytes into
// another.
import type { FieldModel } from '../model.js';
import type { ErrorSink } from './errors.js';

export function checkProtobufNumbers(typeName: string, fields: FieldModel[], sink: ErrorSink): void {
  const direct = new Map<number, string>(); // field number -> field name
  const embedded = new Map<number, string>(); // embedded struct's number -> first field name in it
  const paths = new Map<string, string>();
  for (const field of fields) {
    const path = field.markers.protobuf;
    if (!path) continue;
    const text = path.join('.');
    const fail = (other: string) =>
      sink.add(field.source, `duplicate @protobuf ${path[0]}: field '${other}' of ${typeName} uses it too`, `${typeName}.${field.name}`);
    const sameFull = paths.get(text);
    if (sameFull !== undefined) {
      fail(sameFull);
      continue;
    }
    paths.set(text, field.name);
    const [first] = path as [number];
    if (path.length === 1) {
      const other = embedded.get(first);
      if (other !== undefined) fail(other);
      direct.set(first, field.name);
    } else {
      const other = direct.get(first);
      if (other !== undefined) fail(other);
      if (!embedded.has(first)) embedded.set(first, field.name);
    }
  }
}
