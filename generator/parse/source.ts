// One api-defs file loaded into ts-morph, with the display path used in every SourceLocation.
import path from 'node:path';
import type { Node, SourceFile } from 'ts-morph';
import type { SourceLocation } from '../model.js';

export interface DefsFile {
  sourceFile: SourceFile;
  /** Path relative to the input root's parent, forward slashes: "api-defs/x/v1/types.ts". */
  displayPath: string;
}

export function displayPathOf(inputDir: string, filePath: string): string {
  const root = path.dirname(path.resolve(inputDir));
  return path.relative(root, path.resolve(filePath)).split(path.sep).join('/');
}

export function locationOf(file: DefsFile, at: Node | number): SourceLocation {
  const line = typeof at === 'number' ? at : at.getStartLineNumber();
  return { file: file.displayPath, line };
}
