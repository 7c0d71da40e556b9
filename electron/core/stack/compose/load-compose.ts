import { dirname, resolve } from 'node:path';

import type { StackModel } from '../stack-model';
import { fileLayer } from './file-layer';
import type { Variables } from './interpolate';
import type { FileLayer, Location } from './layers';
import { mergeLayers } from './merge-layers';
import { hasErrors, type SourceProblem } from './source-problem';
import { stackModelFromLayers } from './stack-model-from-layers';
import { readYamlSource } from './yaml-source';

export interface ComposeLoad {
  /** Present exactly when `problems` holds no error. */
  model?: StackModel;
  /** Errors and warnings, each with its file and, where it has one, line and column. */
  problems: SourceProblem[];
  /** Where each secret and config is declared, for checks of their files that come later. */
  declarations: Record<'secrets' | 'configs', Record<string, Location>>;
}

/**
 * Loads a compose file and its extension files (later files override earlier ones), as
 * `docker stack deploy -c a.yml -c b.yml` would, into the deploy engine's stack model.
 *
 * `variables` is the whole interpolation environment, normally the environment file's variables:
 * the shell's environment is deliberately not consulted, so that a deploy depends on the files
 * alone and not on who runs it. Relative paths resolve against the first file's folder.
 */
export async function loadCompose(files: readonly string[], variables: Variables): Promise<ComposeLoad> {
  if (files.length === 0) throw new Error('loadCompose needs at least one compose file');
  const absolute = files.map((file) => resolve(file));
  const projectDir = dirname(absolute[0]!);

  const problems: SourceProblem[] = [];
  const layers: FileLayer[] = [];
  for (const file of absolute) {
    const read = await readYamlSource(file);
    problems.push(...read.problems);
    if (!read.source || hasErrors(read.problems)) continue;
    const converted = fileLayer(read.source, variables, projectDir);
    problems.push(...converted.problems);
    if (converted.layer) layers.push(converted.layer);
  }
  if (hasErrors(problems)) return { problems, declarations: { secrets: {}, configs: {} } };

  const merged = mergeLayers(layers);
  const built = stackModelFromLayers(merged);
  const origins = (kind: 'secrets' | 'configs') =>
    Object.fromEntries(Object.entries(merged[kind]).map(([name, resource]) => [name, resource.origin]));
  return {
    ...(built.model ? { model: built.model } : {}),
    problems: [...problems, ...built.problems],
    declarations: { secrets: origins('secrets'), configs: origins('configs') },
  };
}
