// Name lookup for the type names used in an api-defs file: its own declarations, the names it
// imports from _meta/types.ts (or, for internal.ts, from the hub version's types.ts), and the
// scalar aliases of _meta (int32, Time, ...) that map straight to a TypeRef.
import path from 'node:path';
import type { InterfaceDeclaration, TypeAliasDeclaration } from 'ts-morph';
import type { TypeRef } from '../model.js';
import type { DefsFile } from './source.js';

/** The aliases of _meta/types.ts that the generator knows by name. */
export const SCALAR_ALIASES: ReadonlyMap<string, TypeRef> = new Map<string, TypeRef>([
  ['int32', { kind: 'integer', format: 'int32' }],
  ['int64', { kind: 'integer', format: 'int64' }],
  ['IntOrString', { kind: 'intOrString' }],
  ['Quantity', { kind: 'intOrString', quantity: true }],
  ['Time', { kind: 'string', format: 'date-time' }],
]);

export type Declaration =
  | { kind: 'interface'; node: InterfaceDeclaration; exported: boolean }
  | { kind: 'alias'; node: TypeAliasDeclaration; exported: boolean };

export type Lookup =
  | { kind: 'scalar'; type: TypeRef }
  | { kind: 'declaration'; declaration: Declaration; owner: FileScope; name: string }
  | { kind: 'error'; detail: string };

export interface FileScopeOptions {
  /** Where the interfaces declared in this file live; undefined for hook files (internal.ts). */
  typeScope?: 'meta' | 'version';
  /** For internal.ts: its interfaces stand for the hub types of the same name. */
  interfacesFrom?: FileScope;
}

export class FileScope {
  readonly declarations = new Map<string, Declaration>();
  private readonly imports = new Map<string, { from: string; name: string }>();
  private readonly namespaces = new Map<string, string>();

  constructor(
    readonly file: DefsFile,
    /** Every type-declaring file by absolute path without extension, for import resolution. */
    private readonly known: ReadonlyMap<string, FileScope>,
    readonly options: FileScopeOptions,
  ) {
    const sourceFile = file.sourceFile;
    for (const node of sourceFile.getInterfaces()) {
      this.declarations.set(node.getName(), { kind: 'interface', node, exported: node.isExported() });
    }
    for (const node of sourceFile.getTypeAliases()) {
      this.declarations.set(node.getName(), { kind: 'alias', node, exported: node.isExported() });
    }
    const dir = path.dirname(sourceFile.getFilePath());
    for (const decl of sourceFile.getImportDeclarations()) {
      const spec = decl.getModuleSpecifierValue();
      const target = spec.startsWith('.') ? path.resolve(dir, spec).replace(/\.(js|ts)$/, '') : spec;
      const ns = decl.getNamespaceImport();
      if (ns) this.namespaces.set(ns.getText(), target);
      for (const named of decl.getNamedImports()) {
        const local = named.getAliasNode()?.getText() ?? named.getName();
        this.imports.set(local, { from: target, name: named.getName() });
      }
    }
  }

  get typeScope(): 'meta' | 'version' | undefined {
    return this.options.typeScope;
  }

  /** Resolves `Name` or `ns.Name` as written in this file. */
  lookup(written: string): Lookup {
    const dot = written.indexOf('.');
    if (dot >= 0) {
      const target = this.namespaces.get(written.slice(0, dot));
      if (target === undefined) return { kind: 'error', detail: `unknown type '${written}'` };
      return this.lookupIn(target, written.slice(dot + 1), written);
    }
    if (this.typeScope === 'meta' && SCALAR_ALIASES.has(written)) {
      return { kind: 'scalar', type: SCALAR_ALIASES.get(written)! };
    }
    const own = this.declarations.get(written);
    if (own) {
      if (own.kind === 'interface' && this.options.interfacesFrom) {
        return this.options.interfacesFrom.lookup(written);
      }
      return { kind: 'declaration', declaration: own, owner: this, name: written };
    }
    const imported = this.imports.get(written);
    if (imported) return this.lookupIn(imported.from, imported.name, written);
    return { kind: 'error', detail: `unknown type '${written}'` };
  }

  private lookupIn(target: string, name: string, written: string): Lookup {
    const scope = this.known.get(target);
    // A version may use its own types and _meta's, never another version's.
    if (!scope || (scope.typeScope !== 'meta' && scope !== this.options.interfacesFrom)) {
      return {
        kind: 'error',
        detail: `type '${written}' comes from '${path.basename(target)}'; only types of this file and _meta/types.ts can be used`,
      };
    }
    if (scope.typeScope === 'meta' && SCALAR_ALIASES.has(name)) {
      return { kind: 'scalar', type: SCALAR_ALIASES.get(name)! };
    }
    const declaration = scope.declarations.get(name);
    if (!declaration || !declaration.exported) {
      return { kind: 'error', detail: `unknown type '${written}': ${scope.file.displayPath} exports no type '${name}'` };
    }
    return { kind: 'declaration', declaration, owner: scope, name };
  }
}

/** The key under which a file is found by import resolution. */
export function scopeKey(filePath: string): string {
  return filePath.replace(/\.(js|ts)$/, '');
}
