// Writes emitAll's output into a temp tree inside the repo (test/.tmp-emit-XXXX/{generated,
// api-defs, runtime -> ../../runtime}) so the generated relative imports resolve, and loads the
// generated modules through tsx.

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { ApiModel } from '../../generator/model.js';
import { emitAll } from '../../generator/emit/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface EmittedTree {
  root: string;
  files: Map<string, string>;
  /** Imports `generated/<file>` (e.g. `example.com/v1/conversion.ts`). */
  load<T = Record<string, (...args: never[]) => unknown>>(file: string): Promise<T>;
  /** TypeScript diagnostics of every file in the tree, formatted. */
  typeCheck(): string[];
  remove(): Promise<void>;
}

export async function emitToTemp(model: ApiModel, hookFiles: Record<string, string> = {}): Promise<EmittedTree> {
  const files = emitAll(model);
  const root = await fs.mkdtemp(path.join(repoRoot, 'test', '.tmp-emit-'));
  await fs.symlink(path.join(repoRoot, 'runtime'), path.join(root, 'runtime'), 'dir');
  const written: string[] = [];
  const write = async (rel: string, text: string): Promise<void> => {
    const full = path.join(root, rel);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, text);
    written.push(full);
  };
  for (const [file, text] of files) await write(path.join('generated', file), text);
  for (const [file, text] of Object.entries(hookFiles)) await write(file, text);
  return {
    root,
    files,
    load: async <T>(file: string): Promise<T> =>
      (await import(pathToFileURL(path.join(root, 'generated', file)).href)) as T,
    typeCheck: () => {
      const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      };
      const program = ts.createProgram(written, options);
      return ts.getPreEmitDiagnostics(program).map((d) => {
        const where = d.file ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
        return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    },
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}
