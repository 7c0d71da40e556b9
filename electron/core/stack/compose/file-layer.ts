import { isAbsolute, resolve } from 'node:path';

import { validateAgainstSchema } from './compose-schema';
import { isExtension, labelMap, stringMap } from './conventions';
import { interpolateFile } from './interpolate-file';
import type { Variables } from './interpolate';
import { emptyLayer, type FileLayer, type ResourceLayer } from './layers';
import { Reporter } from './reporter';
import { refuseKeys, serviceLayer } from './service-layer';
import { hasErrors, type SourceProblem } from './source-problem';
import type { YamlSource } from './yaml-source';

type Raw = Record<string, unknown>;
type ResourceKind = 'networks' | 'volumes' | 'secrets' | 'configs';

/** What each kind of top-level resource may say besides `external`, `name` and `labels`. */
const resourceKeys: Record<ResourceKind, string[]> = {
  networks: ['driver', 'driver_opts', 'attachable', 'internal'],
  volumes: ['driver', 'driver_opts'],
  secrets: ['file'],
  configs: ['file'],
};

/**
 * One compose file, interpolated, checked against the compose specification and converted to a
 * layer. Conversion only runs on a file the schema accepted, so it can trust the shapes.
 */
export function fileLayer(
  source: YamlSource,
  variables: Variables,
  projectDir: string,
): { layer?: FileLayer; problems: SourceProblem[] } {
  const interpolated = interpolateFile(source, variables);
  const schemaProblems = validateAgainstSchema(source, interpolated.data);
  const problems = [...interpolated.problems, ...schemaProblems];
  if (hasErrors(problems)) return { problems };

  const reporter = new Reporter(source);
  const data = (interpolated.data ?? {}) as Raw;
  const layer = emptyLayer();
  if (data.version !== undefined) reporter.warning(['version'], 'obsolete and ignored', { key: true });

  for (const [name, raw] of Object.entries((data.services ?? {}) as Record<string, Raw | null>)) {
    if (isExtension(name)) continue;
    const service = raw ?? {};
    layer.serviceOrigins[name] = reporter.locate(['services', name], { key: true });
    if (service.build !== undefined) layer.builds[name] = reporter.locate(['services', name, 'build'], { key: true });
    layer.services[name] = serviceLayer(name, service, {
      reporter,
      projectDir,
      variables,
      references: layer.references,
    });
  }
  for (const kind of ['networks', 'volumes', 'secrets', 'configs'] as const) {
    for (const [name, raw] of Object.entries((data[kind] ?? {}) as Record<string, Raw | null>)) {
      if (!isExtension(name)) layer[kind][name] = resourceLayer(kind, name, raw ?? {}, reporter, projectDir);
    }
  }
  return { layer, problems: [...problems, ...reporter.problems] };
}

function resourceLayer(
  kind: ResourceKind,
  name: string,
  raw: Raw,
  reporter: Reporter,
  projectDir: string,
): ResourceLayer {
  const path = [kind, name];
  const resource: ResourceLayer = { origin: reporter.locate(path, { key: true }) };
  refuseKeys(
    raw,
    ['external', 'name', 'labels', ...resourceKeys[kind]],
    path,
    reporter,
    'not supported by the deploy engine',
  );

  // `external: {name: x}` is the older spelling of `external: true` with `name: x`.
  const external = raw.external as boolean | { name?: string } | undefined;
  if (external !== undefined) resource.external = Boolean(external);
  const externalName = typeof external === 'object' ? external.name : undefined;
  if (externalName ?? raw.name) resource.name = (externalName ?? raw.name) as string;
  if (raw.name !== undefined && !resource.external && kind !== 'networks') {
    reporter.error([...path, 'name'], 'only external resources and networks can be named; the stack names its own', {
      key: true,
    });
  }
  if (raw.labels !== undefined) resource.labels = labelMap(raw.labels);
  if (raw.driver !== undefined) resource.driver = raw.driver as string;
  if (raw.driver_opts !== undefined) resource.driver_opts = stringMap(raw.driver_opts);
  if (raw.attachable !== undefined) resource.attachable = raw.attachable as boolean;
  if (raw.internal !== undefined) resource.internal = raw.internal as boolean;
  if (typeof raw.file === 'string') resource.file = isAbsolute(raw.file) ? raw.file : resolve(projectDir, raw.file);
  return resource;
}
