// The emitters' entry point: turns an ApiModel into the files of generated/ (paths relative to
// the output directory). Output is a pure function of the model, so two runs are identical.
// Every problem found is collected and thrown at once as GeneratorErrors.

import { GeneratorError, GeneratorErrors, type ApiModel, type GroupModel, type TypeModel } from '../model.js';
import { emitClients } from './client.js';
import { emitConversion } from './conversion.js';
import { planConversion } from './conversion-plan.js';
import { emitDeepCopy } from './deepcopy.js';
import { emitDefaults, typesWithDefaults } from './defaults.js';
import { emitMetaOpenAPI, emitVersionOpenAPI } from './openapi.js';
import { emitProtobuf, protobufTypes } from './protobuf.js';
import { emitGroupRegister, emitIndex, emitVersionRegister } from './register.js';
import { internalSpace, metaSpace, refOf, resolveRef, versionSpace, type TypeSpace } from './spaces.js';
import { emitTypes } from './types.js';
import { emitValidation } from './validation.js';

/** Every list kind's metadata is a ListMeta; if api-defs/_meta does not declare one, use this. */
function withListMeta(metaTypes: TypeModel[]): TypeModel[] {
  if (metaTypes.some((t) => t.name === 'ListMeta')) return metaTypes;
  const source = metaTypes[0]?.source ?? { file: 'api-defs/_meta/types.ts', line: 1 };
  const str = (name: string, doc: string) => ({ name, type: { kind: 'string' as const }, optional: true, markers: {}, doc, source });
  return [
    ...metaTypes,
    {
      name: 'ListMeta',
      doc: 'ListMeta is the metadata of a list: its resource version and continuation token.',
      source,
      fields: [
        str('selfLink', 'Deprecated, not set.'),
        str('resourceVersion', 'The resource version the list was read at.'),
        str('continue', 'Token to read the next page, when the list was limited.'),
        {
          name: 'remainingItemCount',
          type: { kind: 'integer', format: 'int64' },
          optional: true,
          markers: {},
          doc: 'How many items follow this page, when known.',
          source,
        },
      ],
    },
  ];
}

function checkRefs(space: TypeSpace, errors: GeneratorError[]): void {
  for (const type of space.types) {
    for (const field of type.fields) {
      const ref = refOf(field.type);
      if (ref && !resolveRef(space, ref)) {
        errors.push(new GeneratorError(field.source, `unknown type ${ref.name}`, `${type.name}.${field.name}`));
      }
    }
  }
}

function emitGroup(
  group: GroupModel,
  meta: TypeSpace,
  metaDefaulted: ReadonlySet<string>,
  metaProtobuf: ReadonlySet<string>,
  out: Map<string, string>,
  errors: GeneratorError[],
): void {
  const hub = group.versions.find((v) => v.name === group.hubVersion);
  if (!hub) {
    errors.push(new GeneratorError(group.source, `missing hub version ${group.hubVersion || '(none)'}`));
    return;
  }
  for (const typeName of Object.keys(group.internalFields).sort()) {
    if (!hub.types.some((t) => t.name === typeName)) {
      const fields = group.internalFields[typeName]!;
      const source = fields[0]?.source ?? group.source;
      errors.push(new GeneratorError(source, `internal fields for ${typeName}, which the hub version ${hub.name} does not declare`));
    }
  }
  const internal = internalSpace(group, hub, meta.meta);
  checkRefs(internal, errors);
  const add = ([file, text]: [string, string]): void => void out.set(file, text);
  add(emitTypes(internal));
  add(emitDeepCopy(internal));
  add(
    emitValidation(internal, {
      kinds: group.validationHooks,
      ...(group.validationFile !== undefined ? { file: group.validationFile } : {}),
    }),
  );

  const servedBy = new Map<string, string[]>();
  for (const version of group.versions) {
    const space = versionSpace(group, version, meta.meta);
    if (version !== hub) checkRefs(space, errors);
    const plan = planConversion(version, space, internal);
    errors.push(...plan.errors);
    for (const kind of plan.kinds) servedBy.set(kind, [...(servedBy.get(kind) ?? []), version.name]);
    const hooks = version.hooks;
    const hasConversionHooks = hooks.toInternal.length + hooks.fromInternal.length > 0;
    add(emitTypes(space));
    add(emitDeepCopy(space));
    const defaults = emitDefaults(space, metaDefaulted, {
      kinds: hooks.defaults,
      ...(hooks.defaultsFile !== undefined ? { file: hooks.defaultsFile } : {}),
    });
    if (defaults) add(defaults);
    add(emitConversion(space, plan, hasConversionHooks ? hooks.conversionFile : undefined));
    add(emitValidation(space));
    add(emitVersionOpenAPI(group, space, version.name));
    const protobuf = emitProtobuf(space, metaProtobuf);
    if (protobuf) add(protobuf);
    const decodable = protobufTypes(space, metaProtobuf);
    add(emitVersionRegister(group, space, version.name, plan.kinds, new Set(plan.kinds.filter((k) => decodable.has(k)))));
  }
  add(emitGroupRegister(group, internal, servedBy));
}

export function emitAll(model: ApiModel): Map<string, string> {
  const errors: GeneratorError[] = [];
  const files = new Map<string, string>();
  const meta = metaSpace(withListMeta(model.metaTypes));
  checkRefs(meta, errors);
  const metaDefaulted = typesWithDefaults(meta, new Set());
  const add = ([file, text]: [string, string]): void => void files.set(file, text);
  add(emitTypes(meta));
  add(emitDeepCopy(meta));
  const metaDefaults = emitDefaults(meta, metaDefaulted, { kinds: [] });
  if (metaDefaults) add(metaDefaults);
  add(emitValidation(meta));
  add(emitMetaOpenAPI(meta));
  const metaProtobuf = protobufTypes(meta, new Set());
  const metaDecoders = emitProtobuf(meta, metaProtobuf);
  if (metaDecoders) add(metaDecoders);
  for (const group of model.groups) emitGroup(group, meta, metaDefaulted, metaProtobuf, files, errors);
  add(emitIndex(model.groups));
  for (const file of emitClients(model.groups)) add(file);
  if (errors.length > 0) throw new GeneratorErrors(errors);
  // Sorted keys: callers that write files in map order get a stable order too.
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
