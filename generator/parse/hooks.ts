// Hand-written hook files: conversion.ts and defaults.ts of a version, validation.ts of a group.
// Every exported function must be a hook for a type or kind that exists, so a typo'd hook name is
// an error instead of a hook that silently never runs.
import { Node } from 'ts-morph';
import type { ErrorSink } from './errors.js';
import { locationOf, type DefsFile } from './source.js';

interface ExportedFunction {
  name: string;
  line: number;
}

/** Exported functions (declarations or `const f = () => ...`); reports every other export. */
function exportedFunctions(file: DefsFile, sink: ErrorSink): ExportedFunction[] {
  const found: ExportedFunction[] = [];
  for (const statement of file.sourceFile.getStatements()) {
    const unsupported = () =>
      sink.add(locationOf(file, statement), 'hook files may only export functions (and types); found another export');
    if (Node.isFunctionDeclaration(statement)) {
      const name = statement.getName();
      // Overload signatures share the implementation's name.
      if (statement.isExported() && name && !found.some((f) => f.name === name)) {
        found.push({ name, line: statement.getStartLineNumber() });
      }
    } else if (Node.isVariableStatement(statement)) {
      if (!statement.isExported()) continue;
      for (const declaration of statement.getDeclarations()) {
        const init = declaration.getInitializer();
        if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) {
          found.push({ name: declaration.getName(), line: declaration.getStartLineNumber() });
        } else unsupported();
      }
    } else if (Node.isExportDeclaration(statement) || Node.isExportAssignment(statement)) {
      unsupported();
    } else if (
      (Node.isClassDeclaration(statement) || Node.isEnumDeclaration(statement) || Node.isModuleDeclaration(statement)) &&
      statement.isExported()
    ) {
      unsupported();
    }
  }
  return found;
}

export interface ConversionHooks {
  toInternal: string[];
  fromInternal: string[];
}

/** `<Type>ToInternal` / `<Type>FromInternal` for the types of one version. */
export function readConversionHooks(file: DefsFile, typeNames: string[], version: string, sink: ErrorSink): ConversionHooks {
  const hooks: ConversionHooks = { toInternal: [], fromInternal: [] };
  for (const { name, line } of exportedFunctions(file, sink)) {
    const match = /^(\w+?)(ToInternal|FromInternal)$/.exec(name);
    if (!match) {
      sink.add(
        locationOf(file, line),
        `unexpected export '${name}': conversion hooks are named <Type>ToInternal or <Type>FromInternal (do not export helpers)`,
      );
    } else if (!typeNames.includes(match[1])) {
      sink.add(locationOf(file, line), `conversion hook ${name} is for unknown type '${match[1]}': ${version} has no type ${match[1]}`);
    } else {
      (match[2] === 'ToInternal' ? hooks.toInternal : hooks.fromInternal).push(match[1]);
    }
  }
  return hooks;
}

/**
 * Hooks named `<prefix><Kind>` for the given kinds: `default<Kind>` in defaults.ts,
 * `validate<Kind>` in validation.ts.
 */
export function readKindHooks(file: DefsFile, prefix: string, kindNames: string[], owner: string, sink: ErrorSink): string[] {
  const kinds: string[] = [];
  for (const { name, line } of exportedFunctions(file, sink)) {
    const kind = name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
    if (!kind) {
      sink.add(locationOf(file, line), `unexpected export '${name}': hooks in this file are named ${prefix}<Kind> (do not export helpers)`);
    } else if (!kindNames.includes(kind)) {
      sink.add(locationOf(file, line), `hook ${name} is for unknown kind '${kind}': ${owner} has no kind ${kind}`);
    } else {
      kinds.push(kind);
    }
  }
  return kinds;
}
