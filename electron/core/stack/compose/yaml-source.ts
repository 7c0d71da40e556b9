import { readFile } from 'node:fs/promises';

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

import type { SourceProblem } from './source-problem';

/** A YAML file kept together with its syntax tree, so that a JSON path can be turned back into a line. */
export interface YamlSource {
  file: string;
  text: string;
  document: Document;
  lineCounter: LineCounter;
}

export type JsonPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** Reads and parses a YAML file; YAML syntax errors come back as problems with their position. */
export async function readYamlSource(file: string): Promise<{ source?: YamlSource; problems: SourceProblem[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    return { problems: [{ severity: 'error', file, message: `cannot read the file: ${reason}` }] };
  }
  const lineCounter = new LineCounter();
  // `<<` merge keys are YAML 1.1, but compose files use them for shared service fragments.
  const document = parseDocument(text, { lineCounter, merge: true, prettyErrors: false });
  const problems: SourceProblem[] = document.errors.map((error) => {
    const position = lineCounter.linePos(error.pos[0]);
    return {
      severity: 'error',
      file,
      line: position.line,
      column: position.col,
      message: `YAML syntax: ${error.message.split('\n')[0]}`,
    };
  });
  return { source: { file, text, document, lineCounter }, problems: problems };
}

export function positionAt(source: YamlSource, offset: number): Position {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Where the value at `path` is written, or with `key` where its key is. A path that leaves the
 * tree (a value inherited through a `<<` merge whose origin moved, a key that is missing) ends at
 * the deepest node that exists, which is still the right neighbourhood.
 */
export function nodeAt(source: YamlSource, path: JsonPath, options: { key?: boolean } = {}): Node | undefined {
  let node = source.document.contents;
  let found: Node | undefined = node ?? undefined;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(source.document) ?? null;
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = findPair(source, node, String(segment));
      if (!pair) break;
      if (isLast && options.key) return pair.key as Node;
      found = (pair.key as Node | null) ?? found;
      node = (pair.value as Node | null) ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = (node.items[segment] as Node | undefined) ?? null;
    } else {
      break;
    }
    if (!node) break;
    found = node;
  }
  return found;
}

export function positionOf(source: YamlSource, path: JsonPath, options: { key?: boolean } = {}): Position {
  const node = nodeAt(source, path, options);
  return positionAt(source, node?.range?.[0] ?? 0);
}

type Pair = { key: unknown; value: unknown };

function findPair(source: YamlSource, map: { items: Pair[] }, key: string): Pair | undefined {
  const direct = map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
  if (direct) return direct;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'symbol') continue;
    const merged = isAlias(pair.value) ? pair.value.resolve(source.document) : pair.value;
    if (isMap(merged)) {
      const inherited = findPair(source, merged, key);
      if (inherited) return inherited;
    }
  }
  return undefined;
}
